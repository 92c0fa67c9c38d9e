/// How the keys of two or more scalars of a table begin, as ``StageShortcuts``
/// asks: the pairs that begin one, the pairs that are one, and the first three
/// scalars of those of three or more (the first, and a ``mix(_:_:)`` of the
/// second and third).
///
/// Made from the table's trie, or, for a large table, compiled with the
/// tables and read in place (``BuiltinTables/compiledKeyStartsMinimum``):
/// walking STPhrases' trie at start-up took about a millisecond.
struct KeyStarts: Sendable {
    var pairs = ScalarPairSet()
    var pairKeys = ScalarPairSet()
    var triples = ScalarPairSet()

    /// No keys.
    init() {}

    init(table: PhraseTable) {
        table.forEachFirstScalar { first, node in
            table.forEachChild(of: node) { second, secondNode in
                pairs.insert(first, second)
                if table.value(atNode: secondNode) != nil { pairKeys.insert(first, second) }
                for third in table.childScalars(of: secondNode) { triples.insert(first, Self.mix(second, third)) }
            }
        }
    }

    /// Two scalars as one word for a ``ScalarPairSet``.
    @inline(__always)
    static func mix(_ second: UInt32, _ third: UInt32) -> UInt32 {
        second &* 0x2545_F491 ^ third
    }

    /// Adds the key starts of another table.
    mutating func formUnion(_ other: KeyStarts) {
        pairs.formUnion(other.pairs)
        pairKeys.formUnion(other.pairKeys)
        triples.formUnion(other.triples)
    }

    /// The key starts stored as ``bytes``, read in place (see ``ScalarPairSet/init(bytes:)``).
    init?(bytes: UnsafeRawBufferPointer) {
        let third = bytes.count / 3
        guard bytes.count % 3 == 0,
              let pairs = ScalarPairSet(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<third])),
              let pairKeys = ScalarPairSet(bytes: UnsafeRawBufferPointer(rebasing: bytes[third..<2 * third])),
              let triples = ScalarPairSet(bytes: UnsafeRawBufferPointer(rebasing: bytes[(2 * third)...])) else { return nil }
        (self.pairs, self.pairKeys, self.triples) = (pairs, pairKeys, triples)
    }

    /// The three sets one after another, for the table archive.
    var bytes: [UInt8] { pairs.bytes + pairKeys.bytes + triples.bytes }
}
