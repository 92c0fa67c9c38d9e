/// The scalars that start a key of some table, as one bit per scalar of the
/// Basic Multilingual Plane (8 KB): a pass that looks for keys skips every
/// other character with one test. Scalars beyond the BMP always pass.
struct FirstScalarFilter: Sendable {
    private let words = ZeroedWords<UInt64>(count: 0x10000 / 64)
    /// For each byte value, 1 when it is the first UTF-8 byte of one of those
    /// scalars (any four-byte lead for those beyond the BMP): a scan decodes
    /// only where one may start.
    private let leadBytes = ZeroedWords<UInt8>(count: 256)

    /// A filter that no scalar passes but those beyond the BMP; see ``insert(_:)``.
    init() {
        for lead in 0xF0...0xF4 { leadBytes.base[lead] = 1 }
    }

    init(_ tables: [PhraseTable]) {
        self.init()
        for table in tables {
            table.forEachFirstScalar { scalar, _ in insert(scalar) }
        }
    }

    /// Lets `scalar` pass, for a walk over a table that its owner makes
    /// anyway. Copies of a filter share its bits: fill it before sharing it.
    func insert(_ scalar: UInt32) {
        guard scalar < 0x10000 else { return }
        words.base[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
        leadBytes.base[Int(scalar < 0x80 ? scalar : scalar < 0x800 ? 0xC0 | scalar >> 6 : 0xE0 | scalar >> 12)] = 1
    }

    /// Whether a key may start with `scalar`.
    @inline(__always)
    func mayStartKey(_ scalar: UInt32) -> Bool {
        scalar >= 0x10000 || words.base[Int(scalar >> 6)] >> UInt64(scalar & 63) & 1 != 0
    }

    /// Whether a key may start somewhere in `text[range]`. Bytes that no
    /// first scalar begins with are passed over undecoded: in CJK text
    /// without compatibility ideographs, every byte of it.
    func mayStartKey(in text: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
        let leads = leadBytes.base
        for position in range where leads[Int(text[position])] != 0 {
            if mayStartKey(UTF8Decoding.decode(text, at: position, end: range.upperBound).scalar) { return true }
        }
        return false
    }
}
