/// A set of (first, second) scalar pairs as hashed bits (128 KB): `contains`
/// may answer yes for a pair never inserted, never no for one that was. Used
/// to tell, from two characters, that no key of two or more scalars can
/// start where a walk down a trie would otherwise have to find that out.
///
/// A set of two lanes is two such sets whose words for a pair lie side by
/// side (256 KB): asking the second lane about a pair the first holds reads
/// the cache line the first did (a miss on each was a fifth of a stage's
/// single-character loop's time).
///
/// A set compiled with the tables is read where it lies in the embedded
/// archive; a set built at run time lives in zeroed pages that cost nothing
/// until a pair is inserted there. Inserting copies a shared set first.
struct HashedPairSet<Lanes: PairSetLanes>: @unchecked Sendable {
    private static var hashBits: Int { 20 }
    /// A pair's word in lane `l` is `(hash >> 6) << laneShift | l`.
    private static var laneShift: Int { Lanes.count - 1 }
    private static var wordCount: Int { 1 << (hashBits - 6 + laneShift) }
    private var words: UnsafePointer<UInt64>
    /// The memory of a set built at run time; nil for one read in place.
    private var owner: ZeroedWords<UInt64>?

    init() {
        let owner = ZeroedWords<UInt64>(count: Self.wordCount)
        self.owner = owner
        words = UnsafePointer(owner.base)
    }

    /// The set stored as ``bytes``, read in place: the bytes must live as
    /// long as the set does, as the embedded archive's do. Nil when they do
    /// not hold a set of as many lanes.
    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.wordCount * 8, let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0 else { return nil }
        // The bytes are little-endian, as the words of every machine Tongwen runs on.
        guard 1.littleEndian == 1 else { return nil }
        words = base.assumingMemoryBound(to: UInt64.self)
    }

    /// The set as little-endian bytes, for the table archive.
    var bytes: [UInt8] {
        var writer = ByteWriter()
        for word in UnsafeBufferPointer(start: words, count: Self.wordCount) {
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
    mutating func insert(_ first: UInt32, _ second: UInt32, lane: Int = 0) {
        makeUnique()
        let hash = Self.hash(first, second)
        owner!.base[(hash >> 6) << Self.laneShift | lane] |= 1 << UInt64(hash & 63)
    }

    /// Copies a set shared with another, or read in place, before it changes.
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&owner) else { return }
        let copy = ZeroedWords<UInt64>(count: Self.wordCount, copying: words)
        owner = copy
        words = UnsafePointer(copy.base)
    }

    /// Adds every pair of `other`.
    mutating func formUnion(_ other: Self) {
        makeUnique()
        for index in 0..<Self.wordCount { owner!.base[index] |= other.words[index] }
    }

    @inline(__always)
    func contains(_ first: UInt32, _ second: UInt32, lane: Int = 0) -> Bool {
        let hash = Self.hash(first, second)
        return words[(hash >> 6) << Self.laneShift | lane] >> UInt64(hash & 63) & 1 != 0
    }

    /// Inserts the first two scalars of every key of `table` that has two or
    /// more; with `preimages`, each pair as text may spell it before the fold.
    mutating func insertKeyStarts(of table: PhraseTable, through preimages: CharacterFold.Preimages? = nil) {
        table.forEachFirstScalar { first, node in
            let seconds = table.childScalars(of: node)
            preimages.forEachSpelling(of: first) { first in
                for second in seconds {
                    preimages.forEachSpelling(of: second) { insert(first, $0) }
                }
            }
        }
    }
}

/// The sets of one lane.
typealias ScalarPairSet = HashedPairSet<OneLane>

/// How many sets a ``HashedPairSet`` holds side by side: one or two.
protocol PairSetLanes {
    static var count: Int { get }
}

enum OneLane: PairSetLanes {
    static var count: Int { 1 }
}

enum TwoLanes: PairSetLanes {
    static var count: Int { 2 }
}
