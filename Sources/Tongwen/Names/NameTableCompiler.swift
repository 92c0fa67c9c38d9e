import FoundationEssentials

/// Compiles `Data/names/` into tables keyed by both scripts: each key's
/// candidates are the columns of its line (Simplified, Traditional, then the
/// rest), so a lookup in either script finds both forms.
enum NameTableCompiler {
    static let surnames = "names:surnames"
    static let titles = "names:titles"
    static let organisations = "names:organisations"
    static let people = "names:people"
    static let givenReadings = "names:given-readings"
    static let readings = "names:readings"
    static let surnameReadings = "names:surname-readings"

    /// The files, with how many columns each line has.
    static let files: [(table: String, file: String, columns: Int)] = [
        (surnames, "surnames", 3), (titles, "titles", 3), (organisations, "organisations", 2),
        (people, "people", 4), (givenReadings, "given-readings", 2),
    ]

    static func sections(dataDirectory: URL) throws -> [(name: String, bytes: [UInt8])] {
        try [
            (BuiltinTables.tablePrefix + readings, characterReadings(dataDirectory)),
            (BuiltinTables.tablePrefix + surnameReadings, surnameReadingKeys(dataDirectory)),
        ] + files.map { table, file, columns in
            let rows = try self.rows(of: dataDirectory.appendingPathComponent("names/\(file).txt"), columns: columns)
            var builder = PhraseTableBuilder()
            // Keys in the first column win over the same text in the second.
            builder.add(rows.map { DictionaryEntry(key: $0[0], candidates: $0) })
            if columns > 2 || table == organisations {
                builder.add(rows.map { DictionaryEntry(key: $0[1], candidates: $0) })
            }
            return (BuiltinTables.tablePrefix + table, builder.build())
        }
    }

    /// Unihan's kMandarin: each character's most common reading (the first listed).
    static func characterReadings(_ dataDirectory: URL) throws -> [UInt8] {
        let text = try String(contentsOf: dataDirectory.appendingPathComponent("unicode/Unihan_Mandarin.txt"), encoding: .utf8)
        var builder = PhraseTableBuilder()
        for line in text.split(separator: "\n") where line.hasPrefix("U+") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let code = UInt32(fields[0].dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code),
                  let reading = fields[2].split(separator: " ").first else { continue }
            builder.add([DictionaryEntry(key: String(scalar), candidates: [String(reading)])])
        }
        return builder.build()
    }

    /// Surname readings as romanized names write them (lowercase, no tones), to
    /// tell which word of `Xingrui Ma` is the surname.
    static func surnameReadingKeys(_ dataDirectory: URL) throws -> [UInt8] {
        let rows = try self.rows(of: dataDirectory.appendingPathComponent("names/surnames.txt"), columns: 3)
        var builder = PhraseTableBuilder()
        builder.add(rows.map { DictionaryEntry(key: Pinyin.withoutTones($0[2]).lowercased(), candidates: [$0[0]]) })
        return builder.build()
    }

    /// The tab-separated rows of a names file; `#` lines and blank lines are skipped.
    static func rows(of file: URL, columns: Int) throws -> [[String]] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var rows: [[String]] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns, !fields.contains(where: \.isEmpty) else {
                throw TableCompiler.Failure(description: "\(file.path):\(index + 1): expected \(columns) tab-separated columns")
            }
            rows.append(fields)
        }
        return rows
    }
}

/// The compiled name tables.
struct NameTables: Sendable {
    let surnames: PhraseTable
    let titles: PhraseTable
    let organisations: PhraseTable
    let people: PhraseTable
    let givenReadings: PhraseTable
    let readings: PhraseTable
    let surnameReadings: PhraseTable

    static let shared = NameTables(tables: .shared)

    init(tables: BuiltinTables) {
        surnames = tables.table(named: NameTableCompiler.surnames)!
        titles = tables.table(named: NameTableCompiler.titles)!
        organisations = tables.table(named: NameTableCompiler.organisations)!
        people = tables.table(named: NameTableCompiler.people)!
        givenReadings = tables.table(named: NameTableCompiler.givenReadings)!
        readings = tables.table(named: NameTableCompiler.readings)!
        surnameReadings = tables.table(named: NameTableCompiler.surnameReadings)!
    }
}
