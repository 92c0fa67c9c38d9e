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

    /// Whether a key may start with `scalar`.
    @inline(__always)
    func mayStartKey(_ scalar: UInt32) -> Bool {
        scalar >= 0x10000 || bits[Int(scalar >> 6)] >> UInt64(scalar & 63) & 1 != 0
    }
}
