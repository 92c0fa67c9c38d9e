import Foundation
import Testing
import TongwenTestSupport

/// `repair`, `normalize`, `detect`, `transform` and encodings, end to end.
struct TextCommandsTests {
    typealias Tool = CommandLineTool
    static let seed = Repository.url("seeds/000_1bf7682267f199a3.txt").path

    @Test func repairGivesTheReviewedSeed() throws {
        let result = try Tool.run(["repair", Self.seed])
        #expect(result.status == 0)
        #expect(result.stdout == (try Data(contentsOf: Repository.url("seeds/000_1bf7682267f199a3.repaired.txt"))))
    }

    @Test func repairThenConvertGivesCleanArticles() throws {
        let hans = try Tool.run(["convert", "--repair", "--to", "hans", Self.seed])
        #expect(hans.status == 0)
        #expect(!hans.output.contains("(") || hans.output.contains("伯恩光学(惠州)"))
        #expect(hans.output.contains("深入对接东西部协作工作"))
        #expect(hans.output.contains("拓宽当地群众就业渠道"))
        #expect(!hans.output.contains("?"))
        let tw = try Tool.run(["convert", "--repair", "--to", "tw", Self.seed])
        #expect(tw.output.contains("深入對接東西部協作工作,並簽署"))
        #expect(!tw.output.contains("(xié)"))
    }

    @Test func normalizeForMatching() throws {
        let result = try Tool.run(["normalize", "--for", "matching"], stdin: "ＡＢＣ　阿諾・施瓦辛格  ⼈\n")
        #expect(result.status == 0)
        #expect(result.output == "ABC 阿諾·施瓦辛格 人\n")
        let again = try Tool.run(["normalize", "--for", "matching"], stdin: result.stdout)
        #expect(again.stdout == result.stdout)
    }

    @Test func normalizeNeedsAStep() throws {
        let result = try Tool.run(["normalize"], stdin: "x")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("tongwen: choose a step"))
    }

    @Test func detectPrintsTheScript() throws {
        #expect(try Tool.run(["detect"], stdin: "简体中文的发展").output == "hans\n")
        #expect(try Tool.run(["detect", Self.seed]).output == "hant\n")
        let json = try Tool.run(["detect", "--json", Self.seed])
        #expect(json.output.hasPrefix(#"{"file":"\#(Self.seed)","script":"hant","simplified":2,"traditional":"#))
        let two = try Tool.run(["detect", "-", Self.seed], stdin: "")
        #expect(two.output == "-: none\n\(Self.seed): hant\n")
    }

    @Test func transformRunsICU() throws {
        let result = try Tool.run(["transform", "--icu", "Han-Latin"], stdin: "马兴瑞\n中文")
        #expect(result.status == 0)
        #expect(result.output == "mǎ xìng ruì\nzhōng wén")
    }

    @Test func unknownTransformIsAUsageError() throws {
        let result = try Tool.run(["transform", "--icu", "Klingon-Latin"], stdin: "x")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("tongwen: unknown ICU transform ID 'Klingon-Latin'"))
    }

    @Test func legacyInputIsDecoded() throws {
        let gbk = Data([0xD6, 0xD0, 0xCE, 0xC4, 0xB5, 0xC4, 0xB7, 0xA2, 0xD5, 0xB9, 0x0A])
        let given = try Tool.run(["convert", "--to", "tw", "--encoding", "gbk"], stdin: gbk)
        #expect(given.output == "中文的發展\n")
        let detected = try Tool.run(["convert", "--to", "tw"], stdin: gbk)
        #expect(detected.output == "中文的發展\n")
        let big5 = Data([0xA4, 0xA4, 0xA4, 0xE5, 0xAA, 0xBA, 0xB5, 0x6F, 0xAE, 0x69])
        #expect(try Tool.run(["convert", "--to", "hans", "--encoding", "big5"], stdin: big5).output == "中文的发展")
    }

    @Test func badLegacyBytesAreAnError() throws {
        let result = try Tool.run(["convert", "--to", "tw", "--encoding", "gbk"], stdin: Data([0x41, 0xD6, 0xD0, 0x81, 0x7F]))
        #expect(result.status == 1)
        #expect(result.stderr == "tongwen: stdin: invalid gbk bytes 81 at byte offset 3\n")
        let lenient = try Tool.run(["convert", "--to", "tw", "--encoding", "gbk", "--lenient"], stdin: Data([0x41, 0xD6, 0x20]))
        #expect(lenient.output == "A\u{FFFD} ")
    }

    @Test func outputEncodingNamesMissingCharacters() throws {
        let big5 = try Tool.run(["convert", "--to", "tw", "--output-encoding", "big5"], stdin: "中文")
        #expect(big5.stdout == Data([0xA4, 0xA4, 0xA4, 0xE5]))
        let missing = try Tool.run(["convert", "--to", "tw", "--output-encoding", "big5"], stdin: "中文😀")
        #expect(missing.status == 1)
        #expect(missing.stderr == "tongwen: stdout: '😀' (U+1F600) at character offset 2 has no big5 form\n")
    }

    @Test func unknownEncodingIsAUsageError() throws {
        let result = try Tool.run(["convert", "--to", "tw", "--encoding", "latin9"], stdin: "x")
        #expect(result.status == 64)
        #expect(result.stderr == "tongwen: unknown encoding 'latin9'; valid encodings: auto, utf-8, gbk, gb18030, big5, big5-hkscs\n")
    }
}
