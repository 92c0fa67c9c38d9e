import FoundationEssentials

/// Terms a user converts their own way, with priority over the built-in
/// dictionaries: `source<TAB>target` per line (OpenCC's `key<TAB>cand1 cand2`
/// works too, the first candidate wins). A target equal to its source protects
/// the term from conversion.
public struct UserDictionary: Sendable {
    /// The terms, in file order.
    public let entries: [DictionaryEntry]

    /// Parses dictionary text; `name` is used in error messages.
    public init(text: String, name: String) throws(DictionaryFormatError) {
        try self.init(entries: DictionaryText.parse(text, file: name))
    }

    /// Reads a dictionary file.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DictionaryFormatError(file: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DictionaryFormatError(file: path, line: 0, message: "not valid UTF-8")
        }
        try self.init(text: text, name: path)
    }

    /// A dictionary of the given terms.
    public init(entries: [DictionaryEntry]) {
        self.entries = entries
    }
}

/// A table compiled at run time, with the bytes it points into.
struct OwnedPhraseTable: Sendable {
    let storage: TableStorage
    let table: PhraseTable

    /// Compiles entries; the first entry for a key wins.
    init(entries: [DictionaryEntry]) {
        var builder = PhraseTableBuilder()
        builder.add(entries)
        storage = TableStorage(copying: builder.build())
        // The builder's output always parses.
        table = try! PhraseTable(base: storage.base, count: storage.count)
    }
}

/// Finds the terms of user dictionaries, which are written as the user said.
struct UserTermFinder: TermFinder {
    let owned: OwnedPhraseTable
    private var table: PhraseTable { owned.table }

    init(table: OwnedPhraseTable) { owned = table }

    var tables: [PhraseTable] { [table] }

    var termStartTables: [PhraseTable] { [table] }

    func term(in text: UnsafeBufferPointer<UInt8>, at position: Int, first _: (scalar: UInt32, length: Int)) -> Term? {
        table.longestMatch(text.baseAddress!, from: position, end: text.count, fold: IdentityFold()).map {
            Term(length: $0.length, output: table.candidate(0, of: $0.value), rule: .user)
        }
    }
}
