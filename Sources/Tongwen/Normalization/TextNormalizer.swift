/// Folding for search and matching, where losing distinctions is the point.
/// Every step is idempotent and so is their combination: normalizing twice
/// gives what normalizing once gave.
public struct TextNormalizer: Sendable {
    /// The steps to apply; ``matching`` turns all of them on.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Unicode NFKC.
        public static let nfkc = Options(rawValue: 1 << 0)
        /// CJK compatibility ideographs (U+F900…) to unified ones.
        public static let compatibilityIdeographs = Options(rawValue: 1 << 1)
        /// Kangxi and CJK supplement radicals to ideographs (⼈ → 人).
        public static let radicals = Options(rawValue: 1 << 2)
        /// Full-width ASCII to half-width; CJK punctuation (、。「」) stays.
        public static let width = Options(rawValue: 1 << 3)
        /// Interpuncts between names (· ・ • ‧ ･ ．) to U+00B7.
        public static let interpuncts = Options(rawValue: 1 << 4)
        /// Variant characters to one form (裏/裡, 峯/峰, 着/著, 黃/黄…).
        public static let variants = Options(rawValue: 1 << 5)
        /// Runs of white space to one space, none at line ends.
        public static let whitespace = Options(rawValue: 1 << 6)

        public static let matching: Options = [.nfkc, .compatibilityIdeographs, .radicals, .width, .interpuncts, .variants, .whitespace]
    }

    public private(set) var options: Options
    private let compatibility: CharacterFold
    private let radicals: CharacterFold
    private let variants: CharacterFold

    public init(options: Options) {
        self.options = options
        let tables = BuiltinTables.shared
        compatibility = tables.characterFold(tables.table(named: "CJK_Compatibility_Ideographs")!)
        radicals = tables.characterFold(tables.table(named: FoldingTableCompiler.radicalsTable)!)
        variants = tables.characterFold(tables.table(named: FoldingTableCompiler.variantsTable)!)
    }

    static let interpunctVariants: Set<Unicode.Scalar> = ["\u{00B7}", "\u{30FB}", "\u{2022}", "\u{2027}", "\u{FF65}", "\u{FF0E}", "\u{2219}", "\u{22C5}"]

    /// The normalized text.
    public func normalize(_ text: String) -> String {
        var text = text
        // Interpuncts first: NFKC and width folding would turn ． into a period.
        if options.contains(.interpuncts) { text = foldInterpuncts(text) }
        if options.contains(.nfkc) { text = UnicodeNormalization.nfkc.normalize(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var scalar = scalar
            if options.contains(.compatibilityIdeographs) { scalar = fold(scalar, compatibility) }
            if options.contains(.radicals) { scalar = fold(scalar, radicals) }
            if options.contains(.width) {
                if (0xFF01...0xFF5E).contains(scalar.value) {
                    scalar = Unicode.Scalar(scalar.value - 0xFEE0)!
                } else if scalar == "\u{3000}" {
                    scalar = " "
                }
            }
            if options.contains(.variants) { scalar = fold(scalar, variants) }
            scalars.append(scalar)
        }
        text = String(scalars)
        guard options.contains(.whitespace) else { return text }
        var bytes: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { Self.collapseWhitespace($0, into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Normalizes UTF-8 bytes, appending to `output`; invalid bytes pass through.
    public func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var steps = self
        steps.options.remove(.whitespace)
        var line: [UInt8] = []
        // Line by line, so that white space folding never joins lines; an
        // invalid byte counts as text there.
        for (index, rawLine) in input.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if index > 0 { output.append(0x0A) }
            line.removeAll(keepingCapacity: true)
            ValidUTF8Runs.mapStrings(UnsafeBufferPointer(rebasing: rawLine), into: &line, steps.normalize)
            if options.contains(.whitespace) {
                line.withUnsafeBufferPointer { Self.collapseWhitespace($0, into: &output) }
            } else {
                output.append(contentsOf: line)
            }
        }
    }

    private func fold(_ scalar: Unicode.Scalar, _ fold: CharacterFold) -> Unicode.Scalar {
        Unicode.Scalar(fold.fold(scalar.value)) ?? scalar
    }

    private func foldInterpuncts(_ text: String) -> String {
        // Most text has none; it is returned as it is, without being taken apart.
        guard text.unicodeScalars.contains(where: { $0.value >= 0xB7 && Self.interpunctVariants.contains($0) }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let between = index > 0 && index + 1 < scalars.count
                && scalars[index - 1].properties.isAlphabetic && scalars[index + 1].properties.isAlphabetic
            result.append(scalar.value >= 0xB7 && Self.interpunctVariants.contains(scalar) && between ? "\u{00B7}" : scalar)
        }
        return String(result)
    }

    /// Whether ``collapseWhitespace(_:into:)`` would change ASCII `text`:
    /// false when its only white space is single spaces between other
    /// characters (`Ma Xingrui`), so the copy can be skipped.
    static func hasWhitespaceToCollapse(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        var previous: UInt8 = 0
        for byte in text {
            if byte == 0x09 || byte == 0x0D || byte == 0x20 && previous == 0x20 || byte >= 0x80 { return true }
            previous = byte
        }
        return false
    }

    /// Copies a line with runs of tabs and space separators as one space and
    /// none at either end.
    static func collapseWhitespace(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard let base = line.baseAddress else { return }
        var position = 0
        var wroteText = false
        var pendingSpace = false
        while position < line.count {
            let (scalar, length) = UTF8Decoding.decode(base, at: position, end: line.count)
            // Space separators (Zs) lie between U+0020 and U+3000; most text never needs the property lookup.
            let isSpace = scalar == 0x20 || scalar == 0x09
                || (0xA0...0x3000).contains(scalar) && Unicode.Scalar(scalar)?.properties.generalCategory == .spaceSeparator
            if isSpace {
                pendingSpace = wroteText
            } else {
                if pendingSpace, scalar != 0x0D { output.append(0x20) }
                pendingSpace = false
                wroteText = true
                if length == 1 {
                    output.append(line[position])
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: line[position..<position + length]))
                }
            }
            position += length
        }
    }
}

extension TextNormalizer: TextTransform {
    public func apply(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        normalize(input, into: &output)
    }
}
