import FoundationEssentials

/// Reads OpenCC's JSON config files (only at data-compile time and in tests).
enum OpenCCConfigFile {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// The parts of a config file Tongwen reads; OpenCC's keys, in camel case.
    private struct Root: Decodable {
        var normalization: [Stage]?
        var segmentation: Segmentation?
        var conversionChain: [Stage]?
    }

    private struct Segmentation: Decodable {
        var type: String?
        var dict: Dict?
    }

    private struct Stage: Decodable {
        var dict: Dict?
    }

    private struct Dict: Decodable {
        var type: String?
        var file: String?
        var dicts: [Dict]?
        var matchPolicy: String?
        var mayOutputTofu: Bool?
    }

    static func parse(_ json: Data, name: String) throws -> ConfigSpec {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let root = try decoder.decode(Root.self, from: json)
        func dictionaries(_ node: Dict, tofu: Bool) throws -> [ConfigSpec.Level.ID] {
            guard let type = node.type else { throw Unsupported(description: "\(name): a dict without a type") }
            let tofu = tofu || (node.mayOutputTofu ?? false)
            if type == "group" {
                guard node.matchPolicy == "union" else {
                    throw Unsupported(description: "\(name): only union groups can be nested")
                }
                guard let members = node.dicts else { throw Unsupported(description: "\(name): a group without dicts") }
                return try members.flatMap { try dictionaries($0, tofu: tofu) }
            }
            guard let file = node.file else { throw Unsupported(description: "\(name): a dict without a file") }
            return [ConfigSpec.Level.ID(file: file.hasSuffix(".txt") ? String(file.dropLast(".txt".count)) : file, tofu: tofu)]
        }
        func level(_ node: Dict) throws -> ConfigSpec.Level {
            let members = try dictionaries(node, tofu: false)
            guard Set(members.map(\.tofu)).count <= 1 else { throw Unsupported(description: "\(name): a union mixes tofu-risk dictionaries") }
            return ConfigSpec.Level(dictionaries: members.map(\.file), mayOutputTofu: members.first?.tofu ?? false)
        }
        // A stage is a short_circuit group of levels, where each level is one
        // dictionary or a union group; a plain dictionary is a one-level stage.
        func stage(_ node: Stage) throws -> ConfigSpec.Stage {
            guard let dict = node.dict else { throw Unsupported(description: "\(name): a stage without a dict") }
            if dict.type == "group", (dict.matchPolicy ?? "short_circuit") == "short_circuit", let members = dict.dicts {
                return ConfigSpec.Stage(levels: try members.map(level))
            }
            return ConfigSpec.Stage(levels: [try level(dict)])
        }
        var spec = ConfigSpec(name: name)
        spec.normalization = try (root.normalization ?? []).map(stage)
        if let segmentation = root.segmentation {
            guard segmentation.type == "mmseg", let dict = segmentation.dict else {
                throw Unsupported(description: "\(name): only mmseg segmentation is supported")
            }
            spec.segmentation = try level(dict)
        }
        spec.chain = try (root.conversionChain ?? []).map(stage)
        return spec
    }
}

extension ConfigSpec.Level {
    struct ID {
        var file: String
        var tofu: Bool
    }
}
