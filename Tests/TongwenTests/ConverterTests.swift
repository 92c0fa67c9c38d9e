import Foundation
import Testing
import Tongwen
import TongwenTestSupport

struct ConverterTests {
    @Test(arguments: [
        // Simplified to each Traditional target.
        (Target.hant, "软件和鼠标", "軟件和鼠標"),
        (.tw, "软件和鼠标", "軟件和鼠標"),
        (.twp, "软件和鼠标", "軟體和滑鼠"),
        (.hk, "软件和鼠标", "軟件和鼠標"),
        (.jp, "国语和历史", "国語和歴史"),
        // Traditional to Simplified, with Taiwan forms (OpenCC tw2s quality or better).
        (.hans, "看著他", "看着他"),
        (.hans, "別著急", "别着急"),
        (.hans, "著名", "著名"),
        (.hans, "顯著", "显著"),
        (.hans, "土著", "土著"),
        (.cn, "軟體和滑鼠", "软件和鼠标"),
    ])
    func convertsToTarget(target: Target, input: String, expected: String) {
        #expect(Converter(target: target).convert(input) == expected)
    }

    @Test(arguments: ["土著", "原著", "論著", "專著", "編著", "譯著", "遺著", "拙著", "卓著", "所著", "著有", "新著", "舊著"])
    func writtenWorksKeep著(word: String) {
        // Tongwen's additions (Data/tongwen/additions/TWVariantsRevPhrases.txt): OpenCC 1.4.2 gives 着.
        let simplified = Converter(target: .hans, from: .tw).convert(word)
        #expect(simplified.contains("著"), "\(word) → \(simplified)")
    }

    @Test func mixedTextKeepsItsTraditionalAndFixesLeftovers() {
        let converter = Converter(target: .hant)
        #expect(converter.convert("加強干部人才交流，真抓實干，貴州制造，并簽署") == "加強幹部人才交流，真抓實幹，貴州製造，並簽署")
        // Unambiguously Traditional characters stay as the author wrote them.
        #expect(converter.convert("乾隆皇帝的頭髮和後面") == "乾隆皇帝的頭髮和後面")
    }

    @Test func compatibilityIdeographsAreUnifiedWhereverTheyStand() {
        // OpenCC's configs normalize U+F900… and U+2F800… first; text without them skips that stage.
        #expect(Converter(config: .s2t).convert("\u{F900}汉字车\u{2F800}") == "豈漢字車麗")
        #expect(Converter(config: .t2s).convert("漢字\u{F900}車") == "汉字岂车")
        #expect(Converter(config: .s2t).convert("汉字车") == "漢字車")
    }

    @Test func sourceCanBeForced() {
        // 干 alone is ambiguous; from Simplified it becomes 幹, as OpenCC's s2t does.
        #expect(Converter(target: .hant, from: .hans).convert("干") == "幹")
        #expect(Converter(target: .hant, from: .hant).convert("干") == "干")
    }

    @Test func userTermsAreNeverConvertedAgain() {
        let names = UserDictionary(entries: [DictionaryEntry(key: "于书记", candidates: ["于書記"])])
        let converter = Converter(target: .twp, from: .hans, dictionaries: [names])
        #expect(converter.convert("于书记说软件") == "于書記說軟體")
    }

    @Test func bytesAndStringAgree() {
        let converter = Converter(config: .s2t)
        var output: [UInt8] = []
        converter.convert(Array("简体字".utf8), into: &output)
        #expect(output == Array("簡體字".utf8))
        #expect(converter.convert("简体字") == "簡體字")
    }

    @Test func appendsToTheCallersBuffer() {
        var output = Array("前:".utf8)
        Converter(config: .t2s).convert(Array("漢".utf8), into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "前:汉")
    }

    @Test func oneConverterSharedByManyTasksAgreesWithOnePerTask() async throws {
        let seed = try Repository.text("seeds/000_1bf7682267f199a3.txt")
        let shared = Converter(target: .tw)
        let expected = Converter(target: .tw).convert(seed)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { shared.convert(seed) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }
}
