/// Keeps names right during conversion: a known person (周杰伦 → 周杰倫,
/// 徐乾學 → 徐乾学), and a surname directly before a title (于书记 → 于書記,
/// 钟先生 → 鍾先生), unless the surname character ends a word that starts
/// before it (关于书记处 stays 關於書記處).
///
/// The name tables are keyed in both scripts, so names are found as written
/// in either; the output takes the form of the target script. (Looking names
/// up through a Simplified view as well, for mixed text, cost a character-table
/// lookup at every character of every text for little gain.)
final class NameTermFinder: TermFinder {
    /// Which form of a name to write.
    enum Script {
        case simplified, traditional

        var column: Int { self == .simplified ? 0 : 1 }
    }

    let script: Script
    let names: NameTables
    /// Phrases keyed in Simplified, to tell whether a surname character belongs to a word before it.
    let phrases: PhraseTable
    /// The Simplified view of the text in which `phrases` are looked up.
    let view: CharacterFold
    /// The pairs of characters a term starts with (``termStarts(of:)``).
    private let termStarts: ScalarPairSet

    init(script: Script, tables: BuiltinTables) {
        self.script = script
        names = NameTables(tables: tables)
        phrases = tables.table(named: "STPhrases+STPhrases_GeneratedFromRegionalPhrases")!
        view = tables.simplifiedView
        termStarts = tables.pairs(named: Self.termStartsName)
    }

    /// The name under which ``termStarts(of:)`` is compiled with the tables.
    static let termStartsName = "names:term-starts"

    /// The first two characters of every term: of a person, of a surname of
    /// two characters, or a surname of one and the first of a title. A person
    /// of one character would never be found; the name data has none.
    static func termStarts(of names: NameTables) -> ScalarPairSet {
        var starts = ScalarPairSet()
        starts.insertKeyStarts(of: names.people)
        starts.insertKeyStarts(of: names.surnames)
        var titleStarts: [UInt32] = []
        names.titles.forEachFirstScalar { scalar, _ in titleStarts.append(scalar) }
        names.surnames.forEachFirstScalar { scalar, _ in
            guard names.surnames.value(ofScalar: scalar) != nil else { return }
            for title in titleStarts { starts.insert(scalar, title) }
        }
        return starts
    }

    var tables: [PhraseTable] { [names.surnames, names.titles, names.people, phrases] }

    var termStartTables: [PhraseTable] { [names.people, names.surnames] }

    /// Most characters a name may start with (王, 和, 于) start none where
    /// they stand: the pair test is inlined into the caller's scan, and only
    /// a pair that begins a term goes on to the tables.
    // `always` (SE-0496): `@inline(__always)` left it a call.
    @inline(always)
    func term(in text: UnsafeBufferPointer<UInt8>, at position: Int, first: (scalar: UInt32, length: Int)) -> Term? {
        // The next character is read unchecked: where it is not valid UTF-8, no term goes past the first.
        guard position + first.length < text.count,
              termStarts.contains(first.scalar, UTF8Decoding.decodeUnchecked(text.baseAddress!, at: position + first.length, end: text.count).scalar)
        else { return nil }
        return term(startingWithPairIn: text, at: position)
    }

    /// The term at `position`, where its first two characters begin one.
    @inline(never)
    private func term(startingWithPairIn text: UnsafeBufferPointer<UInt8>, at position: Int) -> Term? {
        if let person = match(names.people, text, at: position) {
            return Term(length: person.length, output: names.people.candidate(script.column, of: person.value), rule: .name)
        }
        guard let surname = match(names.surnames, text, at: position),
              let title = match(names.titles, text, at: position + surname.length),
              !endsWordBefore(text, surnameAt: position, length: surname.length)
        else { return nil }
        return Term(
            length: surname.length + title.length,
            output: names.surnames.candidate(script.column, of: surname.value),
            outputContinued: names.titles.candidate(script.column, of: title.value),
            rule: .name
        )
    }

    /// A key as written (either script is keyed).
    @inline(__always)
    private func match(_ table: PhraseTable, _ text: UnsafeBufferPointer<UInt8>, at position: Int) -> PhraseTable.Match? {
        guard position < text.count else { return nil }
        return table.longestMatch(text.baseAddress!, from: position, end: text.count, fold: IdentityFold())
    }

    /// Whether a phrase that starts up to three characters before the surname
    /// covers its first character (关于, 业余, 典范).
    private func endsWordBefore(_ text: UnsafeBufferPointer<UInt8>, surnameAt position: Int, length: Int) -> Bool {
        var start = position
        for _ in 0..<3 {
            guard start > 0 else { return false }
            start -= 1
            while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
            if let phrase = phrases.longestMatch(text.baseAddress!, from: start, end: text.count, fold: view), start + phrase.length > position {
                return true
            }
        }
        return false
    }
}
