/// The passes that turn one script into another, run one after another.
struct ConversionPlan: ConversionPass {
    let passes: [any ConversionPass]

    var tables: [PhraseTable] { passes.flatMap(\.tables) }

    /// Runs the passes in order; only the first pass's decisions are recorded,
    /// since only its offsets are offsets in the input.
    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?) {
        guard let last = passes.last else {
            output.append(contentsOf: input)
            return
        }
        var current: [UInt8]?
        for pass in passes.dropLast() {
            var next = [UInt8]()
            next.reserveCapacity(input.count + input.count / 4)
            if let current {
                current.withUnsafeBufferPointer { pass.run($0, into: &next) }
            } else {
                pass.run(input, into: &next, record: record)
            }
            current = next
        }
        if let current {
            current.withUnsafeBufferPointer { last.run($0, into: &output) }
        } else {
            last.run(input, into: &output, record: record)
        }
    }
}

extension BuiltinTables {
    /// An OpenCC config: with greedy segmentation OpenCC's data alone, with
    /// frequency segmentation Tongwen's additions too.
    func plan(_ config: OpenCCConfig, segmentation: Segmentation) -> ConversionPlan {
        let name = segmentation == .greedy ? config.rawValue : ConfigSpec.extendedName(config.rawValue)
        return ConversionPlan(passes: [pass(for: self.config(name), segmentation: segmentation)])
    }

    /// The plan for `--to target` from a known source script.
    func plan(to target: Target, from source: SourceScript, segmentation: Segmentation) -> ConversionPlan {
        // OpenCC's configs with Tongwen's additions.
        func extended(_ name: OpenCCConfig) -> ConfigSpec { config(ConfigSpec.extendedName(name.rawValue)) }
        func configs(_ names: OpenCCConfig...) -> [any ConversionPass] {
            names.map { pass(for: extended($0), segmentation: segmentation) }
        }
        // The last stage of a phrase config, segmented on its own.
        func vocabulary(_ name: OpenCCConfig) -> any ConversionPass {
            let vocabulary = stage(extended(name).chain.last!)
            let segmenter: (any Segmenter)? = segmentation == .frequency ? frequencySegmenter(phrases: vocabulary.levels.map { ($0, nil) }) : nil
            return ConfigPass(normalization: [], segmenter: segmenter, chain: [vocabulary])
        }
        let simplifiedToTraditional = extended(.s2t).chain[0]
        let leftovers = LeftoverPass(
            phrases: table(simplifiedToTraditional.levels[0]),
            simplifiedCharacters: table(simplifiedToTraditional.levels[1]),
            view: characterFold(table(extended(.t2s).chain[0].levels.last!))
        )
        switch (target, source) {
        case (.hans, .hans), (.cn, .hans): return ConversionPlan(passes: configs(.t2s))
        case (.hans, .hk): return ConversionPlan(passes: configs(.hk2s))
        case (.cn, .hk): return ConversionPlan(passes: configs(.hk2sp))
        case (.hans, .jp), (.cn, .jp): return ConversionPlan(passes: configs(.jp2t, .t2s))
        case (.hans, _): return ConversionPlan(passes: configs(.tw2s))
        case (.cn, _): return ConversionPlan(passes: configs(.tw2sp))
        case (.hant, .hans): return ConversionPlan(passes: configs(.s2t))
        case (.tw, .hans): return ConversionPlan(passes: configs(.s2tw))
        case (.twp, .hans): return ConversionPlan(passes: configs(.s2twp))
        case (.hk, .hans): return ConversionPlan(passes: configs(.s2hk))
        case (.hkp, .hans): return ConversionPlan(passes: configs(.s2hkp))
        case (.jp, .hans): return ConversionPlan(passes: configs(.s2t, .t2jp))
        case (.jp, .jp): return ConversionPlan(passes: [])
        default:
            break
        }
        // From Traditional text: first to OpenCC-standard forms, then to the target's region.
        let region: SourceScript = switch target {
        case .tw, .twp: .tw
        case .hk, .hkp: .hk
        case .jp: .jp
        default: .hant
        }
        var passes: [any ConversionPass]
        switch source {
        case region, .hant: passes = [leftovers]
        case .tw: passes = configs(.tw2t) + [leftovers]
        case .hk: passes = configs(.hk2t) + [leftovers]
        default: passes = configs(.jp2t)
        }
        switch target {
        case .tw: passes += configs(.t2tw)
        case .twp: passes.append(vocabulary(.s2twp))
        case .hk: passes += configs(.t2hk)
        case .hkp: passes.append(vocabulary(.s2hkp))
        case .jp: passes += configs(.t2jp)
        default: break
        }
        return ConversionPlan(passes: passes)
    }
}
