import Testing
import Tongwen

struct DictionaryTextTests {
    @Test func readsEntriesAndSkipsCommentsAndBlankLines() throws {
        let text = "# a comment\n\n汉\t漢\r\n干\t幹 乾 干\n#不是\t词条\n"
        let entries = try DictionaryText.parse(text, file: "d.txt")
        #expect(entries == [
            DictionaryEntry(key: "汉", candidates: ["漢"]),
            DictionaryEntry(key: "干", candidates: ["幹", "乾", "干"]),
        ])
    }

    @Test func repeatedIdenticalLinesAreOneEntry() throws {
        let entries = try DictionaryText.parse("汉\t漢\n汉\t漢\n", file: "d.txt")
        #expect(entries.count == 1)
    }

    @Test(arguments: [
        ("没有制表符", "d.txt:1: expected 'source<TAB>target', found no tab"),
        ("a\tb\tc", "d.txt:1: expected one tab, found 2"),
        ("\t漢", "d.txt:1: empty source before the tab"),
        ("汉\t", "d.txt:1: no target after the tab for '汉'"),
        ("汉 字\t漢字", "d.txt:1: source '汉 字' contains a space"),
        ("汉\t漢\n\n汉\t汗", "d.txt:3: '汉' is already defined differently on line 1"),
    ])
    func reportsFileLineAndProblem(text: String, message: String) {
        #expect(throws: DictionaryFormatError.self) { try DictionaryText.parse(text, file: "d.txt") }
        do {
            _ = try DictionaryText.parse(text, file: "d.txt")
        } catch {
            #expect(error.description == message)
        }
    }

    /// A million entries (keys of two to four characters, as names and terms
    /// are) parse, compile and convert.
    @Test func aMillionEntryUserDictionaryLoads() throws {
        var text = "临时工\t臨時工\n"
        text.reserveCapacity(20_000_000)
        for index in 0..<999_999 {
            // Distinct keys: the index written in four characters of a 4,096-character block.
            var key = String.UnicodeScalarView()
            var rest = index
            for _ in 0..<(index < 4096 ? 2 : 4) {
                key.append(Unicode.Scalar(0x4E00 + UInt32(rest % 4096))!)
                rest /= 4096
            }
            let source = String(key)
            text += "\(source)\t\(String(source.reversed()))\n"
        }
        let dictionary = try UserDictionary(text: text, name: "big.txt")
        #expect(dictionary.entries.count == 1_000_000)
        let converter = Converter(target: .tw, dictionaries: [dictionary])
        #expect(converter.convert("临时工和汉字") == "臨時工和漢字")
    }
}
