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
}
