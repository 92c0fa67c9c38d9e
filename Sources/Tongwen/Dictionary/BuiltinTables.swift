/// The dictionaries and configs compiled into the binary.
struct BuiltinTables: Sendable {
    /// The archive section that lists the configs, one ``ConfigSpec/line`` each.
    static let configSection = "configs"
    /// The prefix of the archive sections that hold a ``PhraseTable``.
    static let tablePrefix = "table:"

    let archive: TableArchive
    let configs: [String: ConfigSpec]

    static let shared = BuiltinTables(archive: .embedded)

    init(archive: TableArchive) {
        self.archive = archive
        var configs: [String: ConfigSpec] = [:]
        if let (base, count) = archive.section(Self.configSection) {
            let text = String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
            for line in text.split(separator: "\n") {
                if let spec = ConfigSpec(line: line) { configs[spec.name] = spec }
            }
        }
        self.configs = configs
    }

    /// The compiled table of a level, a union of dictionaries such as `STPhrases+STPhrases_GeneratedFromRegionalPhrases`.
    func table(named name: String) -> PhraseTable? {
        guard let (base, count) = archive.section(Self.tablePrefix + name) else { return nil }
        return try? PhraseTable(storage: archive.storage, base: base, count: count)
    }

    func table(_ level: ConfigSpec.Level) -> PhraseTable {
        guard let table = table(named: level.tableName) else {
            fatalError("The compiled tables lack \(level.tableName); rebuild with `swift run tongwen-compile-data`.")
        }
        return table
    }

    func stage(_ spec: ConfigSpec.Stage) -> ConversionStage {
        ConversionStage(levels: spec.levels.map(table))
    }

    /// The pass that runs one OpenCC config exactly as OpenCC does.
    func pass(for spec: ConfigSpec) -> ConfigPass {
        ConfigPass(
            normalization: spec.normalization.map(stage),
            segmenter: spec.segmentation.map { MaxMatchSegmenter(table: table($0)) },
            chain: spec.chain.map(stage)
        )
    }

    func config(_ name: String) -> ConfigSpec {
        guard let spec = configs[name] else {
            fatalError("The compiled tables lack the config \(name); rebuild with `swift run tongwen-compile-data`.")
        }
        return spec
    }
}
