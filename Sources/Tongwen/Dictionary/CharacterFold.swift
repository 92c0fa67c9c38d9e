/// Looks each character up through a character table's default candidate
/// when that is one character: with TSCharacters a Simplified view of any text
/// (乾 → 干, 鍾 → 钟), with STCharacters a Traditional one.
struct CharacterFold: ScalarFold {
    let table: PhraseTable

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 {
        guard let value = table.value(ofScalar: scalar) else { return scalar }
        let bytes = table.candidate(0, of: value)
        let decoded = UTF8Decoding.decode(bytes.baseAddress!, at: 0, end: bytes.count)
        return decoded.length == bytes.count ? decoded.scalar : scalar
    }
}

/// A character fold, or none.
struct OptionalFold: ScalarFold {
    let fold: CharacterFold?

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 { fold?.fold(scalar) ?? scalar }
}
