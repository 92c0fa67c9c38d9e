/// Characters common in Chinese text: those that start a phrase or differ
/// between the scripts in the built-in dictionaries.
struct KnownCharacters: Sendable {
    private let tables: [PhraseTable]

    init(tables: BuiltinTables) {
        self.tables = ["STCharacters", "TSCharacters", "STPhrases+STPhrases_GeneratedFromRegionalPhrases", "TSPhrases"]
            .compactMap(tables.table(named:))
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        tables.contains { $0.startsKey(scalar.value) }
    }
}
