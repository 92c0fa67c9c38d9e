import Glibc

/// What a stage writes for a character of the Basic Multilingual Plane where
/// no key longer than that character matches, and which pairs of characters
/// can start a longer key: most characters of running text need neither a
/// trie walk nor the candidate arrays, only one record and one bit.
///
/// Built when a stage is made, from its levels: for each first scalar, the
/// default candidate of the first level with that one-scalar key (inline when
/// it fits in four bytes), and a bit in a hashed set for every (first, second)
/// scalar pair that begins a key of two or more scalars in any level. A bit set
/// by another pair only sends the lookup down the full walk.
final class StageShortcuts: @unchecked Sendable {
    /// One record per BMP scalar: the output's UTF-8 in the low 32 bits, its
    /// length in bits 32–34 (0: no one-scalar key), ``longer`` and ``outOfLine``.
    private let records: UnsafeMutablePointer<UInt64>
    private let pairBits: UnsafeMutablePointer<UInt64>
    private static let scalarCount = 0x10000
    private static let pairHashBits = 20
    /// Some level has a key of two or more scalars that starts with this scalar.
    private static let longer: UInt64 = 1 << 35
    /// The output does not fit in the record; the full lookup must run.
    private static let outOfLine: UInt64 = 1 << 36

    /// What one scalar turned into: `length` bytes of input, `output` bytes of output (`count` of them; none when no key matched).
    struct Single {
        var length: Int
        var output: UInt32
        var count: Int
    }

    init(levels: [PhraseTable]) {
        // calloc: the pages of scalars no level has are never touched, so cost nothing.
        records = calloc(Self.scalarCount, MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
        pairBits = calloc(1 << (Self.pairHashBits - 6), MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
        // Later levels first, so that an earlier level's one-scalar key is the one kept.
        for table in levels.reversed() {
            table.forEachFirstScalar { scalar, node in
                guard scalar < Self.scalarCount else { return }
                let children = table.childScalars(of: node)
                if !children.isEmpty {
                    records[Int(scalar)] |= Self.longer
                    for second in children { setPair(scalar, second) }
                }
                guard let value = table.value(ofScalar: scalar) else { return }
                let output = table.candidate(0, of: value)
                var record = records[Int(scalar)] & Self.longer
                if output.count <= 4 {
                    for (index, byte) in output.enumerated() { record |= UInt64(byte) << (index * 8) }
                    record |= UInt64(output.count) << 32
                } else {
                    record |= Self.outOfLine
                }
                records[Int(scalar)] = record
            }
        }
    }

    deinit {
        free(records)
        free(pairBits)
    }

    @inline(__always)
    private static func pairHash(_ first: UInt32, _ second: UInt32) -> Int {
        Int((first &* 0x9E37_79B1 ^ second &* 0x85EB_CA77) >> (32 - UInt32(pairHashBits)))
    }

    private func setPair(_ first: UInt32, _ second: UInt32) {
        let hash = Self.pairHash(first, second)
        pairBits[hash >> 6] |= 1 << UInt64(hash & 63)
    }

    /// The stage's result at `position` when it is decided by one scalar:
    /// nil when a longer key may match there (or the scalar is outside the
    /// BMP, or its output is long), and the full lookup must decide.
    @inline(__always)
    func single(_ text: UnsafePointer<UInt8>, at position: Int, end: Int) -> Single? {
        let (first, length) = UTF8Decoding.decode(text, at: position, end: end)
        guard first < Self.scalarCount else { return nil }
        let record = records[Int(first)]
        if record & Self.outOfLine != 0 { return nil }
        if record & Self.longer != 0, position + length < end {
            let second = UTF8Decoding.decode(text, at: position + length, end: end).scalar
            let hash = Self.pairHash(first, second)
            if pairBits[hash >> 6] >> UInt64(hash & 63) & 1 != 0 { return nil }
        }
        return Single(length: length, output: UInt32(truncatingIfNeeded: record), count: Int(record >> 32 & 7))
    }
}
