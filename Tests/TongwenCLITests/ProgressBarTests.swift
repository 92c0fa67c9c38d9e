import Foundation
import Testing
import TongwenTestSupport
@testable import tongwen

/// The progress bar: what it says, when it draws, and that it shows on terminals only.
struct ProgressBarTests {
    @Test func lineSaysBytesRateAndTimeLeft() {
        #expect(ProgressBar.line(done: 12_000_000, total: 40_000_000, elapsed: .milliseconds(500)) == "12.0 MB of 40.0 MB (30%), 24.0 MB/s, 0:02 left")
        #expect(ProgressBar.line(done: 1_250_000, total: nil, elapsed: .seconds(2)) == "1.3 MB, 0.6 MB/s")
        #expect(ProgressBar.line(done: 0, total: 5_000_000_000, elapsed: .seconds(1)) == "0.0 MB of 5000.0 MB (0%), 0.0 MB/s")
        #expect(ProgressBar.line(done: 1_000_000, total: 601_000_000, elapsed: .seconds(1)) == "1.0 MB of 601.0 MB (0%), 1.0 MB/s, 10:00 left")
    }

    @Test func drawsOnlyAfterTheDelayAndClearsAtTheEnd() {
        let clock = ContinuousClock()
        let start = clock.now
        var drawn: [String] = []
        let bar = ProgressBar(total: 100, delay: .seconds(1), clock: clock) { drawn.append($0) }
        bar.advance(by: 10, now: start + .milliseconds(300))
        #expect(drawn.isEmpty)
        bar.advance(by: 10, now: start + .seconds(2))
        bar.advance(by: 10, now: start + .seconds(2) + .milliseconds(50))
        #expect(drawn.count == 1)
        #expect(drawn.first?.hasPrefix("\r0.0 MB of 0.0 MB (20%)") == true)
        bar.finish()
        #expect(drawn.last == "\r\u{1B}[K")
    }

    @Test func quickJobsLeaveNoTrace() {
        var drawn: [String] = []
        let bar = ProgressBar(total: 100) { drawn.append($0) }
        bar.advance(by: 100)
        bar.finish()
        #expect(drawn.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx"), "needs pseudo-terminals"))
    func showsOnTerminalsOnlyAndNeverWhenQuiet() throws {
        let terminal = open("/dev/ptmx", O_RDWR | O_NOCTTY) // a pseudo-terminal
        try #require(terminal >= 0)
        defer { close(terminal) }
        let pipe = Pipe()
        let notTerminal = pipe.fileHandleForWriting.fileDescriptor
        #expect(ProgressBar.isTerminal(terminal))
        #expect(!ProgressBar.isTerminal(notTerminal))
        #expect(ProgressBar.make(total: 10, quiet: false, descriptor: terminal) != nil)
        #expect(ProgressBar.make(total: 10, quiet: true, descriptor: terminal) == nil)
        #expect(ProgressBar.make(total: 10, quiet: false, descriptor: notTerminal) == nil)
    }

    @Test(arguments: [["--quiet"], ["-q"], []])
    func pipedRunsWriteNothingToStandardError(flags: [String]) throws {
        let input = String(repeating: "汉字转换\n", count: 50_000)
        let result = try CommandLineTool.run(["convert", "--to", "hant"] + flags, stdin: input)
        #expect(result.status == 0)
        #expect(result.output == String(repeating: "漢字轉換\n", count: 50_000))
        #expect(result.stderr.isEmpty)
    }
}
