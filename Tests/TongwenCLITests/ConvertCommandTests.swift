import Foundation
import Testing
import TongwenTestSupport

/// `tongwen convert` end to end: the built binary, its output, messages and exit codes.
struct ConvertCommandTests {
    typealias Tool = CommandLineTool

    @Test func convertsStandardInputToStandardOutput() throws {
        let result = try Tool.run(["convert", "--to", "tw"], stdin: "软件和硬件\n头发\n")
        #expect(result.status == 0)
        #expect(result.output == "軟件和硬件\n頭髮\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func binaryIsSelfContained() throws {
        let folder = try Tool.temporaryFolder()
        let copy = folder.appendingPathComponent("tongwen")
        try FileManager.default.copyItem(at: Tool.binary, to: copy)
        let result = try Tool.run(["convert", "--to", "tw"], stdin: Data("汉字".utf8), in: FileManager.default.temporaryDirectory, executable: copy)
        #expect(result.status == 0)
        #expect(result.output == "漢字")
    }

    @Test func dashReadsStandardInput() throws {
        let result = try Tool.run(["convert", "--to", "hans", "-"], stdin: "漢字")
        #expect(result.output == "汉字")
    }

    @Test func convertsSeveralFilesInOrder() throws {
        let folder = try Tool.temporaryFolder()
        try "第一个\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "第二个".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["convert", "--to", "hant", "a.txt", "b.txt"], in: folder)
        #expect(result.status == 0)
        #expect(result.output == "第一個\n第二個")
    }

    @Test func seedBecomesTaiwanTraditional() throws {
        let result = try Tool.run(["convert", "--to", "tw", Repository.url("seeds/000_1bf7682267f199a3.txt").path])
        #expect(result.status == 0)
        for phrase in ["並簽署", "加強幹部人才", "真抓實幹", "典範", "貴州製造", "先進製造業"] {
            #expect(result.output.contains(phrase), "\(phrase)")
        }
    }

