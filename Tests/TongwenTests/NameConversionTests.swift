import Foundation
@testable import Tongwen
import Testing
import TongwenTestSupport

struct NameConversionTests {
    @Test(arguments: [
        ("于书记", "于書記"),
        ("范县长和于总经理", "范縣長和于總經理"),
        ("钟先生", "鍾先生"),
        ("叶部长", "葉部長"),
        ("余老师", "余老師"),
        ("范主任", "范主任"),
        ("郁医生", "郁醫生"),
        ("关于书记处的决定", "關於書記處的決定"),
        ("党委书记", "黨委書記"),
        ("业余老师", "業餘老師"),
        ("周杰伦和王杰", "周杰倫和王傑"),
        ("李连杰", "李連杰"),
        ("钱钟书", "錢鍾書"),
        ("钟南山院士", "鍾南山院士"),
        ("陈冲", "陳沖"),
        ("涂磊", "涂磊"),
        ("钟楚红", "鍾楚紅"),
        ("余光中、于右任、范冰冰、周润发", "余光中、于右任、范冰冰、周潤發"),
    ])
    func simplifiedToTraditional(input: String, expected: String) {
        #expect(Converter(target: .tw, from: .hans).convert(input) == expected)
        #expect(Converter(target: .hant).convert(input) == expected)
    }

    @Test(arguments: [("于謙", "于谦"), ("錢鍾書", "钱钟书"), ("徐乾學", "徐乾学"), ("關於書記處", "关于书记处"), ("葉部長", "叶部长")])
    func traditionalToSimplified(input: String, expected: String) {
        #expect(Converter(target: .hans).convert(input) == expected)
    }

    /// Bytes that are not UTF-8, some shaped like a three-byte character
    /// (overlong, a surrogate), some cut short, are copied; the names right
    /// after them are still found, and none is made across them.
    @Test(arguments: [[0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xE4], [0xFF], [0x80]] as [[UInt8]])
    func namesRightAfterBytesThatAreNotUTF8(broken: [UInt8]) {
        var output: [UInt8] = []
        Converter(target: .tw, from: .hans).convert(broken + Array("于书记".utf8) + broken + Array("钟先生".utf8) + broken, into: &output)
        #expect(output == broken + Array("于書記".utf8) + broken + Array("鍾先生".utf8) + broken)
        // Between a surname and a title they make no name: 于 is converted as a word.
        output = []
        Converter(target: .tw, from: .hans).convert(Array("于".utf8) + broken + Array("书记".utf8), into: &output)
        #expect(output == Array("於".utf8) + broken + Array("書記".utf8))
    }

    /// Runs of ASCII of every length around a word of eight bytes are passed
    /// over without missing the name that follows.
    @Test func namesRightAfterRunsOfASCII() {
        let converter = Converter(target: .tw, from: .hans)
        for length in 0...17 {
            let run = String(repeating: "a", count: length)
            #expect(converter.convert(run + "于书记" + run + "钟先生") == run + "于書記" + run + "鍾先生", "\(length)")
        }
    }

    @Test func openCCConfigsNeverTreatNames() {
        #expect(Converter(config: .s2tw).convert("于书记") == "於書記")
    }

    @Test func namesCanBeTurnedOff() {
        #expect(Converter(target: .tw, from: .hans, names: false).convert("于书记") == "於書記")
    }

    @Test func userDictionariesAddPeople() {
        let people = UserDictionary(entries: [DictionaryEntry(key: "于小杰", candidates: ["于小杰"])])
        #expect(Converter(target: .tw, from: .hans, dictionaries: [people]).convert("于小杰说") == "于小杰說")
    }
}

/// Invariants of Data/names/.
struct NameDataTests {
    static let folder = Repository.url("Data/names")

    @Test(arguments: NameTableCompiler.files.map { ($0.file, $0.columns) })
    func everyLineHasItsColumnsAndNoKeyRepeats(file: String, columns: Int) throws {
        let rows = try NameTableCompiler.rows(of: Self.folder.appendingPathComponent("\(file).txt"), columns: columns)
        #expect(!rows.isEmpty)
        let keys = rows.map { $0[0] }
        #expect(Set(keys).count == keys.count, "a repeated key in \(file).txt")
    }

