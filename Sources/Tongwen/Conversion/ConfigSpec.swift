/// The shape of an OpenCC config, as compiled into the table archive.
///
/// A *level* is a union of dictionaries (the longest key wins, the earlier
/// dictionary on a tie); a *stage* tries its levels in order and uses the first
/// that matches (OpenCC's `short_circuit`). This covers every config OpenCC ships.
struct ConfigSpec: Sendable, Equatable {
    struct Level: Sendable, Equatable, Hashable {
        /// Dictionary files without `.txt`, in priority order.
        var dictionaries: [String]
        /// OpenCC's `may_output_tofu`: the level may output characters few fonts have.
        var mayOutputTofu = false

        /// The name of the compiled table for this level.
        var tableName: String { dictionaries.joined(separator: "+") }
    }

    struct Stage: Sendable, Equatable {
        var levels: [Level]
    }

    var name: String
    var normalization: [Stage] = []
    var segmentation: Level?
    var chain: [Stage] = []

    /// Every level the config uses.
    var levels: [Level] {
        (normalization + chain).flatMap(\.levels) + (segmentation.map { [$0] } ?? [])
    }
}

extension ConfigSpec {
    /// The name of the config that extends OpenCC's config `name` with Tongwen's additions.
    static func extendedName(_ name: String) -> String { "tongwen-" + name }

    /// This config with Tongwen's additions to the named dictionaries, each
    /// taking priority within its level.
    func adding(_ additions: Set<String>) -> ConfigSpec {
        func extend(_ level: Level) -> Level {
            let extra = level.dictionaries.filter(additions.contains).map { TableCompiler.additionsFolder + "/" + $0 }
            return Level(dictionaries: extra + level.dictionaries, mayOutputTofu: level.mayOutputTofu)
        }
        func extend(_ stage: Stage) -> Stage { Stage(levels: stage.levels.map(extend)) }
        return ConfigSpec(
            name: Self.extendedName(name),
            normalization: normalization.map(extend),
            segmentation: segmentation.map(extend),
            chain: chain.map(extend)
        )
    }

    /// One line per config: `name<TAB>norm=L,L<TAB>seg=L<TAB>stage=L,L…`, where a
    /// level is `A+B` and a trailing `?` marks `may_output_tofu`.
    var line: String {
        func level(_ level: Level) -> String { level.tableName + (level.mayOutputTofu ? "?" : "") }
        func stage(_ stage: Stage) -> String { stage.levels.map(level).joined(separator: ",") }
        var fields = [name]
        fields += normalization.map { "norm=" + stage($0) }
        if let segmentation { fields.append("seg=" + level(segmentation)) }
        fields += chain.map { "stage=" + stage($0) }
        return fields.joined(separator: "\t")
    }

    init?(line: Substring) {
        let fields = line.split(separator: "\t")
        guard let name = fields.first else { return nil }
        func level(_ text: Substring) -> Level {
            let tofu = text.hasSuffix("?")
            return Level(dictionaries: text.dropLast(tofu ? 1 : 0).split(separator: "+").map(String.init), mayOutputTofu: tofu)
        }
        func stage(_ text: Substring) -> Stage { Stage(levels: text.split(separator: ",").map(level)) }
        self.name = String(name)
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            let value = field[field.index(after: equals)...]
            switch field[..<equals] {
            case "norm": normalization.append(stage(value))
            case "seg": segmentation = level(value)
            case "stage": chain.append(stage(value))
            default: return nil
            }
        }
    }
}