    @Test func jobsGiveIdenticalBytes() throws {
        let seed = try Data(contentsOf: Repository.url("seeds/000_1bf7682267f199a3.txt"))
        let input = Data(repeatElement(seed, count: 500).joined())
        let one = try Tool.run(["convert", "--to", "hans", "--jobs", "1"], stdin: input)
        let two = try Tool.run(["convert", "--to", "hans", "--jobs", "2"], stdin: input)
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout.count > input.count / 2)
        #expect(one.stdout == two.stdout)
    }

    @Test func segmentationCanBeGreedy() throws {
        let frequency = try Tool.run(["convert", "--config", "s2tw"], stdin: "这个东西被发明出来了，迈上新征程")
        #expect(frequency.output == "這個東西被發明出來了，邁上新征程")
        let greedy = try Tool.run(["convert", "--config", "s2tw", "--segmentation", "greedy"], stdin: "这个东西被发明出来了，迈上新征程")
        #expect(greedy.output == "這個東西被髮明出來了，邁上新徵程")
        let bad = try Tool.run(["convert", "--to", "tw", "--segmentation", "smart"], stdin: "x")
        #expect(bad.status == 64)
        #expect(bad.stderr == "tongwen: unknown segmentation 'smart'; valid: frequency, greedy\n")
    }

    @Test func explainPrintsChoicesAsJSONLines() throws {
        let result = try Tool.run(["convert", "--to", "tw", "--from", "hans", "--explain"], stdin: "被发明了")
        #expect(result.status == 0)
        #expect(result.output == """
        {"source":"被发","start":0,"end":2,"output":"被","alternatives":["被髮"],"rule":"segmentation"}
        {"source":"发明","start":1,"end":3,"output":"發明","alternatives":[],"rule":"phrase"}
        {"source":"了","start":3,"end":4,"output":"了","alternatives":["瞭"],"rule":"character"}

        """)
    }

    @Test func configNamesReproduceOpenCC() throws {
        let result = try Tool.run(["convert", "--config", "s2twp"], stdin: "鼠标和软件")
        #expect(result.output == "滑鼠和軟體")
    }

    @Test func bytesThatAreNotConvertedPassThrough() throws {
        // A BOM, CR LF, an invalid byte and a truncated sequence at the end.
        let input = Data([0xEF, 0xBB, 0xBF]) + Data("汉字\r\n".utf8) + Data([0xFF]) + Data("后\r\n".utf8) + Data([0xE6, 0xB1])
        let expected = Data([0xEF, 0xBB, 0xBF]) + Data("漢字\r\n".utf8) + Data([0xFF]) + Data("後\r\n".utf8) + Data([0xE6, 0xB1])
        let result = try Tool.run(["convert", "--to", "hant", "--from", "hans"], stdin: input)
        #expect(result.stdout == expected)
    }

    @Test func outputFileIsWrittenAndReplaced() throws {
        let folder = try Tool.temporaryFolder()
        try "旧内容".write(to: folder.appendingPathComponent("out.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["convert", "--to", "tw", "-o", "out.txt"], stdin: "简体", in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8) == "簡體")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test func failedRunLeavesTheTargetUntouched() throws {
        let folder = try Tool.temporaryFolder()
        try "旧内容".write(to: folder.appendingPathComponent("out.txt"), atomically: true, encoding: .utf8)
        try "有效".write(to: folder.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["convert", "--to", "tw", "-o", "out.txt", "in.txt", "missing.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: missing.txt: no such file\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8) == "旧内容")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["in.txt", "out.txt"])
    }

    @Test func userDictionaryTakesPriority() throws {
        let folder = try Tool.temporaryFolder()
        try "# names\n于书记\t于書記\n\n软件\t软件\n鼠标\t滑鼠 鼠標\n".write(to: folder.appendingPathComponent("names.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["convert", "--to", "tw", "--from", "hans", "--dict", "names.txt"], stdin: "于书记用软件和鼠标", in: folder)
        #expect(result.status == 0)
        #expect(result.output == "于書記用软件和滑鼠")
    }

    @Test func earlierUserDictionaryWins() throws {
        let folder = try Tool.temporaryFolder()
        try "鼠标\t一\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "鼠标\t二\n".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["convert", "--to", "tw", "--dict", "a.txt", "--dict", "b.txt"], stdin: "鼠标", in: folder)
        #expect(result.output == "一")
    }

    @Test func malformedUserDictionaryNamesFileAndLine() throws {
        let folder = try Tool.temporaryFolder()
        try "# ok\n于书记\t于書記\n没有制表符\n".write(to: folder.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["convert", "--to", "tw", "--dict", "bad.txt"], stdin: "x", in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: bad.txt:3: expected 'source<TAB>target', found no tab\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingUserDictionary() throws {
        let result = try Tool.run(["convert", "--to", "tw", "--dict", "/nonexistent/names.txt"], stdin: "x")
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: /nonexistent/names.txt: no such file\n")
    }

    @Test(arguments: [
        (["convert", "--to", "klingon"], "tongwen: unknown target 'klingon'; valid targets: hans, hant, tw, twp, hk, hkp, cn, jp\n"),
        (["convert", "--config", "s2x"], "tongwen: unknown config 's2x'; valid configs: s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, s2hkp, hk2sp, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t\n"),
        (["convert", "--to", "tw", "--from", "xx"], "tongwen: unknown source 'xx'; valid sources: auto, hans, hant, tw, hk, jp\n"),
        (["convert", "--to", "tw", "--config", "s2t"], "tongwen: --to and --config cannot be used together\n"),
        (["convert"], "tongwen: give --to TARGET or --config NAME\n"),
        (["convert", "--config", "s2t", "--from", "hans"], "tongwen: --from does not apply to --config, whose name says the source\n"),
        (["convert", "--to", "tw", "--jobs", "0"], "tongwen: --jobs must be at least 1, not 0\n"),
    ])
    func usageErrorsExit64WithOneLine(arguments: [String], message: String) throws {
        let result = try Tool.run(arguments, stdin: "x")
        #expect(result.status == 64)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try Tool.run(["convert", "--to", "tw", "--frobnicate"], stdin: "x")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("tongwen: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func missingInputFile() throws {
        let result = try Tool.run(["convert", "--to", "tw", "/nonexistent/in.txt"])
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: /nonexistent/in.txt: no such file\n")
    }

    @Test func directoryAsInput() throws {
        let folder = try Tool.temporaryFolder()
        let result = try Tool.run(["convert", "--to", "tw", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: \(folder.path): is a directory, not a file\n")
    }

    @Test func unwritableOutput() throws {
        let result = try Tool.run(["convert", "--to", "tw", "-o", "/nonexistent/out.txt"], stdin: "x")
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: /nonexistent/out.txt: cannot write: no such file\n")
    }

    @Test func directoryAsOutput() throws {
        let folder = try Tool.temporaryFolder()
        let result = try Tool.run(["convert", "--to", "tw", "-o", folder.path], stdin: "x")
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: \(folder.path): is a directory, cannot write output there\n")
    }

    @Test func helpShowsExamples() throws {
        let root = try Tool.run(["--help"])
        #expect(root.status == 0)
        #expect(root.output.contains("Examples:"))
        #expect(root.output.contains("tongwen convert --to tw"))
        let convert = try Tool.run(["convert", "--help"])
        #expect(convert.status == 0)
        #expect(convert.output.contains("Examples:"))
        #expect(convert.output.contains("twp"))
        #expect(convert.output.contains("s2twp"))
    }

    /// `convert` is parsed on its own, for a faster start; it reads the same
    /// as through the whole command tree.
    @Test func convertsHelpIsTheTreesHelp() throws {
        let alone = try Tool.run(["convert", "--help"])
        #expect(alone.output.contains("USAGE: tongwen convert "))
        #expect(alone.output == (try Tool.run(["help", "convert"])).output)
    }
}
