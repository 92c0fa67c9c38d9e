/// Decoding of one UTF-8 sequence from raw bytes, for the hot paths that must not
/// go through `String`.
///
/// Invalid bytes decode as ``invalidScalar`` with a length of one byte, so callers
/// pass them through unchanged and no dictionary key ever matches them.
///
/// Offsets are added without overflow checks: they index a buffer in memory,
/// far from `Int.max`, and the checks were 2–3% of a conversion's instructions.
enum UTF8Decoding {
    /// Stands for one invalid byte; larger than any Unicode scalar.
    static let invalidScalar: UInt32 = 0xFFFF_FFFF

    /// Decodes the sequence starting at `index`; `end` bounds the readable bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xC2 { return (invalidScalar, 1) }
        if lead < 0xE0 {
            guard index &+ 1 < end, let b1 = continuation(bytes[index &+ 1]) else { return (invalidScalar, 1) }
            return ((lead & 0x1F) << 6 | b1, 2)
        }
        if lead < 0xF0 {
            guard index &+ 2 < end,
                  let b1 = continuation(bytes[index &+ 1]),
                  let b2 = continuation(bytes[index &+ 2]) else { return (invalidScalar, 1) }
            let scalar = (lead & 0x0F) << 12 | b1 << 6 | b2
            // Overlong forms and UTF-16 surrogates are not valid UTF-8.
            if scalar < 0x800 || (0xD800...0xDFFF).contains(scalar) { return (invalidScalar, 1) }
            return (scalar, 3)
        }
        if lead < 0xF5 {
            guard index &+ 3 < end,
                  let b1 = continuation(bytes[index &+ 1]),
                  let b2 = continuation(bytes[index &+ 2]),
                  let b3 = continuation(bytes[index &+ 3]) else { return (invalidScalar, 1) }
            let scalar = (lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
            if scalar < 0x10000 || scalar > 0x10FFFF { return (invalidScalar, 1) }
            return (scalar, 4)
        }
        return (invalidScalar, 1)
    }

    /// ``decode(_:at:end:)`` with the three-byte form tried first, for a
    /// loop over CJK text whose characters are nearly all three bytes.
    @inline(__always)
    static func decodeThreeByteFirst(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> (scalar: UInt32, length: Int) {
        // The overlong and surrogate forms go the full way, which rules them out.
        if let scalar = validThreeByteScalar(bytes, at: index, end: end) { return (scalar, 3) }
        return decode(bytes, at: index, end: end)
    }

    /// The scalar of the valid three-byte character at `index`; nil for any other bytes.
    @inline(__always)
    static func validThreeByteScalar(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        guard let scalar = threeByteScalar(bytes, at: index, end: end), isValidThreeByteScalar(scalar) else { return nil }
        return scalar
    }

    /// Whether a scalar that ``threeByteScalar(_:at:end:)`` gave is a valid
    /// three-byte character: neither an overlong form nor a UTF-16 surrogate.
    @inline(__always)
    static func isValidThreeByteScalar(_ scalar: UInt32) -> Bool {
        scalar >= 0x800 && scalar & 0xF800 != 0xD800
    }

    /// What ``decode(_:at:end:)`` gives for the bytes that
    /// ``threeByteScalar(_:at:end:)`` read as `scalar`: the scalar and three
    /// bytes, or for an overlong or surrogate form one invalid byte. For a
    /// scan that tested the raw scalar and need not decode the bytes again.
    @inline(__always)
    static func decoded(threeByteScalar scalar: UInt32) -> (scalar: UInt32, length: Int) {
        isValidThreeByteScalar(scalar) ? (scalar, 3) : (invalidScalar, 1)
    }

    /// Like ``decode(_:at:end:)`` for valid UTF-8, but a three-byte lead is
    /// taken with the next two bytes unchecked: bytes that are not one valid
    /// character give some scalar and a length of three. For lookahead whose
    /// answer about such bytes can only send the caller down its full path.
    @inline(__always)
    static func decodeUnchecked(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> (scalar: UInt32, length: Int) {
        guard bytes[index] & 0xF0 == 0xE0, index &+ 2 < end else { return decode(bytes, at: index, end: end) }
        return (rawThreeByteScalar(bytes, at: index), 3)
    }

    /// The scalar of a three-byte lead and two continuation bytes, with the
    /// overlong and surrogate forms not ruled out; nil for other bytes. A
    /// walk that treats every scalar it may give as starting no key can pass
    /// over all three bytes, since no key starts at a continuation byte.
    /// `index` must be before `end`, as for every decoding here.
    @inline(__always)
    static func threeByteScalar(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        // Where four bytes are readable, one load and one test take the lead
        // and both continuation bytes, for three of each byte by byte.
        if index &+ 4 <= end {
            let word = UInt32(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt32.self))
            guard word & 0x00C0_C0F0 == 0x0080_80E0 else { return nil }
            return rawThreeByteScalar(lowBytesOf: word)
        }
        let lead = bytes[index]
        guard lead & 0xF0 == 0xE0, index &+ 2 < end, bytes[index &+ 1] & 0xC0 == 0x80, bytes[index &+ 2] & 0xC0 == 0x80 else { return nil }
        return rawThreeByteScalar(bytes, at: index)
    }

    /// The payload bits of the three-byte sequence in the low three bytes of
    /// `word` (loaded little-endian), none of its bytes checked.
    @inline(__always)
    static func rawThreeByteScalar(lowBytesOf word: UInt32) -> UInt32 {
        (word & 0x0F) << 12 | (word >> 2) & 0xFC0 | (word >> 16) & 0x3F
    }

    /// The payload bits of a three-byte sequence at `index`, none of its bytes checked.
    @inline(__always)
    private static func rawThreeByteScalar(_ bytes: UnsafePointer<UInt8>, at index: Int) -> UInt32 {
        UInt32(bytes[index] & 0x0F) << 12 | UInt32(bytes[index &+ 1] & 0x3F) << 6 | UInt32(bytes[index &+ 2] & 0x3F)
    }

    /// The end of the run of ASCII bytes that starts at `index`, found eight
    /// bytes at a time: for passes that no ASCII character concerns (code,
    /// options and URLs among CJK text).
    @inline(__always)
    static func endOfASCII(_ bytes: UnsafePointer<UInt8>, from index: Int, end: Int) -> Int {
        var position = index
        while position &+ 8 <= end {
            let eighthBits = UInt64(littleEndian: UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
            // The first byte of eight with its eighth bit set ends the run, without a loop over the bytes before it.
            if eighthBits != 0 { return position &+ eighthBits.trailingZeroBitCount &>> 3 }
            position &+= 8
        }
        while position < end, bytes[position] < 0x80 { position &+= 1 }
        return position
    }

    @inline(__always)
    private static func continuation(_ byte: UInt8) -> UInt32? {
        byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
    }

    /// Appends the UTF-8 encoding of a valid scalar.
    @inline(__always)
    static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
