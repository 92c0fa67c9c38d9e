/// What a stage writes for a character of the Basic Multilingual Plane where
/// no key longer than that character matches, and which pairs of characters
/// can start a longer key: most characters of running text need neither a
/// trie walk nor the candidate arrays, only one record and one bit.
///
/// Built when a stage is made, from its levels: for each first scalar, the
/// default candidate of the first level with that one-scalar key (inline when
/// it is one BMP character, three bytes at most), and the union of the levels'
/// ``KeyStarts``: the pairs that begin a key of two or more scalars, those
/// that are a whole key, and the first three scalars of keys of three or
/// more. Most pairs that begin a key are not followed by the rest of one (中华
/// in 中华书局 without 人民), and those need no lookup either.
final class StageShortcuts: @unchecked Sendable {
    /// One record per BMP scalar, four bytes so that the CJK block's fit in
    /// 84 KB: the output's UTF-8 in the low 24 bits, its length in bits 24–25
    /// (0: no one-scalar key), ``longer`` and ``outOfLine``.
    private let records: UnsafePointer<UInt32>
    private let recordStorage: ZeroedWords<UInt32>
    /// How the levels' keys of two or more scalars begin.
    let keyStarts: KeyStarts
    /// For each byte value, 1 when it begins the UTF-8 of a scalar some key
    /// starts with (any four-byte lead, since records cover only the BMP).
    private let leadBytes: ZeroedWords<UInt8>
    /// The least byte value with a lead byte entry. When it is above ASCII,
    /// eight bytes all below it are passed over at once: the keys of a stage
    /// of CJK compatibility ideographs begin with 0xEF or above, which in CJK
    /// text only full-width punctuation shares.
    private let leastLead: UInt8
    private static let scalarCount = 0x10000
    /// Some level has a key of two or more scalars that starts with this scalar.
    private static let longer: UInt32 = 1 << 26
    /// The output does not fit in the record; the full lookup must run.
    private static let outOfLine: UInt32 = 1 << 27

    /// What one scalar turned into: `length` bytes of input, `output` bytes of output (`count` of them; none when no key matched).
    struct Single {
        var length: Int
        var output: UInt32
        var count: Int
    }

    /// `keyStarts` are those of the levels with keys of two or more scalars.
    convenience init(levels: [PhraseTable], keyStarts: [KeyStarts]) {
        var starts = keyStarts.first ?? KeyStarts()
        for other in keyStarts.dropFirst() { starts.formUnion(other) }
        self.init(levels: levels, keyStarts: starts, droppingSingles: [])
    }

    /// The shortcuts of `levels`, whose keys of two or more scalars begin as
    /// `keyStarts` says, as if the one-scalar keys `dropped` were none.
    init(levels: [PhraseTable], keyStarts: KeyStarts, droppingSingles dropped: Set<UInt32>) {
        recordStorage = ZeroedWords(count: Self.scalarCount)
        let records = recordStorage.base
        let leadBytes = ZeroedWords<UInt8>(count: 256)
        for lead in 0xF0...0xF4 { leadBytes.base[lead] = 1 }
        // Later levels first, so that an earlier level's one-scalar key is the one kept.
        for table in levels.reversed() {
            table.forEachFirstScalar { scalar, node in
                guard scalar < Self.scalarCount else { return }
                leadBytes.base[Int(scalar < 0x80 ? scalar : scalar < 0x800 ? 0xC0 | scalar >> 6 : 0xE0 | scalar >> 12)] = 1
                if !table.childScalars(of: node).isEmpty { records[Int(scalar)] |= Self.longer }
                guard let value = table.value(ofScalar: scalar) else { return }
                let output = table.candidate(0, of: value)
                var record = records[Int(scalar)] & Self.longer
                // Length 0 in a record means "no key", so an empty output goes the full way too.
                if (1...3).contains(output.count) {
                    for (index, byte) in output.enumerated() { record |= UInt32(byte) << (index * 8) }
                    record |= UInt32(output.count) << 24
                } else {
                    record |= Self.outOfLine
                }
                records[Int(scalar)] = record
            }
        }
        for scalar in dropped where scalar < Self.scalarCount { records[Int(scalar)] &= Self.longer }
        self.records = UnsafePointer(records)
        self.leadBytes = leadBytes
        leastLead = UInt8((0...0xFF).first { leadBytes.base[$0] != 0 } ?? 0xFF)
        self.keyStarts = keyStarts
    }

    /// What the stage writes for `scalar` where no longer key may match:
    /// its one-scalar key's output, or the scalar itself when it has none;
    /// nil when a longer key starts with it, or the output is not in the record.
    func alone(_ scalar: UInt32) -> [UInt8]? {
        guard scalar < Self.scalarCount else { return nil }
        let record = records[Int(scalar)]
        guard record & (Self.longer | Self.outOfLine) == 0 else { return nil }
        let count = Int(record >> 24 & 3)
        guard count > 0 else { return Unicode.Scalar(scalar).map { Array(String($0).utf8) } }
        return (0..<count).map { UInt8(truncatingIfNeeded: record >> ($0 * 8)) }
    }

