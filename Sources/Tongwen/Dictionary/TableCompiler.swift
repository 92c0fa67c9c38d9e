import FoundationEssentials

/// Compiles the text dictionaries and configs of a `Data/` folder into the table
/// archive that the binary embeds (`Sources/CTongwenData/tables.bin`).
public enum TableCompiler {
    /// A problem with the data; its description names the file.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The archive bytes for the data in `dataDirectory`. The same data always
    /// gives the same bytes.
    public static func compile(dataDirectory: URL) throws -> [UInt8] {
        let openCC = try openCCConfigs(in: dataDirectory)
        let additions = try additionNames(in: dataDirectory)
        let configs = openCC + openCC.map { $0.adding(additions) }
        var sections: [(name: String, bytes: [UInt8])] = [
            (BuiltinTables.configSection, Array(configs.map { $0.line + "\n" }.joined().utf8)),
        ]
        var seen: Set<String> = []
        for level in configs.flatMap(\.levels) where seen.insert(level.tableName).inserted {
            var builder = PhraseTableBuilder()
            for dictionary in level.dictionaries {
                builder.add(try entries(of: file(of: dictionary, in: dataDirectory)))
            }
            sections.append((BuiltinTables.tablePrefix + level.tableName, builder.build()))
        }
        sections += try FoldingTableCompiler.sections(dataDirectory: dataDirectory)
        sections += try NameTableCompiler.sections(dataDirectory: dataDirectory)
        sections.append((BuiltinTables.tablePrefix + WordFrequencies.tableName, try WordFrequencies.compile(dataDirectory: dataDirectory)))
        // What takes long to derive from the tables is derived here, from the tables as compiled.
        let tables = try BuiltinTables(archive: TableArchive(storage: TableStorage(copying: TableArchive.write(sections))))
        let pairSets = [
            (WordFrequencies.tableName, FrequencySegmenter.wordStarts(of: tables.table(named: WordFrequencies.tableName)!, through: tables.simplifiedView)),
            (FrequencySegmenter.wordPairsName, FrequencySegmenter.wordPairs(of: tables.table(named: WordFrequencies.tableName)!)),
            (NameTermFinder.termStartsName, NameTermFinder.termStarts(of: NameTables(tables: tables))),
        ]
        sections += pairSets.map { (BuiltinTables.pairsPrefix + $0, $1.bytes) }
        for name in seen.sorted() {
            let table = tables.table(named: name)!
            guard table.valueCount >= BuiltinTables.compiledKeyStartsMinimum, table.maxKeyLength > 1 else { continue }
            sections.append((BuiltinTables.keyStartsPrefix + name, KeyStarts(table: table).bytes))
        }
        return TableArchive.write(sections)
    }

    static func openCCDirectory(_ dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("opencc")
    }

    /// Tongwen's additions: `Data/tongwen/additions/NAME.txt` extends OpenCC's dictionary NAME.
    static let additionsFolder = "tongwen/additions"

    /// A dictionary's file: `Data/opencc/NAME.txt`, or `Data/FOLDER/NAME.txt` for `FOLDER/NAME`.
    static func file(of dictionary: String, in dataDirectory: URL) -> URL {
        let folder = dictionary.contains("/") ? dataDirectory : openCCDirectory(dataDirectory)
        return folder.appendingPathComponent(dictionary + ".txt")
    }

    /// The names of the OpenCC dictionaries that Tongwen extends.
    static func additionNames(in dataDirectory: URL) throws -> Set<String> {
        let folder = dataDirectory.appendingPathComponent(additionsFolder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(".txt".count)) })
    }

    /// OpenCC's configs, sorted by name.
    static func openCCConfigs(in dataDirectory: URL) throws -> [ConfigSpec] {
        let folder = openCCDirectory(dataDirectory).appendingPathComponent("config")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { file in
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            return try OpenCCConfigFile.parse(data, name: String(file.dropLast(".json".count)))
        }
    }

    static func entries(of file: URL) throws -> [DictionaryEntry] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw Failure(description: "\(file.path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(file.path): not UTF-8")
        }
        return try DictionaryText.parse(text, file: file.path)
    }
}
