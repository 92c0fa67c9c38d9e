import ArgumentParser
import FoundationEssentials
import Glibc
import Tongwen

struct ConvertCommand: ParsableCommand {
    // Named as a command of `tongwen`, so that parsed on its own (see `Main`) it reads the same.
    static let configuration = CommandConfiguration(
        commandName: "convert",
        _superCommandName: "tongwen",
        abstract: "Convert text between Simplified and Traditional Chinese.",
        discussion: """
        Targets (--to):
        \(Target.allCases.map { "  \($0.rawValue + String(repeating: " ", count: max(0, 6 - $0.rawValue.count))) \($0.summary)" }.joined(separator: "\n"))

        OpenCC configs (--config): \(OpenCCConfig.allCases.map(\.rawValue).joined(separator: " "))

        A user dictionary (--dict) has lines 'source<TAB>target' and takes priority
        over the built-in dictionaries; a target equal to its source protects the
        term. With several, the earlier file wins.

        Examples:
          tongwen convert --to tw seeds/000_1bf7682267f199a3.txt
          tongwen convert --to hans --dict names.txt -o out.txt in.txt
          cat in.txt | tongwen convert --config s2twp > out.txt
        """
    )

    @Option(name: .long, help: ArgumentHelp("The target script.", valueName: "target"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("One of OpenCC's configs, reproduced exactly (instead of --to).", valueName: "config"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The source script: auto, hans, hant, tw, hk, jp.", valueName: "source"))
    var from: String = Self.defaultSource

    @Option(name: .customLong("dict"), help: ArgumentHelp("A user dictionary file (repeatable).", valueName: "file"))
    var dictionaries: [String] = []

    @Option(name: .long, help: ArgumentHelp("frequency (default: the most probable words) or greedy (OpenCC's longest match and data, exactly).", valueName: "mode"))
    var segmentation: String = Self.defaultSegmentation

    @Flag(name: .customLong("no-names"), help: "Convert names by the character tables too (with --to; --config never treats names).")
    var noNames = false

    @Flag(name: .long, help: "Print JSON lines, one per choice the conversion made (phrase, character, segmentation, name, user), instead of the text.")
    var explain = false

    @Flag(name: .long, help: "Repair web-gateway damage first (see 'tongwen repair').")
    var repair = false

    @OptionGroup var stream: StreamOptions

    func validate() throws {
        if to != nil, config != nil { throw ValidationError("--to and --config cannot be used together") }
        if to == nil, config == nil { throw ValidationError("give --to TARGET or --config NAME") }
        if let to, Target(rawValue: to) == nil {
            throw ValidationError("unknown target '\(to)'; valid targets: \(Target.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let config, OpenCCConfig(rawValue: config) == nil {
            throw ValidationError("unknown config '\(config)'; valid configs: \(OpenCCConfig.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if Segmentation(rawValue: segmentation) == nil {
            throw ValidationError("unknown segmentation '\(segmentation)'; valid: \(Segmentation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if SourceScript(rawValue: from) == nil {
            throw ValidationError("unknown source '\(from)'; valid sources: \(SourceScript.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if config != nil, from != SourceScript.auto.rawValue {
            throw ValidationError("--from does not apply to --config, whose name says the source")
        }
    }

    func run() throws {
        let userDictionaries = try dictionaries.map { path in
            do {
                return try UserDictionary(contentsOf: path)
            } catch let error as DictionaryFormatError where error.line == 0 {
                throw RunFailure(message: "\(path): \(InputFile.reason(opening: path))")
            } catch {
                throw RunFailure(message: "\(error)")
            }
        }
        let converter: Converter = if let config = config.flatMap(OpenCCConfig.init) {
            Converter(config: config, dictionaries: userDictionaries, segmentation: Segmentation(rawValue: segmentation)!)
        } else {
            Converter(target: Target(rawValue: to!)!, from: SourceScript(rawValue: from)!, dictionaries: userDictionaries, names: !noNames,
                      segmentation: Segmentation(rawValue: segmentation)!)
        }
        if explain {
            for input in try stream.openInputs() {
                var text = String(decoding: try input.readAll(), as: UTF8.self)
                if repair { text = WebTextRepair().repair(text) }
                for choice in converter.explain(text) {
                    let alternatives = choice.alternatives.map(JSONText.quote).joined(separator: ",")
                    print(#"{"source":\#(JSONText.quote(choice.source)),"start":\#(choice.start),"end":\#(choice.end),"output":\#(JSONText.quote(choice.output)),"alternatives":[\#(alternatives)],"rule":"\#(choice.rule.rawValue)"}"#)
                }
            }
        } else if repair {
            try stream.run(TransformChain(WebTextRepair(), converter))
        } else {
            try stream.run(converter)
        }
    }
}
