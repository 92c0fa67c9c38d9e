import Foundation

/// Reads OpenCC's JSON config files (only at data-compile time and in tests).
enum OpenCCConfigFile {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ json: Data, name: String) throws -> ConfigSpec {
        guard let root = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw Unsupported(description: "\(name): the root is not an object")
        }
        func dictionaries(_ node: Any, tofu: Bool) throws -> [ConfigSpec.Level.ID] {
            guard let node = node as? [String: Any], let type = node["type"] as? String else {
                throw Unsupported(description: "\(name): a dict without a type")
            }
            let tofu = tofu || (node["may_output_tofu"] as? Bool ?? false)
            if type == "group" {
                guard node["match_policy"] as? String == "union" else {
                    throw Unsupported(description: "\(name): only union groups can be nested")
                }
                guard let members = node["dicts"] as? [Any] else { throw Unsupported(description: "\(name): a group without dicts") }
                return try members.flatMap { try dictionaries($0, tofu: tofu) }
            }
            guard let file = node["file"] as? String else { throw Unsupported(description: "\(name): a dict without a file") }
            return [ConfigSpec.Level.ID(file: file.replacingOccurrences(of: ".txt", with: ""), tofu: tofu)]
        }
        func level(_ node: Any) throws -> ConfigSpec.Level {
            let members = try dictionaries(node, tofu: false)
            guard Set(members.map(\.tofu)).count <= 1 else { throw Unsupported(description: "\(name): a union mixes tofu-risk dictionaries") }
            return ConfigSpec.Level(dictionaries: members.map(\.file), mayOutputTofu: members.first?.tofu ?? false)
        }
        // A stage is a short_circuit group of levels, where each level is one
        // dictionary or a union group; a plain dictionary is a one-level stage.
        func stage(_ node: Any) throws -> ConfigSpec.Stage {
            guard let dict = (node as? [String: Any])?["dict"] as? [String: Any] else {
                throw Unsupported(description: "\(name): a stage without a dict")
            }
            let policy = dict["match_policy"] as? String ?? "short_circuit"
            if dict["type"] as? String == "group", policy == "short_circuit", let members = dict["dicts"] as? [Any] {
                return ConfigSpec.Stage(levels: try members.map(level))
            }
            return ConfigSpec.Stage(levels: [try level(dict)])
        }
        var spec = ConfigSpec(name: name)
        spec.normalization = try (root["normalization"] as? [Any] ?? []).map(stage)
        if let segmentation = root["segmentation"] as? [String: Any] {
            guard segmentation["type"] as? String == "mmseg", let dict = segmentation["dict"] else {
                throw Unsupported(description: "\(name): only mmseg segmentation is supported")
            }
            spec.segmentation = try level(dict)
        }
        spec.chain = try (root["conversion_chain"] as? [Any] ?? []).map(stage)
        return spec
    }
}

extension ConfigSpec.Level {
    struct ID {
        var file: String
        var tofu: Bool
    }
}