    /// Whether a key may start somewhere in `text[range]`. A character has a
    /// record when some key starts with it, so only where a byte begins such
    /// a character is it decoded: in CJK text a stage of compatibility
    /// ideographs decodes nothing, and passes over eight bytes at a time where
    /// none is ``leastLead`` or more. Every byte that is not a continuation
    /// byte begins a character of the stage's own walk, so none is missed.
    func mayStartKey(in text: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
        let leads = leadBytes.base
        let skipsWords = leastLead > 0x80
        var position = range.lowerBound
        while position < range.upperBound {
            if skipsWords {
                // Sixteen bytes a step while none is large: the test is a few
                // instructions, and the loop's own were as many again.
                while position &+ 16 <= range.upperBound,
                      Self.bytes(atLeast: leastLead, in: Self.word(text, at: position))
                        | Self.bytes(atLeast: leastLead, in: Self.word(text, at: position &+ 8)) == 0 {
                    position &+= 16
                }
                if position &+ 8 <= range.upperBound {
                    let large = Self.bytes(atLeast: leastLead, in: Self.word(text, at: position))
                    guard large != 0 else {
                        position &+= 8
                        continue
                    }
                    // On to the first large byte (little-endian: the lowest bits are the first byte).
                    position &+= large.trailingZeroBitCount / 8
                }
                // The sixteen-byte steps may end at the end of the text.
                guard position < range.upperBound else { break }
            }
            if leads[Int(text[position])] != 0 {
                let scalar = UTF8Decoding.decode(text, at: position, end: range.upperBound).scalar
                if scalar >= Self.scalarCount || records[Int(scalar)] != 0 { return true }
            }
            position += 1
        }
        return false
    }

    /// Whether a key of the stage may match at `position`, where the
    /// character `decoded` begins: one of one scalar does, or the characters
    /// after it may begin a longer one (as ``single(_:at:end:decoded:)`` tells).
    // `always`: `@inline(__always)` left it a call, as it did `single`.
    @inline(always)
    func mayMatch(_ text: UnsafePointer<UInt8>, at position: Int, end: Int, decoded: (scalar: UInt32, length: Int)) -> Bool {
        guard decoded.scalar < Self.scalarCount else { return true }
        guard records[Int(decoded.scalar)] != 0 else { return false }
        return single(text, at: position, end: end, decoded: decoded).map { $0.count > 0 } ?? true
    }

    /// The eight bytes at `position`, the first in the lowest bits.
    @inline(__always)
    private static func word(_ text: UnsafePointer<UInt8>, at position: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(text + position).loadUnaligned(as: UInt64.self))
    }

    /// The eighth bit of each byte of `word` that is `least` or more, for
    /// `least` above 0x80: the low seven bits of each byte plus 256 − `least`
    /// reach the eighth bit exactly when the byte is that large, with no
    /// carry between bytes.
    @inline(__always)
    private static func bytes(atLeast least: UInt8, in word: UInt64) -> UInt64 {
        let eighthBits: UInt64 = 0x8080_8080_8080_8080
        let raised = (word & ~eighthBits) &+ UInt64(256 - Int(least)) &* 0x0101_0101_0101_0101
        return raised & word & eighthBits
    }

    /// Whether no key starts with the scalar of bytes shaped like a
    /// three-byte character (``UTF8Decoding/threeByteScalar(_:at:end:)``),
    /// so that the stage copies them as they are; it copies the bytes of an
    /// overlong or surrogate form as they are too.
    @inline(__always)
    func startsNoKey(threeByteScalar scalar: UInt32) -> Bool {
        records[Int(scalar)] == 0
    }

    /// The stage's result at `position` when it is decided by one scalar:
    /// nil when a longer key may match there (or the scalar is outside the
    /// BMP, or its output is long), and the full lookup must decide.
    /// `decoded` is the character at `position` when the caller has it.
    // `always` (SE-0496): `@inline(__always)` is only a hint for a function
    // this large, and one more parameter made the compiler call it.
    @inline(always)
    func single(_ text: UnsafePointer<UInt8>, at position: Int, end: Int, decoded: (scalar: UInt32, length: Int)?) -> Single? {
        let (first, length) = decoded ?? UTF8Decoding.decodeThreeByteFirst(text, at: position, end: end)
        guard first < Self.scalarCount else { return nil }
        let record = records[Int(first)]
        if record & Self.outOfLine != 0 { return nil }
        // "Maybe" sends this character to the full lookup.
        if record & Self.longer != 0, position &+ length < end {
            if keyStarts.mayStartKey(with: first, in: text, next: position &+ length, end: end) { return nil }
        }
        return Single(length: length, output: record & 0xFF_FFFF, count: Int(record >> 24 & 3))
    }
}
