import Foundation
import Testing
import TongwenTestSupport

/// `tongwen name …` end to end.
struct NameCommandTests {
    typealias Tool = CommandLineTool

    @Test func keysFromArgumentsAndStandardInput() throws {
        let arguments = try Tool.run(["name", "key", "馬興瑞", "MA Xing-rui", "廣東省省長馬興瑞"])
        #expect(arguments.status == 0)
        #expect(arguments.output == "ma xingrui\nma xingrui\nma xingrui\n")
        let lines = try Tool.run(["name", "key", "--characters"], stdin: "廣東省委書記李希\nXingrui Ma\n")
        #expect(lines.output == "李希\nma xingrui\n")
    }

    @Test func matchExitsZeroOrOne() throws {
        let same = try Tool.run(["name", "match", "馬興瑞", "Xingrui Ma"])
        #expect(same.status == 0)
        #expect(same.output == "馬興瑞\t马兴瑞\tma xingrui\nXingrui Ma\t-\tma xingrui\nsame (pinyin)\n")
        let different = try Tool.run(["name", "match", "--json", "李希", "李喜"])
        #expect(different.status == 1)
        #expect(different.stderr.isEmpty)
        #expect(different.output == #"{"first":{"name":"李希","characters":"李希","phonetic":"li xi"},"second":{"name":"李喜","characters":"李喜","phonetic":"li xi"},"same":false,"basis":"characters"}"# + "\n")
    }

    @Test func matchNeedsTwoNames() throws {
        let result = try Tool.run(["name", "match", "李希"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("tongwen: "))
    }

    @Test func romanizes() throws {
        #expect(try Tool.run(["name", "romanize", "马兴瑞", "欧阳修", "尉迟恭"]).output == "Ma Xingrui\nOuyang Xiu\nYuchi Gong\n")
        #expect(try Tool.run(["name", "romanize", "--tones"], stdin: "覃伟中\n").output == "Qín Wěizhōng\n")
    }

    @Test func extractsPeopleFromTheRepairedSeed() throws {
        let result = try Tool.run(["name", "extract", Repository.url("seeds/000_1bf7682267f199a3.repaired.txt").path])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == #"{"name":"李希","title":"廣東省委書記","start":89,"end":91}"#)
        #expect(lines.contains(#"{"name":"溫國輝","title":"廣州市市長","start":1500,"end":1503}"#))
        let names = Set(lines.compactMap { $0.split(separator: "\"").dropFirst(3).first })
        #expect(names.count == 18)
    }

    @Test func convertKeepsSurnamesRight() throws {
        let result = try Tool.run(["convert", "--to", "tw", "--from", "hans"], stdin: "于书记和钟先生，关于书记处的决定")
        #expect(result.output == "于書記和鍾先生，關於書記處的決定")
        let off = try Tool.run(["convert", "--to", "tw", "--from", "hans", "--no-names"], stdin: "于书记")
        #expect(off.output == "於書記")
    }
}
