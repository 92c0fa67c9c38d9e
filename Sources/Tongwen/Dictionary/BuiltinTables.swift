import Dispatch
/// The dictionaries and configs compiled into the binary.
struct BuiltinTables: Sendable {
    /// The archive section that lists the configs, one ``ConfigSpec/line`` each.
    static let configSection = "configs"
    /// The prefix of the archive sections that hold a ``PhraseTable``.
    static let tablePrefix = "table:"

    let archive: TableArchive
    /// Where each config's line lies in the config section, parsed when the
    /// config is asked for: a run uses one or two configs of 32, and parsing
    /// them all took a fifth of start-up.
    private let configLines: [String: Range<Int>]
    /// Every table, checked once: converters for each stream are built from here.
    private let tables: [String: PhraseTable]
    /// Configs, stages and segmenters, built once: stage shortcuts take a millisecond
    /// to build, and a converter with an `auto` source builds its plan anew
    /// for every text.
    private let configs = Locked<[String: ConfigSpec]>([:])
    private let stages = Locked<[String: ConversionStage]>([:])
    private let segmenters = Locked<[[UnsafeRawPointer?]: FrequencySegmenter]>([:])
    private let folds = Locked<[UnsafeRawPointer: CharacterFold]>([:])
    private let madeKeyStarts = Locked<[UnsafeRawPointer: KeyStarts]>([:])
    private let firstStageShortcuts = Locked<[[UnsafeRawPointer]: FirstStageShortcut?]>([:])

    static let shared = BuiltinTables(archive: .embedded)

    init(archive: TableArchive) {
        self.archive = archive
        var configLines: [String: Range<Int>] = [:]
        for line in Self.configSection(of: archive).split(separator: 0x0A) {
            // A line starts with its config's name and a tab.
            configLines[String(decoding: line.prefix { $0 != 0x09 }, as: UTF8.self)] = line.indices
        }
        self.configLines = configLines
        var tables: [String: PhraseTable] = [:]
        for name in archive.sectionNames where name.hasPrefix(Self.tablePrefix) {
            if let (base, count) = archive.section(name), let table = try? PhraseTable(base: base, count: count) {
                tables[String(name.dropFirst(Self.tablePrefix.count))] = table
            }
        }
        self.tables = tables
    }

    /// The compiled table of a level, a union of dictionaries such as `STPhrases+STPhrases_GeneratedFromRegionalPhrases`.
    func table(named name: String) -> PhraseTable? { tables[name] }

    func table(_ level: ConfigSpec.Level) -> PhraseTable {
        guard let table = table(named: level.tableName) else {
            fatalError("The compiled tables lack \(level.tableName); rebuild with `swift run tongwen-compile-data`.")
        }
        return table
    }

    func stage(_ spec: ConfigSpec.Stage) -> ConversionStage {
        stages.withLock { stages in
            let key = spec.levels.map(\.tableName).joined(separator: ",")
            if let stage = stages[key] { return stage }
            let levels = spec.levels.map(table)
            let stage = ConversionStage(levels: levels, keyStarts: levels.filter { $0.maxKeyLength > 1 }.map { keyStarts(of: $0) })
            stages[key] = stage
            return stage
        }
    }

    /// The pass that runs one config: with greedy segmentation exactly as
    /// OpenCC does, with frequency segmentation cut by ``FrequencySegmenter``.
    func pass(for spec: ConfigSpec, segmentation: Segmentation) -> ConfigPass {
        let levels = spec.chain.map { $0.levels.map(table) }
        // The stages and the segmenters need only the tables, not each other,
        // and each is about half of a config's start-up: two threads make them.
        let madeStages = Locked<(chain: [ConversionStage], normalization: [ConversionStage])>(([], []))
        let madeSegmenters = Locked<(config: (any Segmenter)?, secondStage: FrequencySegmenter?, firstStage: FirstStageShortcut?)>((nil, nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let stages = (spec.chain.map(stage), spec.normalization.map(stage))
                madeStages.withLock { $0 = stages }
            } else {
                let made = segmenters(for: spec, levels: levels, segmentation: segmentation)
                madeSegmenters.withLock { $0 = made }
            }
        }
        let (chain, normalization) = madeStages.withLock { $0 }
        let (segmenter, secondStageWeigher, firstStage) = madeSegmenters.withLock { $0 }
        return ConfigPass(normalization: normalization, segmenter: segmenter, chain: chain, secondStageWeigher: secondStageWeigher,
                          firstStage: firstStage)
    }

