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

extension CharacterFold {
    /// For each scalar, the scalars the fold turns into it.
    struct Preimages {
        let fold: CharacterFold
        private var others: [UInt32: [UInt32]] = [:]

        init(_ fold: CharacterFold) {
            self.fold = fold
            fold.table.forEachFirstScalar { scalar, _ in
                let folded = fold.fold(scalar)
                if folded != scalar { others[folded, default: []].append(scalar) }
            }
        }

        /// The scalars of text that fold to `target`: itself, unless it folds to another, and those listed.
        func scalars(foldingTo target: UInt32) -> [UInt32] {
            (fold.fold(target) == target ? [target] : []) + (others[target] ?? [])
        }
    }
}

/// A character fold, or none.
struct OptionalFold: ScalarFold {
    let fold: CharacterFold?

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 { fold?.fold(scalar) ?? scalar }
}
