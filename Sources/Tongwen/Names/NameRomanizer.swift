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

    /// A name split into its surname and given name, as tone-marked syllables.
    struct Reading: Equatable {
        var surname: [String]
        var given: [String]
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
        spell(reading(of: name), .printed(tones: tones))
    }

    /// The surname and the given name as two words; an apostrophe keeps
    /// syllables apart before a, o, e (Chang'an).
    func spell(_ reading: Reading, _ spelling: Spelling) -> String {
        var output = String.UnicodeScalarView()
        for word in [reading.surname, reading.given] where !word.isEmpty {
            if !output.isEmpty { output.append(" ") }
            for (index, syllable) in word.enumerated() {
                for (offset, scalar) in syllable.unicodeScalars.enumerated() {
                    let unmarked = Pinyin.unmarked(scalar)
                    if offset == 0, index > 0, unmarked == "a" || unmarked == "o" || unmarked == "e" { output.append("'") }
                    switch spelling {
                    case .printed(let tones):
                        let letter = tones ? scalar : unmarked
                        if index == 0, offset == 0 {
                            output.append(contentsOf: letter.properties.uppercaseMapping.unicodeScalars)
                        } else {
                            output.append(letter)
                        }
                    case .key where unmarked.isASCII:
                        output.append(("A"..."Z").contains(unmarked) ? Unicode.Scalar(UInt8(unmarked.value) + 0x20) : unmarked)
                    case .key:
                        for letter in unmarked.properties.lowercaseMapping.unicodeScalars { output.append(letter == "ü" ? "u" : letter) }
                    }
                }
            }
        }
        return String(output)
    }

    /// The tone-marked syllables of a name in Chinese characters.
    func reading(of name: String) -> Reading {
        var name = name
        return name.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return Reading(surname: [], given: []) }
            if let person = names.people.value(ofKey: bytes) {
                let parts = String(decoding: names.people.candidate(2, of: person), as: UTF8.self).lowercased().split(separator: " ")
                return Reading(surname: [String(parts[0])], given: parts.dropFirst().map(String.init))
            }
            var surname: [String] = []
            var position = 0
            if let match = surnameMatch(base, count: bytes.count) {
                surname = [String(decoding: names.surnames.candidate(2, of: match.value), as: UTF8.self).lowercased()]
                position = match.length
            }
            var given: [String] = []
            while position < bytes.count {
                let (scalar, length) = UTF8Decoding.decode(base, at: position, end: bytes.count)
                given.append(self.given(scalar))
                position += length
            }
            return Reading(surname: surname, given: given)
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
    private func surnameMatch(_ text: UnsafePointer<UInt8>, count: Int) -> PhraseTable.Match? {
        names.surnames.longestMatch(text, from: 0, end: count, fold: IdentityFold())
            ?? names.surnames.longestMatch(text, from: 0, end: count, fold: view)
    }

    private func given(_ scalar: UInt32) -> String {
        // Given-name rows are `character, reading`; kMandarin rows are the reading alone.
        if let value = names.givenReadings.value(ofScalar: scalar) {
            return String(decoding: names.givenReadings.candidate(1, of: value), as: UTF8.self)
        }
        if let value = names.readings.value(ofScalar: scalar) {
            return String(decoding: names.readings.candidate(0, of: value), as: UTF8.self)
        }
        return Unicode.Scalar(scalar).map(String.init) ?? "\u{FFFD}"
    }
}