    /// The segmenter of a config whose chain looks keys up in `levels`, and
    /// for a chain of two whose first stage seldom applies, the frequency
    /// segmenter of the second stage alone; else, where the second seldom
    /// does, the ``FirstStageShortcut``.
    private func segmenters(for spec: ConfigSpec, levels: [[PhraseTable]], segmentation: Segmentation)
        -> (config: (any Segmenter)?, secondStage: FrequencySegmenter?, firstStage: FirstStageShortcut?) {
        let segmentationTable: [(table: PhraseTable, view: CharacterFold?)] = spec.segmentation.map { [(table($0), nil)] } ?? []
        let segmenter: (any Segmenter)? = switch segmentation {
        case .greedy: spec.segmentation.map { MaxMatchSegmenter(table: table($0)) }
        case .frequency:
            // A later stage's keys are looked up in the script the stage before writes,
            // approximated by that stage's character table (元数据 → 元數據 for TWPhrases).
            frequencySegmenter(phrases: segmentationTable
                + levels.enumerated().flatMap { index, stageLevels in
                    stageLevels.map { ($0, index == 0 ? nil : levels[index - 1].last.map(characterFold)) }
                })
        }
        guard segmentation == .frequency, levels.count == 2, let configSegmenter = segmenter as? FrequencySegmenter else { return (segmenter, nil, nil) }
        if Self.seldomApplies(levels[0]) {
            return (segmenter, frequencySegmenter(phrases: segmentationTable + levels[1].map { ($0, nil) }), nil)
        }
        guard FirstStageShortcut.suits(secondStage: levels[1]) else { return (segmenter, nil, nil) }
        let firstStage = firstStageShortcuts.withLock { shortcuts in
            // Tables of this archive live as long as the process: their addresses name them.
            let key = (segmentationTable.map(\.table) + levels.joined()).map(\.address)
            if let shortcut = shortcuts[key] { return shortcut }
            let weigher = frequencySegmenter(phrases: segmentationTable + levels[0].map { ($0, nil) })
            let shortcut = FirstStageShortcut(weigher: weigher, chainLevels: levels, segmenter: configSegmenter)
            shortcuts[key] = shortcut
            return shortcut
        }
        return (segmenter, nil, firstStage)
    }

    /// Whether a stage of these levels seldom applies: it has fewer than
    /// 10,000 keys. Regional variants have about 1,200, a script's phrases
    /// and characters 50,000 and more.
    static func seldomApplies(_ levels: [PhraseTable]) -> Bool {
        levels.keyCount < 10_000
    }

    /// A frequency segmenter that also knows the multi-character keys of `phrases`.
    func frequencySegmenter(phrases: [(table: PhraseTable, view: CharacterFold?)]) -> FrequencySegmenter {
        segmenters.withLock { segmenters in
            // These are this archive's tables, which live as long as the process: their addresses name them.
            let key = phrases.flatMap { [$0.table.address, $0.view?.table.address] }
            if let segmenter = segmenters[key] { return segmenter }
            let segmenter = FrequencySegmenter(
                words: table(named: WordFrequencies.tableName)!,
                wordStarts: pairs(named: WordFrequencies.tableName),
                wordPairs: pairs(named: FrequencySegmenter.wordPairsName),
                phrases: phrases.filter { $0.table.maxKeyLength > 1 },
                view: simplifiedView,
                keyStarts: keyStarts(of:)
            )
            segmenters[key] = segmenter
            return segmenter
        }
    }

    /// The prefix of the archive sections that hold a table's ``KeyStarts``.
    static let keyStartsPrefix = "key-starts:"
    /// Tables with this many keys have their ``KeyStarts`` compiled; smaller
    /// ones are quicker to walk than the compiled sets (384 KB each) are to carry.
    static let compiledKeyStartsMinimum = 10_000

    /// How the keys of two or more scalars of `table`, one of this archive's,
    /// begin: compiled for large tables, made once a process for the others
    /// (a stage and the segmentation of a config, or two configs, look up
    /// the same tables).
    func keyStarts(of table: PhraseTable) -> KeyStarts {
        if let name = tables.first(where: { $0.value.address == table.address })?.key,
           let (base, count) = archive.section(Self.keyStartsPrefix + name),
           let compiled = KeyStarts(bytes: UnsafeRawBufferPointer(start: base, count: count)) {
            return compiled
        }
        return madeKeyStarts.withLock { made in
            // This archive's tables live as long as the process: their addresses name them.
            if let starts = made[table.address] { return starts }
            let starts = KeyStarts(table: table)
            made[table.address] = starts
            return starts
        }
    }

    /// The prefix of the archive sections that hold a ``ScalarPairSet``
    /// derived from the tables when they were compiled.
    static let pairsPrefix = "pairs:"

    /// The pair set compiled as `pairs:NAME`, read in place.
    func pairs(named name: String) -> ScalarPairSet {
        guard let (base, count) = archive.section(Self.pairsPrefix + name),
              let pairs = ScalarPairSet(bytes: UnsafeRawBufferPointer(start: base, count: count)) else {
            fatalError("The compiled tables lack \(Self.pairsPrefix + name); rebuild with `swift run tongwen-compile-data`.")
        }
        return pairs
    }

    /// The fold through one of this archive's character tables, made once.
    func characterFold(_ table: PhraseTable) -> CharacterFold {
        folds.withLock { folds in
            // This archive's tables live as long as the process: their addresses name them.
            if let fold = folds[table.address] { return fold }
            let fold = CharacterFold(table: table)
            folds[table.address] = fold
            return fold
        }
    }

    /// A Simplified view of any text, through TSCharacters (乾 → 干, 鍾 → 钟).
    var simplifiedView: CharacterFold { characterFold(table(named: "TSCharacters")!) }

    private static func configSection(of archive: TableArchive) -> UnsafeRawBufferPointer {
        archive.section(configSection).map { UnsafeRawBufferPointer(start: $0.base, count: $0.count) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    func config(_ name: String) -> ConfigSpec {
        configs.withLock { configs in
            if let spec = configs[name] { return spec }
            guard let line = configLines[name],
                  let spec = ConfigSpec(line: Substring(decoding: Self.configSection(of: archive)[line], as: UTF8.self)) else {
                fatalError("The compiled tables lack the config \(name); rebuild with `swift run tongwen-compile-data`.")
            }
            configs[name] = spec
            return spec
        }
    }
}