    /// The conversion looks for people by their first two characters.
    @Test func everyPersonHasTwoCharactersOrMore() throws {
        let rows = try NameTableCompiler.rows(of: Self.folder.appendingPathComponent("people.txt"), columns: 4)
        #expect(rows.allSatisfy { $0[0].unicodeScalars.count >= 2 && $0[1].unicodeScalars.count >= 2 })
    }

    @Test(arguments: ["surnames", "titles", "people"])
    func bothScriptsAgree(file: String) throws {
        let rows = try NameTableCompiler.rows(of: Self.folder.appendingPathComponent("\(file).txt"), columns: file == "people" ? 4 : 3)
        let tables = BuiltinTables.shared
        let simplifiedToTraditional = tables.table(named: "STCharacters")!
        let traditionalToSimplified = tables.table(named: "TSCharacters")!
        for row in rows {
            let simplified = Array(row[0].unicodeScalars), traditional = Array(row[1].unicodeScalars)
            #expect(simplified.count == traditional.count, "\(row[0])")
            for (s, t) in zip(simplified, traditional) where s != t {
                let agree = simplifiedToTraditional.value(ofScalar: s.value).map { simplifiedToTraditional.candidates(of: $0, contain: t.value) } == true
                    || traditionalToSimplified.value(ofScalar: t.value).map { traditionalToSimplified.candidates(of: $0, contain: s.value) } == true
                #expect(agree, "\(row[0]) / \(row[1]): \(s) and \(t) are not one character in two scripts")
            }
        }
    }

    @Test func surnameListIsSeededFromFrisoWithCompoundSurnames() throws {
        let rows = try NameTableCompiler.rows(of: Self.folder.appendingPathComponent("surnames.txt"), columns: 3)
        #expect(rows.count > 500)
        let readings = Dictionary(rows.map { ($0[0], $0[2]) }, uniquingKeysWith: { first, _ in first })
        for (surname, reading) in [("单", "Shàn"), ("解", "Xiè"), ("曾", "Zēng"), ("区", "Ōu"), ("查", "Zhā"), ("仇", "Qiú"), ("朴", "Piáo"),
                                   ("覃", "Qín"), ("谌", "Chén"), ("缪", "Miào"), ("乐", "Yuè"), ("盖", "Gě"), ("召", "Shào"),
                                   ("万俟", "Mòqí"), ("尉迟", "Yùchí"), ("欧阳", "Ōuyáng"), ("诸葛", "Zhūgě"), ("司马", "Sīmǎ"),
                                   ("长孙", "Zhǎngsūn"), ("端木", "Duānmù"), ("上官", "Shàngguān")] {
            #expect(readings[surname] == reading, "\(surname)")
        }
    }
}

/// Surname readings against CLDR's Han-Latin-Names transform, from Debian
/// unicode-cldr-core, which `.ci/run` installs for this test; the test is
/// skipped where that package is missing.
struct SurnameReadingReferenceTests {
    static let reference = URL(fileURLWithPath: "/usr/share/unicode/cldr/common/transforms/Han-Latin-Names.xml")
    /// Where Tongwen knowingly differs: 莘 as a surname is Shēn (CLDR reads the place-name xīn).
    static let knownDifferences: Set<String> = ["莘"]

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reference.path)))
    func readingsAgreeWithCLDR() throws {
        let xml = try String(contentsOf: Self.reference, encoding: .utf8)
        let rows = try NameTableCompiler.rows(of: NameDataTests.folder.appendingPathComponent("surnames.txt"), columns: 3)
        let ours = Dictionary(rows.map { ($0[0], $0[2].lowercased()) }, uniquingKeysWith: { first, _ in first })
        var compared = 0
        // Rules such as `$startOfHanMarker{ 单→shàn;` or `曾→zēng;`.
        let rule = try NSRegularExpression(pattern: #"^(?:\$startOfHanMarker\{ )?(\p{Han})→(\p{L}+);"#, options: .anchorsMatchLines)
        for match in rule.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
            let character = (xml as NSString).substring(with: match.range(at: 1))
            let reading = (xml as NSString).substring(with: match.range(at: 2))
            guard let mine = ours[character], !Self.knownDifferences.contains(character) else { continue }
            compared += 1
            #expect(mine == reading, "\(character): Tongwen \(mine), CLDR \(reading)")
        }
        #expect(compared >= 25)
    }
}
