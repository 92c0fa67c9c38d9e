import FoundationEssentials
import Glibc

/// How far a long job has come, on one line of stderr that redraws itself:
/// bytes read, MB/s and, when the total is known, percent and time left.
/// Shown only when stderr is a terminal, and only once a job has run for a
/// second, so pipes, logs and quick jobs never see it.
final class ProgressBar {
    private let total: Int?
    private let start: ContinuousClock.Instant
    private let delay: Duration
    private let write: (String) -> Void
    private var done = 0
    private var lastDrawn: ContinuousClock.Instant?

    /// A bar for a job of `total` bytes (nil when unknown, as for a pipe), or
    /// nil when it must not show: `quiet`, or `descriptor` is not a terminal.
    static func make(total: Int?, quiet: Bool, descriptor: Int32 = STDERR_FILENO) -> ProgressBar? {
        guard !quiet, isTerminal(descriptor) else { return nil }
        return ProgressBar(total: total) { line in
            StandardError.write(line)
        }
    }

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    init(total: Int?, delay: Duration = .seconds(1), clock: ContinuousClock = ContinuousClock(), write: @escaping (String) -> Void) {
        self.total = total
        self.start = clock.now
        self.delay = delay
        self.write = write
    }

    /// Counts `bytes` more as done, redrawing at most five times a second.
    func advance(by bytes: Int, now: ContinuousClock.Instant = .now) {
        done += bytes
        let elapsed = now - start
        guard elapsed >= delay, lastDrawn.map({ now - $0 >= .milliseconds(200) }) ?? true else { return }
        lastDrawn = now
        write("\r" + Self.line(done: done, total: total, elapsed: elapsed) + "\u{1B}[K")
    }

    /// Clears the line, if anything was drawn.
    func finish() {
        if lastDrawn != nil { write("\r\u{1B}[K") }
    }

    /// The text of the bar: "12.0 MB of 40.0 MB (30%), 24.0 MB/s, 0:01 left".
    static func line(done: Int, total: Int?, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = megabytes(done)
        if let total, total > 0 {
            text += " of \(megabytes(total)) (\(min(100, done * 100 / total))%)"
        }
        text += ", \(megabytes(Int(rate)))/s"
        if let total, rate > 0 {
            let left = Int((Double(max(0, total - done)) / rate).rounded(.up))
            text += ", \(left / 60):\(String(left % 60).leftPadded(to: 2)) left"
        }
        return text
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
