@testable import Tongwen
import Synchronization
import Testing

struct PhraseTableTests {
    /// Tables built by tests stay alive for the whole test run.
    static let owners = Mutex<[OwnedPhraseTable]>([])

    func table(_ entries: [(String, String)]) -> PhraseTable {
        let owned = OwnedPhraseTable(entries: entries.map { DictionaryEntry(key: $0.0, candidates: $0.1.split(separator: " ").map(String.init)) })
        Self.owners.withLock { $0.append(owned) }
        return owned.table
    }

    func longest(_ table: PhraseTable, _ text: String, from offset: Int = 0) -> (Int, String)? {
        var text = text
        return text.withUTF8 { buffer in
            table.longestMatch(buffer.baseAddress!, from: offset, end: buffer.count, fold: IdentityFold()).map {
                ($0.length, table.candidates(of: $0.value)[0])
            }
        }
    }

    @Test func findsTheLongestKey() throws {
        let table = table([("中", "1"), ("中国", "2"), ("中国人民", "3"), ("𠀀", "4")])
        #expect(longest(table, "中国人")! == (6, "2"))
        #expect(longest(table, "中国人民共和国")! == (12, "3"))
        #expect(longest(table, "中")! == (3, "1"))
        #expect(longest(table, "𠀀中")! == (4, "4"))
        #expect(longest(table, "国") == nil)
        #expect(longest(table, "x中", from: 1)! == (3, "1"))
    }

    @Test func invalidBytesNeverMatch() {
        let table = table([("中", "1")])
        let bytes: [UInt8] = [0xE4, 0xB8] // a truncated 中
        let match = bytes.withUnsafeBufferPointer { table.longestMatch($0.baseAddress!, from: 0, end: 2, fold: IdentityFold()) }
        #expect(match == nil)
    }

    @Test func listsAllPrefixKeysShortestFirst() {
        let table = table([("中", "1"), ("中国", "2"), ("中国人民", "3")])
        var text = "中国人民"
        let lengths = text.withUTF8 { buffer in
            var matches = table.matches(in: buffer.baseAddress!, from: 0, end: buffer.count, fold: IdentityFold())
            var lengths: [Int] = []
            while let match = matches.next() { lengths.append(match.length) }
            return lengths
        }
        #expect(lengths == [3, 6, 12])
    }

    @Test func earlierEntriesWinAsInAUnion() {
        let table = table([("发", "發"), ("发", "髮")])
        #expect(longest(table, "发")!.1 == "發")
    }

    @Test func eachKeyKeepsItsOwnCandidatesInOrder() {
        let table = table([("干", "幹 乾 干"), ("后", "後 后"), ("中", "中"), ("发", "發 髮"), ("面", "麵 面")])
        for (key, candidates) in [("干", ["幹", "乾", "干"]), ("后", ["後", "后"]), ("中", ["中"]), ("发", ["發", "髮"]), ("面", ["麵", "面"])] {
            var text = key
            let value = text.withUTF8 { table.longestMatch($0.baseAddress!, from: 0, end: $0.count, fold: IdentityFold())!.value }
            #expect(table.candidates(of: value) == candidates)
        }
    }

    @Test func aKeyWithoutCandidatesIsLeftOut() {
        let owned = OwnedPhraseTable(entries: [DictionaryEntry(key: "空", candidates: []), DictionaryEntry(key: "中", candidates: ["中"])])
        Self.owners.withLock { $0.append(owned) }
        #expect(longest(owned.table, "空") == nil)
        #expect(longest(owned.table, "中")! == (3, "中"))
    }

    @Test func keepsAllCandidatesAndRecordsASCIIInKeys() {
        let table = table([("干", "幹 乾 干"), ("B超", "B超")])
        var text = "干"
        let value = text.withUTF8 { table.longestMatch($0.baseAddress!, from: 0, end: $0.count, fold: IdentityFold())!.value }
        #expect(table.candidates(of: value) == ["幹", "乾", "干"])
        #expect(table.asciiInKeys.contains(UInt8(ascii: "B")))
        #expect(!table.asciiInKeys.contains(UInt8(ascii: "\n")))
        #expect(table.maxKeyLength == 2)
    }
}
