/// Romanizes Chinese personal names the way passports and newspapers write
/// them: surname first, given name as one word, both capitalised (马兴瑞 →
/// Ma Xingrui), with surname readings (单 Shàn, 曾 Zēng, 覃 Qín), compound
/// surnames (欧阳修 → Ouyang Xiu, 尉迟恭 → Yuchi Gong) and given-name readings
/// (兴 xīng). Readings come from Tongwen's name data and Unihan's kMandarin.
public struct NameRomanizer: Sendable {
    let names: NameTables
    private let view: CharacterFold

    public init() {
        names = .shared
        view = BuiltinTables.shared.simplifiedView
    }

    /// How a reading is written: as names are printed (Ma Xingrui, with
    /// `tones` Mǎ Xīngruì), or as a key: lowercase, and ü as u, as most
    /// romanized records write it (Lü, Lu, Lv).
    enum Spelling {
        case printed(tones: Bool)
        case key
    }

    /// `Ma Xingrui`, or with `tones` `Mǎ Xīngruì`.
    public func romanize(_ name: String, tones: Bool = false) -> String {
        var name = name
        var output: [UInt8] = []
        name.withUTF8 { spell($0, .printed(tones: tones), into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the reading of a name in Chinese characters (UTF-8), spelled
    /// as `spelling` says: the surname and the given name as two words; an
    /// apostrophe keeps syllables apart before a, o, e (Chang'an).
    func spell(_ name: UnsafeBufferPointer<UInt8>, _ spelling: Spelling, into output: inout [UInt8]) {
        var speller = Speller(spelling: spelling, wordsStart: output.count)
        forEachSyllable(of: name) { syllable, startsWord, lowercased in
            speller.append(syllable, startsWord: startsWord, lowercased: lowercased, to: &output)
        }
    }

    /// Calls `body` with each tone-marked syllable of a name in Chinese
    /// characters, surname first; `startsWord` for the first syllable of the
    /// surname and of the given name, `lowercased` for readings that are
    /// written capitalised in the tables. Syllables point into the tables.
    private func forEachSyllable(of name: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ startsWord: Bool, _ lowercased: Bool) -> Void) {
        guard let base = name.baseAddress else { return }
        if let person = names.people.value(ofKey: name) {
            // `Zhōu Jiélún`: the surname, then each word of the given name.
            let reading = names.people.candidate(2, of: person)
            var index = 0
            var wordStart = 0
            // Split by hand: `split` would allocate an array for every name.
            while wordStart < reading.count {
                let wordEnd = reading[wordStart...].firstIndex(of: 0x20) ?? reading.count
                if wordEnd > wordStart {
                    body(UnsafeBufferPointer(rebasing: reading[wordStart..<wordEnd]), index < 2, true)
                    index += 1
                }
                wordStart = wordEnd + 1
            }
            return
        }
        var position = 0
        if let match = surnameMatch(base, count: name.count) {
            body(names.surnames.candidate(2, of: match.value), true, true)
            position = match.length
        }
        var startsGiven = true
        while position < name.count {
            let (scalar, length) = UTF8Decoding.decode(base, at: position, end: name.count)
            if let reading = givenReading(scalar) {
                body(reading, startsGiven, false)
            } else {
                // A character with no reading stands for itself.
                body(UnsafeBufferPointer(rebasing: name[position..<position + length]), startsGiven, false)
            }
            startsGiven = false
            position += length
        }
    }

    /// Writes syllables one after another, each word's first letter capitalised
    /// when printed.
    private struct Speller {
        let spelling: Spelling
        /// Where the output began: a space goes before a word only after other words.
        let wordsStart: Int
        private var syllableIndex = 0

        init(spelling: Spelling, wordsStart: Int) {
            self.spelling = spelling
            self.wordsStart = wordsStart
        }

        mutating func append(_ syllable: UnsafeBufferPointer<UInt8>, startsWord: Bool, lowercased: Bool, to output: inout [UInt8]) {
            if startsWord {
                syllableIndex = 0
                if output.count > wordsStart { output.append(0x20) }
            }
            var offset = 0
            var position = 0
            while position < syllable.count {
                let (scalar, length) = UTF8Decoding.decode(syllable.baseAddress!, at: position, end: syllable.count)
                position += length
                let letter = lowercased && (0x41...0x5A).contains(scalar) ? scalar + 0x20 : scalar
                if case .key = spelling, letter < 0x80 {
                    // Most letters of a key: ASCII, written lowercase.
                    if needsApostrophe(before: Unicode.Scalar(UInt8(letter)), at: offset) { output.append(UInt8(ascii: "'")) }
                    output.append(UInt8((0x41...0x5A).contains(letter) ? letter + 0x20 : letter))
                    offset += 1
                } else if lowercased, scalar >= 0x80, Pinyin.unmarked(Unicode.Scalar(scalar)!).value == scalar {
                    // Tone-marked letters are lowercase already; the others are looked up.
                    for lower in Unicode.Scalar(scalar)!.properties.lowercaseMapping.unicodeScalars {
                        append(letter: lower, at: offset, to: &output)
                        offset += 1
                    }
                } else {
                    append(letter: Unicode.Scalar(letter)!, at: offset, to: &output)
                    offset += 1
                }
            }
            syllableIndex += 1
        }

        /// A syllable after the first of a word that starts with a, o or e (Chang'an).
        @inline(__always)
        private func needsApostrophe(before unmarked: Unicode.Scalar, at offset: Int) -> Bool {
            offset == 0 && syllableIndex > 0 && (unmarked == "a" || unmarked == "o" || unmarked == "e")
        }

        private func append(letter scalar: Unicode.Scalar, at offset: Int, to output: inout [UInt8]) {
            let unmarked = Pinyin.unmarked(scalar)
            if needsApostrophe(before: unmarked, at: offset) { output.append(UInt8(ascii: "'")) }
            switch spelling {
            case .printed(let tones):
                let letter = tones ? scalar : unmarked
                if syllableIndex == 0, offset == 0, !letter.isASCII {
                    for upper in letter.properties.uppercaseMapping.unicodeScalars { UTF8.encode(upper) { output.append($0) } }
                } else {
                    let isFirstLowercase = syllableIndex == 0 && offset == 0 && ("a"..."z").contains(letter)
                    UTF8.encode(isFirstLowercase ? Unicode.Scalar(UInt8(letter.value) - 0x20) : letter) { output.append($0) }
                }
            case .key where unmarked.isASCII:
                output.append(("A"..."Z").contains(unmarked) ? UInt8(unmarked.value) + 0x20 : UInt8(unmarked.value))
            case .key:
                for letter in unmarked.properties.lowercaseMapping.unicodeScalars { UTF8.encode(letter == "ü" ? "u" : letter) { output.append($0) } }
            }
        }
    }

    /// The longest surname at the start of a name: its length in scalars and value.
    func surnameMatch(_ scalars: [Unicode.Scalar]) -> (Int, UInt32)? {
        var bytes = Array(String(String.UnicodeScalarView(scalars)).utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (Int, UInt32)? in
            guard let base = buffer.baseAddress, let match = surnameMatch(base, count: buffer.count) else { return nil }
            return (String(decoding: buffer[..<match.length], as: UTF8.self).unicodeScalars.count, match.value)
        }
    }

    /// The longest surname at the start of UTF-8 text, as written or in its Simplified form.
    func surnameMatch(_ text: UnsafePointer<UInt8>, count: Int) -> PhraseTable.Match? {
        names.surnames.longestMatch(text, from: 0, end: count, fold: IdentityFold())
            ?? names.surnames.longestMatch(text, from: 0, end: count, fold: view)
    }

    /// The reading of a character of a given name: Tongwen's given-name
    /// reading where there is one, else Unihan's kMandarin.
    private func givenReading(_ scalar: UInt32) -> UnsafeBufferPointer<UInt8>? {
        // Given-name rows are `character, reading`; kMandarin rows are the reading alone.
        if let value = names.givenReadings.value(ofScalar: scalar) {
            return names.givenReadings.candidate(1, of: value)
        }
        if let value = names.readings.value(ofScalar: scalar) {
            return names.readings.candidate(0, of: value)
        }
        return nil
    }
}
