import ArgumentParser
import Tongwen

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Fold text for search and matching (lossy on purpose).",
        discussion: """
        Normalizing twice gives what normalizing once gave.

        Examples:
          tongwen normalize --for matching names.txt
          echo 'ＡＢＣ、阿諾・施瓦辛格' | tongwen normalize --width --interpuncts
        """
    )

    enum Purpose: String, ExpressibleByArgument {
        case matching
    }

    @Option(name: .customLong("for"), help: "Turn on every step for a purpose: matching.")
    var purpose: Purpose?

    @Flag(help: "Unicode NFKC.") var nfkc = false
    @Flag(name: .customLong("cjk-compat"), help: "CJK compatibility ideographs to unified ones.") var compatibilityIdeographs = false
    @Flag(help: "Kangxi and CJK supplement radicals to ideographs.") var radicals = false
    @Flag(help: "Full-width ASCII to half-width; CJK punctuation stays.") var width = false
    @Flag(help: "Interpuncts between names (· ・ • ‧ ･ ．) to one (·).") var interpuncts = false
    @Flag(help: "Variant characters to one form (裏/裡, 峯/峰, 着/著…).") var variants = false
    @Flag(help: "Runs of white space to one space, none at line ends.") var whitespace = false

    @OptionGroup var stream: StreamOptions

    var options: TextNormalizer.Options {
        if purpose == .matching { return .matching }
        let steps: [(Bool, TextNormalizer.Options)] = [
            (nfkc, .nfkc), (compatibilityIdeographs, .compatibilityIdeographs), (radicals, .radicals), (width, .width),
            (interpuncts, .interpuncts), (variants, .variants), (whitespace, .whitespace),
        ]
        return TextNormalizer.Options(steps.filter(\.0).map(\.1))
    }

    func validate() throws {
        if options.isEmpty { throw ValidationError("choose a step (--nfkc, --cjk-compat, --radicals, --width, --interpuncts, --variants, --whitespace) or --for matching") }
    }

    func run() throws {
        try stream.run(TextNormalizer(options: options))
    }
}

struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Tell whether text is Simplified (hans), Traditional (hant), mixed or neither (none).",
        discussion: """
        Examples:
          tongwen detect article.txt                 hant
          tongwen detect --json a.txt b.txt          one JSON object per input, with counts and a region hint
        """
    )

    @Flag(help: "Print JSON lines with counts and a region hint (cn, tw, hk).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Input encoding: auto, utf-8, gbk, gb18030, big5, big5-hkscs.", valueName: "name"))
    var encoding: String = "auto"

    @Flag(name: .long, help: "Replace invalid bytes of a legacy encoding instead of stopping.")
    var lenient = false

    @Argument(help: ArgumentHelp("Input files; none or '-' reads stdin.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if encoding != "auto", TextEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'; valid encodings: \(StreamOptions.encodings.joined(separator: ", "))")
        }
    }

    func run() throws {
        let names = files.isEmpty ? ["-"] : files
        let inputs = try names.map { InputReader(file: try InputFile.open($0), encoding: encoding, lenient: lenient) }
        let detector = ScriptDetector()
        var block = [UInt8](repeating: 0, count: 1 << 16)
        for (name, input) in zip(names, inputs) {
            var detection = ScriptDetection()
            var pending: [UInt8] = []
            while true {
                let count = try block.withUnsafeMutableBytes { try input.read(into: $0) }
                if count == 0 { break }
                pending.append(contentsOf: block[..<count])
                // Count whole lines; a character is never cut in two.
                let end = pending.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                detection = detection + pending[..<end].withUnsafeBufferPointer(detector.detect)
                pending.removeFirst(end)
            }
            detection = detection + pending.withUnsafeBufferPointer(detector.detect)
            print(line(for: detection, name: name, alone: names.count == 1))
        }
    }

    private func line(for detection: ScriptDetection, name: String, alone: Bool) -> String {
        guard json else { return alone ? detection.script.rawValue : "\(name): \(detection.script.rawValue)" }
        let file = name == "-" ? "stdin" : name
        let escaped = file.unicodeScalars.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : $0.value < 0x20 ? "\\u" + String(format: $0.value) : String($0) }.joined()
        let region = detection.region.map { "\"\($0.rawValue)\"" } ?? "null"
        return #"{"file":"\#(escaped)","script":"\#(detection.script.rawValue)","simplified":\#(detection.simplifiedOnly),"traditional":\#(detection.traditionalOnly),"taiwanForms":\#(detection.taiwanForms),"hongKongForms":\#(detection.hongKongForms),"region":\#(region)}"#
    }
}

private func String(format value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 4 - hex.count) + hex
}
