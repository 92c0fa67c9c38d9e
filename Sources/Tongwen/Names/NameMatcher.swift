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
///
/// A class, though immutable: the closures of its byte-level steps would
/// otherwise copy its converter, normalizer and tables at every name.
public final class NameMatcher: Sendable {
    private let romanizer = NameRomanizer()
    private let toSimplified = Converter(target: .hans, from: .tw)
    private let cleanup = TextNormalizer(options: [.nfkc, .width, .interpuncts, .whitespace])
    private let variantFold = BuiltinTables.shared.characterFold(BuiltinTables.shared.table(named: FoldingTableCompiler.variantsTable)!)

    public init() {}

    public func key(_ name: String) -> NameKey {
        var name = name
        // Unified ideographs alone, the usual case, and plain ASCII need no
        // more clean-up than white space folding, done here on bytes.
        switch name.withUTF8(Self.form) {
        case .ideographs:
            return name.withUTF8 { key(ofCharacters: $0) }
        case .ascii where !name.withUTF8(TextNormalizer.hasWhitespaceToCollapse):
            return name.withUTF8 { key(ofRomanized: $0) }
        case .ascii:
            var cleaned: [UInt8] = []
            cleaned.reserveCapacity(name.utf8.count)
            name.withUTF8 { TextNormalizer.collapseWhitespace($0, into: &cleaned) }
            return cleaned.withUnsafeBufferPointer { key(ofRomanized: $0) }
        case .other:
            var cleaned = cleanup.normalize(name)
            let hasHan = cleaned.unicodeScalars.contains(where: WebTextRepair.isHan)
            return cleaned.withUTF8 { hasHan ? key(ofCharacters: $0) : key(ofRomanized: $0) }
        }
    }

