/// A place where a conversion chose among several outputs, for proofreading:
/// `tongwen convert --explain` prints one per line.
public struct ConversionChoice: Sendable, Equatable {
    /// What decided.
    public enum Rule: String, Sendable {
        /// A dictionary phrase was taken over the characters one by one.
        case phrase
        /// One character with several candidates; the first was taken.
        case character
        /// Frequency segmentation cut where the longest match would not have.
        case segmentation
        /// A known person or a surname before a title.
        case name
        /// A user dictionary entry.
        case user
    }

    /// The text the choice covers, and its place in Unicode scalars from the start of the input.
    public let source: String
    public let start: Int
    public let end: Int
    /// What the conversion wrote for it (for a later stage, what that stage wrote).
    public let output: String
    /// What it could have written instead.
    public let alternatives: [String]
    public let rule: Rule
}

extension Converter {
    /// The choices converting `text` makes, in order: phrases, characters with
    /// several candidates, segmentation cuts, names and user terms. A choice of
    /// a later stage of a config covers the input segment it came from.
    public func explain(_ text: String) -> [ConversionChoice] {
        var text = text
        return text.withUTF8 { input in
            let converter = resolvingSource(sample: input)
            var decisions: [Decision] = []
            var output: [UInt8] = []
            converter.convert(input, into: &output, record: { decisions.append($0) })
            // Byte offsets to scalar offsets.
            var scalarOffsets = [Int](repeating: 0, count: input.count + 1)
            var scalars = 0
            for (index, byte) in input.enumerated() {
                scalarOffsets[index] = scalars
                if byte & 0xC0 != 0x80 { scalars += 1 }
            }
            scalarOffsets[input.count] = scalars
            func string(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }
            return decisions.enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }.map(\.element).map { decision in
                ConversionChoice(
                    source: string(input[decision.range]), start: scalarOffsets[decision.range.lowerBound], end: scalarOffsets[decision.range.upperBound],
                    output: string(decision.output), alternatives: decision.alternatives.map(string), rule: decision.rule
                )
            }
        }
    }
}
