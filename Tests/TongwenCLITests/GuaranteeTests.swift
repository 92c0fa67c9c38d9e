import Foundation
import Testing
import TongwenTestSupport

/// The promises of the README's "Guarantees" section, end to end.
struct GuaranteeTests {
    typealias Tool = CommandLineTool

    /// Bytes no command should touch: a BOM at the start and in the middle,
    /// CR LF, a stray continuation byte, an overlong form, a NUL, and a
    /// sequence cut short by the end of input.
    static func hostile(_ han: (String, String)) -> (input: Data, expected: Data) {
        let parts: [(Data, Data)] = [
            (Data([0xEF, 0xBB, 0xBF]), Data([0xEF, 0xBB, 0xBF])),
            (Data("\(han.0)\r\n".utf8), Data("\(han.1)\r\n".utf8)),
            (Data([0x80, 0xBF]), Data([0x80, 0xBF])),
            (Data("中".utf8), Data("中".utf8)),
            (Data([0xC0, 0xAF, 0x00]), Data([0xC0, 0xAF, 0x00])),
            (Data([0xEF, 0xBB, 0xBF]), Data([0xEF, 0xBB, 0xBF])),
            (Data("人\n".utf8), Data("人\n".utf8)),
            (Data([0xE6, 0xB1]), Data([0xE6, 0xB1])),
        ]
        return (parts.reduce(Data()) { $0 + $1.0 }, parts.reduce(Data()) { $0 + $1.1 })
    }

