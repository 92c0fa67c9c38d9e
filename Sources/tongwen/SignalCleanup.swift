import FoundationEssentials
import Glibc

/// Removes the output's temporary file when SIGINT, SIGTERM or SIGHUP ends
/// the process, then dies of the same signal, so an interrupted run leaves
/// the target as it was and nothing beside it.
enum SignalCleanup {
    /// The temporary file being written, as a C string the handler can read
    /// without allocating (unlink is async-signal-safe; Swift strings are not).
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Puts the handlers in place; call it before the temporary file exists,
    /// so that no signal can come between its creation and ``watch(_:)``'s
    /// effect and find no handler.
    static func install() {
        // A parent may have started us with these signals blocked (Foundation's
        // Process passes its thread's mask on); they must reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for number in signals {
            signal(number) { number in
                if let path = SignalCleanup.path { unlink(path) }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Removes `temporary` on a signal until ``release()``.
    static func watch(_ temporary: String) {
        release()
        path = strdup(temporary)
    }

    /// The temporary file is gone or renamed: nothing to clean up.
    static func release() {
        guard let current = path else { return }
        path = nil
        free(current)
    }
}