    /// The key of a cleaned-up name with Chinese characters in it.
    private func key(ofCharacters name: UnsafeBufferPointer<UInt8>) -> NameKey {
        // One array, first for the Simplified name, then for its spelling.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.count * 2 + 8)
        if name.contains(0x20) {
            toSimplified.convert(name.filter { $0 != 0x20 }, into: &bytes)
        } else {
            toSimplified.convert(name, into: &bytes)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count * 4)) { folded in
            let count = bytes.withUnsafeBufferPointer { simplified in
                variantFold.fold(UnsafeBufferPointer(rebasing: simplified[untitled(simplified)]), into: folded.baseAddress!)
            }
            let characters = UnsafeBufferPointer(rebasing: folded[..<count])
            bytes.removeAll(keepingCapacity: true)
            romanizer.spell(characters, .key, into: &bytes)
            return NameKey(characters: String(decoding: characters, as: UTF8.self), phonetic: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The key of a cleaned-up romanized name: its words, the surname first.
    private func key(ofRomanized name: UnsafeBufferPointer<UInt8>) -> NameKey {
        var phonetic: [UInt8] = []
        phonetic.reserveCapacity(name.count + 8)
        let words = romanizedWords(name, into: &phonetic)
        // `Xingrui Ma` becomes `ma xingrui` when only the last word is a surname reading.
        if words.count > 1, let last = words.last {
            phonetic.withUnsafeMutableBufferPointer { letters in
                func isSurname(_ word: Range<Int>) -> Bool {
                    romanizer.names.surnameReadings.value(ofKey: UnsafeBufferPointer(rebasing: letters[word])) != nil
                }
                guard !isSurname(words[0]), isSurname(last) else { return }
                // The last word and the space before it to the front, in place: reverse the whole, then each side of the space.
                letters.reverse()
                let space = letters.count - last.lowerBound
                letters[..<space].reverse()
                letters[(space + 1)...].reverse()
            }
        }
        return NameKey(characters: nil, phonetic: String(decoding: phonetic, as: UTF8.self))
    }

    /// What clean-up a name needs, from its bytes.
    private enum Form {
        /// CJK Unified Ideographs and Extension A alone: NFKC, width, interpunct and white space folding leave them alone.
        case ideographs
        /// ASCII: only white space needs folding.
        case ascii
        case other
    }

    private static func form(of bytes: UnsafeBufferPointer<UInt8>) -> Form {
        if !bytes.contains(where: { $0 >= 0x80 }) { return .ascii }
        var position = 0
        while position < bytes.count {
            let (scalar, length) = UTF8Decoding.decode(bytes.baseAddress!, at: position, end: bytes.count)
            guard (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) else { return .other }
            position += length
        }
        return .ideographs
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
        var cleaned = cleanup.normalize(name)
        var letters: [UInt8] = []
        let words = cleaned.withUTF8 { romanizedWords($0, into: &letters) }.map { String(decoding: letters[$0], as: UTF8.self) }
        guard words.count > 1 else { return [words.joined()] }
        return [words.joined(), (words.suffix(1) + words.dropLast()).joined(), (words.dropFirst() + words.prefix(1)).joined()]
    }

    /// Appends the words of a romanized name, lowercase and without tones,
    /// ü and the v that stands for it as u, hyphens and apostrophes taken
    /// out (`Xing-rui` → `xingrui`), one space between words; returns where
    /// each word is in `output`. The name is NFKC, so tone marks are single scalars.
    private func romanizedWords(_ name: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> [Range<Int>] {
        var words = RomanizedWords(start: output.count)
        var position = 0
        while position < name.count {
            let (scalar, length) = UTF8Decoding.decode(name.baseAddress!, at: position, end: name.count)
            position += length
            if scalar < 0x80 {
                let lower = UInt8((0x41...0x5A).contains(scalar) ? scalar + 0x20 : scalar)
                // Letters other than v go straight out; separators and v are for `add`.
                if (0x61...0x7A).contains(lower), lower != UInt8(ascii: "v") {
                    output.append(lower)
                } else {
                    words.add(Unicode.Scalar(lower), to: &output)
                }
            } else {
                for letter in Unicode.Scalar(scalar)!.properties.lowercaseMapping.unicodeScalars { words.add(letter, to: &output) }
            }
        }
        words.add(" ", to: &output)
        if !words.ranges.isEmpty { output.removeLast() }
        return words.ranges
    }

    /// Words of a romanized name as they are written out, each followed by a space.
    private struct RomanizedWords {
        var ranges: [Range<Int>]
        var start: Int

        init(start: Int) {
            self.start = start
            ranges = []
            ranges.reserveCapacity(4)
        }

        /// Adds a lowercase letter or separator.
        mutating func add(_ letter: Unicode.Scalar, to output: inout [UInt8]) {
            switch letter {
            case " ", ",", "·":
                // A word ends; separators alone make none.
                guard output.count > start else { return }
                ranges.append(start..<output.count)
                output.append(0x20)
                start = output.count
            case "-", "'", "’":
                break
            case "v", "ü":
                output.append(UInt8(ascii: "u"))
            case _ where letter.isASCII:
                output.append(UInt8(letter.value))
            default:
                let letter = Pinyin.unmarked(letter)
                UTF8.encode(letter == "ü" ? "u" : letter) { output.append($0) }
            }
        }
    }

    /// The bytes of a name without the titles before or after it
    /// (广东省省长马兴瑞 → 马兴瑞, 李希书记 → 李希).
    private func untitled(_ name: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let titles = romanizer.names.titles
        guard let base = name.baseAddress else { return 0..<0 }
        var mayHaveTitle = false
        var count = 0
        var position = 0
        while position < name.count {
            let (scalar, length) = UTF8Decoding.decode(base, at: position, end: name.count)
            mayHaveTitle = mayHaveTitle || titles.startsKey(scalar)
            count += 1
            position += length
        }
        guard mayHaveTitle else { return 0..<name.count }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (count + 1)) { buffer in
            // Where each scalar starts, then the end; and for each scalar
            // offset, the last start of a title that ends there.
            let offsets = UnsafeMutableBufferPointer(rebasing: buffer[..<(count + 1)])
            let lastTitleStart = UnsafeMutableBufferPointer(rebasing: buffer[(count + 1)...])
            var index = 0
            position = 0
            while position < name.count {
                offsets[index] = position
                index += 1
                position += UTF8Decoding.decode(base, at: position, end: name.count).length
            }
            offsets[count] = name.count
            lastTitleStart.initialize(repeating: -1)
            return untitled(name, offsets: offsets, lastTitleStart: lastTitleStart)
        }
    }

    /// ``untitled(_:)`` once it knows where the scalars start.
    private func untitled(_ name: UnsafeBufferPointer<UInt8>, offsets: UnsafeMutableBufferPointer<Int>, lastTitleStart: UnsafeMutableBufferPointer<Int>) -> Range<Int> {
        let base = name.baseAddress!
        let count = offsets.count - 1
        // One walk of the title table from each scalar, so long input costs linear time.
        var endingTitleStart: Int?
        for start in 0..<count {
            var matches = romanizer.names.titles.matches(in: base, from: offsets[start], end: name.count, fold: IdentityFold())
            var end = start
            while let match = matches.next() {
                while offsets[end] < offsets[start] + match.length { end += 1 }
                lastTitleStart[end] = start
                // A title at the end (the longest), when two characters of name stay.
                if end == count, start >= 2, endingTitleStart == nil { endingTitleStart = start }
            }
        }
        let nameEnd = endingTitleStart ?? count
        // Everything up to the last title that a surname follows.
        for end in stride(from: nameEnd - 2, through: 1, by: -1) where lastTitleStart[end] >= max(0, end - 6) {
            if romanizer.surnameMatch(base + offsets[end], count: offsets[nameEnd] - offsets[end]) != nil {
                return offsets[end]..<offsets[nameEnd]
            }
        }
        return 0..<offsets[nameEnd]
    }
}
