/// How the keys of two or more scalars of a table begin, as ``StageShortcuts``
/// asks: the pairs that begin one and the pairs that are one (two lanes of
/// one set, ``beginsKey`` and ``isKey``), and the first three scalars of those
/// of three or more (the first, and a ``mix(_:_:)`` of the second and third).
///
/// Made from the table's trie, or, for a large table, compiled with the
/// tables and read in place (``BuiltinTables/compiledKeyStartsMinimum``):
/// walking STPhrases' trie at start-up took about a millisecond.
struct KeyStarts: Sendable {
    var pairs = HashedPairSet<TwoLanes>()
    var triples = ScalarPairSet()
    /// The lanes of ``pairs``.
    static let beginsKey = 0, isKey = 1

    /// No keys.
    init() {}

    /// With `preimages`, the starts of the keys as text may spell them
    /// before the fold (a later stage's keys, looked up through a view).
    init(table: PhraseTable, through preimages: CharacterFold.Preimages? = nil) {
        table.forEachFirstScalar { first, node in
            table.forEachChild(of: node) { second, secondNode in
                let isKey = table.value(atNode: secondNode) != nil
                let thirds = table.childScalars(of: secondNode)
                preimages.forEachSpelling(of: first) { first in
                    preimages.forEachSpelling(of: second) { second in
                        pairs.insert(first, second, lane: Self.beginsKey)
                        if isKey { pairs.insert(first, second, lane: Self.isKey) }
                        for third in thirds {
                            preimages.forEachSpelling(of: third) { triples.insert(first, Self.mix(second, $0)) }
                        }
                    }
                }
            }
        }
    }

    /// Whether a key of two or more scalars may start with `first` where the
    /// text after it begins at `next` (before `end`): the pair begins one and
    /// is one, or it and the third character begin one. The characters after
    /// `first` are read unchecked, and passed through `fold`: any answer for
    /// bytes that are not valid UTF-8 is safe, since "no" is what their
    /// invalid scalar would give.
    @inline(always)
    func mayStartKey<Fold: ScalarFold>(with first: UInt32, in text: UnsafePointer<UInt8>, next: Int, end: Int, fold: Fold) -> Bool {
        let (unfolded, secondLength) = UTF8Decoding.decodeUnchecked(text, at: next, end: end)
        let second = fold.fold(unfolded)
        if pairs.contains(first, second, lane: Self.beginsKey) {
            if pairs.contains(first, second, lane: Self.isKey) { return true }
            let third = next &+ secondLength
            if third < end, triples.contains(first, Self.mix(second, fold.fold(UTF8Decoding.decodeUnchecked(text, at: third, end: end).scalar))) { return true }
        }
        return false
    }

    /// ``mayStartKey(with:in:next:end:fold:)`` for text read as written.
    @inline(always)
    func mayStartKey(with first: UInt32, in text: UnsafePointer<UInt8>, next: Int, end: Int) -> Bool {
        mayStartKey(with: first, in: text, next: next, end: end, fold: IdentityFold())
    }

    /// Two scalars as one word for a ``ScalarPairSet``.
    @inline(__always)
    static func mix(_ second: UInt32, _ third: UInt32) -> UInt32 {
        second &* 0x2545_F491 ^ third
    }

    /// Adds the key starts of another table.
    mutating func formUnion(_ other: KeyStarts) {
        pairs.formUnion(other.pairs)
        triples.formUnion(other.triples)
    }

    /// The key starts stored as ``bytes``, read in place (see ``HashedPairSet/init(bytes:)``).
    init?(bytes: UnsafeRawBufferPointer) {
        let third = bytes.count / 3
        guard bytes.count % 3 == 0,
              let pairs = HashedPairSet<TwoLanes>(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<(2 * third)])),
              let triples = ScalarPairSet(bytes: UnsafeRawBufferPointer(rebasing: bytes[(2 * third)...])) else { return nil }
        (self.pairs, self.triples) = (pairs, triples)
    }

    /// The two sets one after another, for the table archive.
    var bytes: [UInt8] { pairs.bytes + triples.bytes }
}

extension CharacterFold.Preimages? {
    /// Calls `body` with each scalar text may spell `scalar` with before the
    /// fold; without one, with `scalar` itself.
    @inline(__always)
    func forEachSpelling(of scalar: UInt32, _ body: (UInt32) -> Void) {
        guard let self else { return body(scalar) }
        for spelling in self.scalars(foldingTo: scalar) { body(spelling) }
    }
}
