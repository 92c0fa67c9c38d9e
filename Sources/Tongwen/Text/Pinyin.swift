/// Pinyin syllables as the web writes them: letters with tone marks.
enum Pinyin {
    /// Vowels with tone marks, and the tone each carries.
    static let toneMarks: [Character: (vowel: Character, tone: Int)] = {
        var marks: [Character: (Character, Int)] = [:]
        for (vowel, marked) in [("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"), ("ü", "ǖǘǚǜ"),
                                ("n", "\u{0}ńňǹ"), ("m", "\u{0}ḿ\u{0}\u{0}")] {
            for (index, character) in marked.enumerated() where character != "\u{0}" {
                marks[character] = (Character(vowel), index + 1)
            }
        }
        return marks
    }()

    /// For each scalar up to the last marked letter, the letter without its
    /// mark (a to z or ü, all below U+0100), or 0; one load for names' hot path.
    private static let unmarkedLetters: [UInt8] = {
        let marks = toneMarks.map { (marked: $0.key.unicodeScalars.first!.value, vowel: $0.value.vowel.unicodeScalars.first!.value) }
        var letters = [UInt8](repeating: 0, count: Int(marks.map(\.marked).max()!) + 1)
        for mark in marks { letters[Int(mark.marked)] = UInt8(mark.vowel) }
        return letters
    }()

    /// The letter without its tone mark (ā → a, ǘ → ü); any other scalar as it is.
    static func unmarked(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard !scalar.isASCII, scalar.value < unmarkedLetters.count, case let letter = unmarkedLetters[Int(scalar.value)], letter != 0 else { return scalar }
        return Unicode.Scalar(letter)
    }

    private static let initials = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", ""]
    private static let finals: Set<String> = [
        "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
        "i", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong",
        "u", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ueng",
        "ü", "üe", "üan", "ün", "ue", "v", "ve", "n", "ng", "m",
    ]

    /// The text with tone marks taken off (xīngruì → xingrui; ü stays ü).
    static func withoutTones(_ text: String) -> String {
        String(text.map { toneMarks[$0]?.vowel ?? $0 })
    }

    /// Whether `text` is one pinyin syllable with exactly one tone mark, such as `xié` or `lǐng`.
    static func isToneMarkedSyllable(_ text: some StringProtocol) -> Bool {
        guard (1...7).contains(text.count) else { return false }
        var marks = 0
        var base = ""
        for character in text.lowercased() {
            if let mark = toneMarks[character] {
                marks += 1
                base.append(mark.vowel)
            } else if character.isASCII && character.isLetter || character == "ü" {
                base.append(character)
            } else {
                return false
            }
        }
        guard marks == 1 else { return false }
        return initials.contains { base.hasPrefix($0) && finals.contains(String(base.dropFirst($0.count))) }
    }
}