    @Test(arguments: [
        (["convert", "--to", "hant", "--from", "hans"], ("汉国", "漢國")),
        (["convert", "--to", "hans"], ("漢國", "汉国")),
        (["convert", "--to", "tw", "--repair"], ("汉国", "漢國")),
        (["repair"], ("汉国", "汉国")),
        (["normalize", "--for", "matching"], ("汉国", "汉国")),
        (["transform", "--icu", "Any-Null"], ("汉国", "汉国")),
    ])
    func invalidBytesPassThroughEveryCommand(arguments: [String], han: (String, String)) throws {
        let (input, expected) = Self.hostile(han)
        let result = try Tool.run(arguments, stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
        #expect(result.stderr.isEmpty)
    }

    @Test func veryLongLinesPassThrough() throws {
        let line = String(repeating: "a", count: 3_000_000) + "汉字" + String(repeating: "字", count: 1_000_000)
        let result = try Tool.run(["convert", "--config", "s2t"], stdin: line)
        #expect(result.stdout == Data((String(repeating: "a", count: 3_000_000) + "漢字" + String(repeating: "字", count: 1_000_000)).utf8))
    }

    @Test func strictStopsAtTheFirstInvalidSequence() throws {
        let folder = try Tool.temporaryFolder()
        try Data("旧内容".utf8).write(to: folder.appendingPathComponent("out.txt"))
        try Self.hostile(("汉国", "")).input.write(to: folder.appendingPathComponent("in.txt"))
        let result = try Tool.run(["convert", "--to", "hant", "--strict", "-o", "out.txt", "in.txt"], in: folder)
        #expect(result.status == 1)
        // BOM (3) + 汉国 (6) + CR LF (2): the stray continuation byte is byte 11.
        #expect(result.stderr == "tongwen: in.txt: invalid UTF-8 at byte 11 (--strict)\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8) == "旧内容")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["in.txt", "out.txt"])
    }

    @Test func strictNamesATruncatedEnd() throws {
        let result = try Tool.run(["repair", "--strict"], stdin: Data("汉字".utf8) + Data([0xE6, 0xB1]))
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: stdin: invalid UTF-8 at byte 6 (--strict)\n")
    }

    @Test func strictAcceptsValidText() throws {
        let result = try Tool.run(["convert", "--to", "hant", "--strict"], stdin: "汉字\r\n")
        #expect(result.status == 0)
        #expect(result.output == "漢字\r\n")
    }

    @Test func inPlaceRewritesEachFileKeepingItsPermissions() throws {
        let folder = try Tool.temporaryFolder()
        let first = folder.appendingPathComponent("a.txt"), second = folder.appendingPathComponent("b.txt")
        try "汉字\n".write(to: first, atomically: true, encoding: .utf8)
        try "软件\n".write(to: second, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: second.path)
        let result = try Tool.run(["convert", "--config", "s2t", "--in-place", "a.txt", "b.txt"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: first, encoding: .utf8) == "漢字\n")
        #expect(try String(contentsOf: second, encoding: .utf8) == "軟件\n")
        #expect(try FileManager.default.attributesOfItem(atPath: second.path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "b.txt"])
    }

    @Test func inPlaceLeavesAFileThatFailsAsItWas() throws {
        let folder = try Tool.temporaryFolder()
        try "汉字\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Data([0xE6, 0xB1, 0x89, 0xFF]).write(to: folder.appendingPathComponent("b.txt"))
        let result = try Tool.run(["convert", "--config", "s2t", "--strict", "--in-place", "a.txt", "b.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: b.txt: invalid UTF-8 at byte 3 (--strict)\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "漢字\n")
        #expect(try Data(contentsOf: folder.appendingPathComponent("b.txt")) == Data([0xE6, 0xB1, 0x89, 0xFF]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "b.txt"])
    }

    @Test(arguments: [
        (["convert", "--to", "tw", "--in-place"], "tongwen: --in-place needs files to write over, not stdin\n"),
        (["convert", "--to", "tw", "--in-place", "-"], "tongwen: --in-place needs files to write over, not stdin\n"),
        (["convert", "--to", "tw", "--in-place", "-o", "x.txt", "a.txt"], "tongwen: --in-place and -o cannot be used together\n"),
        (["repair", "--strict", "--lenient"], "tongwen: --strict and --lenient cannot be used together\n"),
    ])
    func conflictingOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try Tool.run(arguments, stdin: "x")
        #expect(result.status == 64)
        #expect(result.stderr == message)
    }

    @Test func unreadableInputIsNamed() throws {
        // Reading /proc/self/mem at offset 0 fails with EIO, even for root.
        let result = try Tool.run(["convert", "--to", "tw", "/proc/self/mem"])
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: /proc/self/mem: Input/output error\n")
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "needs /dev/full"))
    func fullDiskOnStandardOutputIsNamed() throws {
        let process = Process()
        process.executableURL = Tool.binary
        process.arguments = ["convert", "--to", "tw"]
        let input = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data("汉字\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "tongwen: stdout: cannot write: No space left on device\n")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func signalLeavesTheTargetAndNoTemporaryFile(signal: Int32) throws {
        let folder = try Tool.temporaryFolder()
        try "旧内容".write(to: folder.appendingPathComponent("out.txt"), atomically: true, encoding: .utf8)
        let live = try LiveProcess(["convert", "--config", "s2t", "-o", "out.txt"], in: folder)
        live.send("汉字\n")
        // Wait until the temporary file exists, then interrupt.
        try #require(Self.eventually { try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2 })
        kill(live.process.processIdentifier, signal)
        live.process.waitUntilExit()
        #expect(live.process.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8) == "旧内容")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test func aPipeThatStaysOpenStreamsOutputAsItGoes() throws {
        let live = try LiveProcess(["convert", "--to", "hant"], in: nil)
        // The source is detected on the first 500 characters; after that, line by line.
        let opening = String(repeating: "汉字", count: 300) + "\n"
        live.send(opening)
        #expect(Self.eventually { live.output == String(repeating: "漢字", count: 300) + "\n" })
        live.send("软件\n")
        #expect(Self.eventually { live.output.hasSuffix("\n軟件\n") })
        live.close()
        live.process.waitUntilExit()
        #expect(live.process.terminationStatus == 0)
    }

    /// Polls `condition` for up to 20 seconds.
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return false
    }
}

/// A running `tongwen` whose stdin stays open until closed, and whose output is collected as it comes.
final class LiveProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    init(_ arguments: [String], in directory: URL?) throws {
        process.executableURL = CommandLineTool.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.collected += data }
        }
        try process.run()
    }

    var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func close() { try? input.fileHandleForWriting.close() }
}
