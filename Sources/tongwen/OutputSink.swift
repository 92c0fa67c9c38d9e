import FoundationEssentials
import Glibc

/// Where output goes: stdout, or a file written through a temporary file in the
/// same folder that is renamed over the target only when everything succeeded.
final class OutputSink {
    private let target: String?
    private let temporary: String?
    private let descriptor: Int32

    init(path: String?) throws {
        guard let path else {
            target = nil
            temporary = nil
            descriptor = STDOUT_FILENO
            return
        }
        let url = URL(fileURLWithPath: path)
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw RunFailure(message: "\(path): is a directory, cannot write output there")
        }
        var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tongwen-XXXXXX").path.utf8CString)
        SignalCleanup.install()
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw RunFailure(message: "\(path): cannot write: \(InputFile.describe(errno))")
        }
        // Keep the target's permissions, or give a new file the usual ones.
        let umaskValue = umask(0)
        umask(umaskValue)
        fchmod(descriptor, stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o666 & ~umaskValue)
        self.target = path
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.temporary = temporary
        self.descriptor = descriptor
        SignalCleanup.watch(temporary)
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if let code = writeAll(bytes, to: descriptor) {
            throw RunFailure(message: "\(target ?? "stdout"): cannot write: \(InputFile.describe(code))")
        }
    }

    /// Makes the output visible: renames the temporary file over the target.
    func commit() throws {
        guard let target, let temporary else { return }
        defer { SignalCleanup.release() }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, target) == 0 else {
            let reason = InputFile.describe(errno)
            unlink(temporary)
            throw RunFailure(message: "\(target): cannot write: \(reason)")
        }
    }

    /// Removes the temporary file; the target stays as it was.
    func discard() {
        guard let temporary else { return }
        close(descriptor)
        unlink(temporary)
        SignalCleanup.release()
    }
}
