/// The key of a personal name, for matching records written in different
/// scripts and romanizations.
public struct NameKey: Sendable, Hashable, CustomStringConvertible {
    /// The name in Simplified characters, titles removed and variant
    /// characters folded (马兴瑞 for 廣東省省長馬興瑞); nil for a romanized name.
    public let characters: String?
    /// Surname, a space, the given name as one word; lowercase, no tones
    /// (`ma xingrui` for 馬興瑞, "Ma Xingrui", "MA Xing-rui" and "Xingrui Ma").
    public let phonetic: String

    public var description: String { phonetic }
}

/// Whether two names are the same person's name, and on what basis.
public struct NameComparison: Sendable, Equatable {
    public enum Basis: String, Sendable {
        /// Both names are in Chinese characters: compared character for character.
        case characters
        /// At least one is romanized: compared by pinyin.
        case pinyin
    }

    public let first: NameKey
    public let second: NameKey
    public let isSame: Bool
    public let basis: Basis
}

/// Makes name keys and compares names: 馬興瑞, 马兴瑞, "Ma Xingrui",
/// "MA Xing-rui" and 廣東省省長馬興瑞 are one name; 马兴瑞 and 马兴锐 are not.
public struct NameMatcher: Sendable {
    private let romanizer = NameRomanizer()
    private let toSimplified = Converter(target: .hans, from: .tw)
    private let cleanup = TextNormalizer(options: [.nfkc, .width, .interpuncts, .whitespace])
    private let variants = TextNormalizer(options: .variants)

    public init() {}

    public func key(_ name: String) -> NameKey {
        // Unified ideographs alone, the usual case, are left as they are by the clean-up.
        let cleaned = name.unicodeScalars.allSatisfy(Self.isUnifiedIdeograph) ? name : cleanup.normalize(name)
        guard cleaned.unicodeScalars.contains(where: WebTextRepair.isHan) else {
            let words = romanizedWords(cleaned)
            return NameKey(characters: nil, phonetic: surnameFirst(words).map { $0.joined() }.joined(separator: " "))
        }
        let unspaced = cleaned.utf8.contains(0x20) ? String(String.UnicodeScalarView(cleaned.unicodeScalars.filter { $0 != " " })) : cleaned
        let simplified = withoutTitles(toSimplified.convert(unspaced))
        let characters = variants.normalize(simplified)
        return NameKey(characters: characters, phonetic: romanizer.spell(romanizer.reading(of: characters), .key))
    }

    public func compare(_ first: String, _ second: String) -> NameComparison {
        let (a, b) = (key(first), key(second))
        if let left = a.characters, let right = b.characters {
            return NameComparison(first: a, second: b, isSame: left == right, basis: .characters)
        }
        let same = !spellings(first, a).isDisjoint(with: spellings(second, b))
        return NameComparison(first: a, second: b, isSame: same, basis: .pinyin)
    }

    /// The ways a name may be spelled without spaces: for a romanized name in
    /// either order, since which word is the surname is not always known.
    private func spellings(_ name: String, _ key: NameKey) -> Set<String> {
        if key.characters != nil { return [key.phonetic.filter { $0 != " " && $0 != "'" }] }
        let words = romanizedWords(cleanup.normalize(name)).map { $0.joined() }
        guard words.count > 1 else { return [words.joined()] }
        return [words.joined(), (words.suffix(1) + words.dropLast()).joined(), (words.dropFirst() + words.prefix(1)).joined()]
    }

    /// Lowercase words without tones, ü and the v that stands for it as u;
    /// each word a list of its hyphen or apostrophe separated parts
    /// ("Xing-rui" → [xing, rui]). The name is NFKC, so tone marks are single scalars.
    private func romanizedWords(_ name: String) -> [[String]] {
        // One pass over the scalars, each word and part ended at its separator.
        var words: [[String]] = []
        var parts: [String] = []
        var part = String.UnicodeScalarView()
        func endPart() {
            guard !part.isEmpty else { return }
            parts.append(String(part))
            part = String.UnicodeScalarView()
        }
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case " ", ",", "·":
                endPart()
                if !parts.isEmpty { words.append(parts) }
                parts = []
            case "-", "'", "’":
                endPart()
            default:
                let letter = Pinyin.unmarked(scalar)
                part.append(letter == "ü" || letter == "v" ? "u" : letter)
            }
        }
        endPart()
        if !parts.isEmpty { words.append(parts) }
        return words
    }

    /// Words with the surname first: `Xingrui Ma` becomes `Ma Xingrui` when
    /// only the last word is a surname reading.
    private func surnameFirst(_ words: [[String]]) -> [[String]] {
        guard words.count > 1, let last = words.last, let first = words.first else { return words }
        let isSurname = { (word: [String]) in romanizer.names.surnameReadings.value(ofKey: word.joined()) != nil }
        return !isSurname(first) && isSurname(last) ? [last] + words.dropLast() : words
    }

    /// CJK Unified Ideographs and Extension A: NFKC, width, interpunct and white space folding leave them alone.
    private static func isUnifiedIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// The name without titles before or after it (广东省省长马兴瑞, 李希书记).
    private func withoutTitles(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: { romanizer.names.titles.startsKey($0.value) }) else { return name }
        var scalars = Array(name.unicodeScalars)
        let starts = titleStarts(name)
        // A title at the end (the longest), when two characters of name stay.
        if let start = starts[scalars.count].filter({ $0 >= 2 }).min() {
            scalars.removeSubrange(start...)
        }
        // Everything up to the last title that a surname follows.
        for end in stride(from: scalars.count - 2, through: 1, by: -1) where starts[end].contains(where: { $0 >= end - 6 }) {
            if romanizer.surnameMatch(Array(scalars[end...])) != nil {
                scalars.removeSubrange(..<end)
                break
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// For each scalar offset, where the titles that end there start; one
    /// walk of the title table from each scalar, so long input costs linear time.
    private func titleStarts(_ name: String) -> [[Int]] {
        let bytes = Array(name.utf8)
        var scalarAt = [Int](repeating: -1, count: bytes.count + 1)
        var count = 0
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            scalarAt[offset] = count
            count += 1
        }
        scalarAt[bytes.count] = count
        var starts = [[Int]](repeating: [], count: count + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for (offset, scalar) in scalarAt.enumerated().dropLast() where scalar >= 0 {
                var matches = romanizer.names.titles.matches(in: base, from: offset, end: buffer.count, fold: IdentityFold())
                while let match = matches.next() {
                    starts[scalarAt[offset + match.length]].append(scalar)
                }
            }
        }
        return starts
    }
}
