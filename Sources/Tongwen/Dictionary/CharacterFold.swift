/// Looks each character up through a character table's default candidate
/// when that is one character: with TSCharacters a Simplified view of any text
/// (乾 → 干, 鍾 → 钟), with STCharacters a Traditional one.
///
/// The folds of the Basic Multilingual Plane are laid out once, one word per
/// scalar, so that folding a character of running text is one load instead
/// of a walk through the table's arrays. Make a fold once and share it:
/// ``BuiltinTables/characterFold(_:)`` keeps one per table.
struct CharacterFold: ScalarFold, @unchecked Sendable {
    /// The fold without the memory it reads, which this fold keeps alive.
    let unretained: Unretained
    private let storage: ZeroedWords<UInt32>

    var table: PhraseTable { unretained.table }

    init(table: PhraseTable) {
        let storage = ZeroedWords<UInt32>(count: 0x10000)
        table.forEachFirstScalar { scalar, _ in
            guard scalar < 0x10000 else { return }
            let folded = Self.fold(scalar, through: table)
            if folded != scalar { storage.base[Int(scalar)] = folded }
        }
        self.storage = storage
        unretained = Unretained(table: table, bmp: UnsafePointer(storage.base))
    }

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 { unretained.fold(scalar) }

    /// A fold as pointers only, valid while the ``CharacterFold`` it came
    /// from lives: copying it retains nothing, for loops that make a match
    /// iterator at every character.
    struct Unretained: ScalarFold {
        let table: PhraseTable
        /// The folded scalar of each BMP scalar that folds to another, 0 for the rest.
        fileprivate let bmp: UnsafePointer<UInt32>

        @inline(__always)
        func fold(_ scalar: UInt32) -> UInt32 {
            guard scalar < 0x10000 else { return CharacterFold.fold(scalar, through: table) }
            let folded = bmp[Int(scalar)]
            return folded == 0 ? scalar : folded
        }
    }

    /// Writes UTF-8 `text` with each character folded to `output`, which
    /// must hold four bytes for each byte of `text`; returns how many bytes
    /// it wrote. Invalid bytes pass through.
    func fold(_ text: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        var position = 0
        var count = 0
        while position < text.count {
            let (scalar, length) = UTF8Decoding.decode(base, at: position, end: text.count)
            if scalar != UTF8Decoding.invalidScalar, case let folded = fold(scalar), folded != scalar, let folded = Unicode.Scalar(folded) {
                UTF8.encode(folded) { output[count] = $0; count += 1 }
            } else {
                (output + count).update(from: base + position, count: length)
                count += length
            }
            position += length
        }
        return count
    }

    fileprivate static func fold(_ scalar: UInt32, through table: PhraseTable) -> UInt32 {
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
    let fold: CharacterFold.Unretained?

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 { fold?.fold(scalar) ?? scalar }
}
