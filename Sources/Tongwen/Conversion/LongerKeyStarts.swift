/// Where a key of two or more scalars of some tables may start in text, read
/// as written or through a fold: the characters of text whose fold begins
/// such a key, and how the keys begin (``KeyStarts``), asked of the folded
/// characters. Tells a pass that no such key matches in a text, so that it
/// may take a way only keys of one scalar would see.
struct LongerKeyStarts: Sendable {
    private let firsts: FirstScalarFilter
    private let asciiFirsts: ASCIISet
    private let tables: [(starts: KeyStarts, fold: CharacterFold?)]

    /// The keys of `tables`, each read through the table's fold, if it has one.
    init(_ tables: [(table: PhraseTable, fold: CharacterFold?)]) {
        let firsts = FirstScalarFilter()
        for (table, fold) in tables {
            // Text spells a first scalar as itself, unless it folds to another, and as each scalar that folds to it.
            // Asked of the fold here, not of `CharacterFold.Preimages`, whose map of every folded scalar added
            // a fifth to `--to tw`'s start-up; the pairs are asked of folded characters as the text is read.
            table.forEachFirstScalar { scalar, node in
                if !table.childScalars(of: node).isEmpty, fold?.fold(scalar) ?? scalar == scalar { firsts.insert(scalar) }
            }
            fold?.table.forEachFirstScalar { scalar, _ in
                let folded = fold!.fold(scalar)
                if folded != scalar, !table.childScalars(of: table.root(folded)).isEmpty { firsts.insert(scalar) }
            }
        }
        self.firsts = firsts
        self.tables = tables.map { (KeyStarts(table: $0.table), $0.fold) }
        asciiFirsts = firsts.asciiScalars
    }

    /// The first place in `text[start..<end]` where such a key may start.
    /// Characters no key starts with are passed over unvalidated, two at a
    /// time where they are three bytes of the shape of one (the keys are
    /// few, and begin with few characters), and runs of ASCII bytes where no
    /// key starts with one.
    func firstStart(in text: UnsafePointer<UInt8>, from start: Int, end count: Int) -> Int? {
        var position = start
        while position < count {
            position = firsts.endOfThreeByteNonStarts(text, from: position, end: count)
            guard position < count else { break }
            if text[position] < 0x80, !asciiFirsts.contains(text[position]) {
                position = asciiFirsts.isEmpty ? UTF8Decoding.endOfASCII(text, from: position, end: count) : position + 1
                continue
            }
            let (first, length) = UTF8Decoding.decode(text, at: position, end: count)
            if firsts.mayStartKey(first), position + length < count, tables.contains(where: { starts, fold in
                let fold = OptionalFold(fold: fold?.unretained)
                return starts.mayStartKey(with: fold.fold(first), in: text, next: position + length, end: count, fold: fold)
            }) {
                return position
            }
            position += length
        }
        return nil
    }
}
