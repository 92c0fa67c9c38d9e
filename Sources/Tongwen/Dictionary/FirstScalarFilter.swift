/// The scalars that start a key of some table, as one bit per scalar of the
/// Basic Multilingual Plane (8 KB): a pass that looks for keys skips every
/// other character with one test. Scalars beyond the BMP always pass.
struct FirstScalarFilter: @unchecked Sendable {
    private let words = ZeroedWords<UInt64>(count: 0x10000 / 64)
    /// `words.base`, kept here so that a scan reads the bits with one load fewer a character.
    private let bits: UnsafeMutablePointer<UInt64>

    init(_ tables: [PhraseTable] = []) {
        bits = words.base
        for table in tables {
            table.forEachFirstScalar { scalar, _ in insert(scalar) }
        }
    }

    /// Lets the first scalar of each key of two or more scalars of `table`
    /// pass; with `preimages`, each scalar text may spell it with before the fold.
    func insertFirstScalarsOfLongerKeys(of table: PhraseTable, through preimages: CharacterFold.Preimages? = nil) {
        table.forEachFirstScalar { scalar, node in
            guard !table.childScalars(of: node).isEmpty else { return }
            preimages.forEachSpelling(of: scalar) { insert($0) }
        }
    }

    /// Lets `scalar` pass. Copies of a filter share its bits, so a filter
    /// is filled before it is shared.
    func insert(_ scalar: UInt32) {
        if scalar < 0x10000 { bits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
    }

    /// The ASCII characters that pass, for passes that skip the others undecoded.
    var asciiScalars: ASCIISet {
        var set = ASCIISet()
        for byte in UInt8(0)..<0x80 where mayStartKey(UInt32(byte)) { set.insert(byte) }
        return set
    }

    /// The first place from `index` on that is not a three-byte character
    /// no key starts with: such characters are passed over two at a time
    /// where eight bytes are readable (one load and one test of their shape
    /// for both), their bytes checked only for the shape of a three-byte
    /// character (``UTF8Decoding/threeByteScalar(_:at:end:)``), since no key
    /// starts at a continuation byte. For a filter that lets few characters
    /// of running text pass: where many do, the pairs cost more than they save.
    @inline(__always)
    func endOfThreeByteNonStarts(_ text: UnsafePointer<UInt8>, from index: Int, end: Int) -> Int {
        var position = index
        while position &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(text + position).loadUnaligned(as: UInt64.self))
            guard word & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0 else { break }
            if startsKey(threeBytes: UInt32(truncatingIfNeeded: word)) { return position }
            if startsKey(threeBytes: UInt32(truncatingIfNeeded: word >> 24)) { return position &+ 3 }
            position &+= 6
        }
        while position < end, let scalar = UTF8Decoding.threeByteScalar(text, at: position, end: end), !mayStartKey(scalar) { position &+= 3 }
        return position
    }

    /// Whether a key may start with the character whose three bytes are the
    /// low bytes of `word`, in order.
    @inline(__always)
    private func startsKey(threeBytes word: UInt32) -> Bool {
        let scalar = UTF8Decoding.rawThreeByteScalar(lowBytesOf: word)
        return bits[Int(scalar >> 6)] >> UInt64(scalar & 63) & 1 != 0
    }

    /// Whether a key may start with `scalar`.
    @inline(__always)
    func mayStartKey(_ scalar: UInt32) -> Bool {
        scalar >= 0x10000 || bits[Int(scalar >> 6)] >> UInt64(scalar & 63) & 1 != 0
    }
}
