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
        view = CharacterFold(table: BuiltinTables.shared.table(named: "TSCharacters")!)
    }

    /// A name split into its surname and given name, as tone-marked syllables.
    struct Reading: Equatable {
        var surname: [String]
        var given: [String]
    }

    /// `Ma Xingrui`, or with `tones` `Mǎ Xīngruì`.
    public func romanize(_ name: String, tones: Bool = false) -> String {
        let reading = self.reading(of: name)
        func word(_ syllables: [String]) -> String {
            var word = ""
            for syllable in syllables {
                // An apostrophe keeps syllables apart before a, o, e (Chang'an).
                if !word.isEmpty, let first = syllable.first, "aoeāáǎàōóǒòēéěè".contains(first) { word += "'" }
                word += tones ? syllable : Pinyin.withoutTones(syllable)
            }
            return word.prefix(1).uppercased() + word.dropFirst()
        }
        return [word(reading.surname), word(reading.given)].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The tone-marked syllables of a name in Chinese characters.
    func reading(of name: String) -> Reading {
        if let value = names.people.value(ofKey: name) {
            let parts = String(decoding: names.people.candidate(2, of: value), as: UTF8.self).lowercased().split(separator: " ")
            return Reading(surname: [String(parts[0])], given: parts.dropFirst().map(String.init))
        }
        var scalars = Array(name.unicodeScalars)
        var surname: [String] = []
        if let (length, value) = surnameMatch(scalars) {
            let reading = String(decoding: names.surnames.candidate(2, of: value), as: UTF8.self).lowercased()
            surname = [reading]
            scalars.removeFirst(length)
        }
        return Reading(surname: surname, given: scalars.map(given))
    }

    /// The longest surname at the start of a name: its length in scalars and value.
    func surnameMatch(_ scalars: [Unicode.Scalar]) -> (Int, UInt32)? {
        var bytes = Array(String(String.UnicodeScalarView(scalars)).utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (Int, UInt32)? in
            guard let base = buffer.baseAddress, let match = names.surnames.longestMatch(base, from: 0, end: buffer.count, fold: IdentityFold())
                ?? names.surnames.longestMatch(base, from: 0, end: buffer.count, fold: view) else { return nil }
            return (String(decoding: buffer[..<match.length], as: UTF8.self).unicodeScalars.count, match.value)
        }
    }

    private func given(_ scalar: Unicode.Scalar) -> String {
        // Given-name rows are `character, reading`; kMandarin rows are the reading alone.
        for (table, column) in [(names.givenReadings, 1), (names.readings, 0)] {
            if let value = table.value(ofScalar: scalar.value) {
                return String(decoding: table.candidate(column, of: value), as: UTF8.self)
            }
        }
        return String(scalar)
    }
}
