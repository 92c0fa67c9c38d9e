/// A set of (first, second) scalar pairs as hashed bits (128 KB): `contains`
/// may answer yes for a pair never inserted, never no for one that was. Used
/// to tell, from two characters, that no key of two or more scalars can
/// start where a walk down a trie would otherwise have to find that out.
struct ScalarPairSet: Sendable {
    private static let hashBits = 20
    private var words = [UInt64](repeating: 0, count: 1 << (hashBits - 6))

    init() {}

    /// The set stored as ``bytes``; nil when they do not hold one.
    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == words.count * 8 else { return nil }
        for index in words.indices {
            words[index] = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
    }

    /// The set as little-endian bytes, for the table archive.
    var bytes: [UInt8] {
        var writer = ByteWriter()
        for word in words {
            writer.uint32(UInt32(truncatingIfNeeded: word))
            writer.uint32(UInt32(word >> 32))
        }
        return writer.bytes
    }

    @inline(__always)
    private static func hash(_ first: UInt32, _ second: UInt32) -> Int {
        Int((first &* 0x9E37_79B1 ^ second &* 0x85EB_CA77) >> (32 - UInt32(hashBits)))
    }

    @inline(__always)
    mutating func insert(_ first: UInt32, _ second: UInt32) {
        let hash = Self.hash(first, second)
        words[hash >> 6] |= 1 << UInt64(hash & 63)
    }

    @inline(__always)
    func contains(_ first: UInt32, _ second: UInt32) -> Bool {
        let hash = Self.hash(first, second)
        return words[hash >> 6] >> UInt64(hash & 63) & 1 != 0
    }

    /// Inserts the first two scalars of every key of `table` that has two or
    /// more; with `preimages`, each pair as text may spell it before the fold.
    mutating func insertKeyStarts(of table: PhraseTable, through preimages: CharacterFold.Preimages? = nil) {
        table.forEachFirstScalar { first, node in
            let seconds = table.childScalars(of: node)
            guard let preimages, !seconds.isEmpty else {
                for second in seconds { insert(first, second) }
                return
            }
            let firsts = preimages.scalars(foldingTo: first)
            for second in seconds {
                for textSecond in preimages.scalars(foldingTo: second) {
                    for textFirst in firsts { insert(textFirst, textSecond) }
                }
            }
        }
    }
}
