import Glibc

/// Zeroed memory for `count` words, freed with this object. It is calloc'd,
/// so a page no word is written to costs nothing: the arrays indexed by code
/// point (character folds, stage records) and the hashed pair sets touch only
/// the pages they use. Hot loops keep `base` rather than this object.
final class ZeroedWords<Word: FixedWidthInteger>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Word>

    /// `count` zeroed words, or with `source` a copy of its first `count`.
    init(count: Int, copying source: UnsafePointer<Word>? = nil) {
        base = calloc(count, MemoryLayout<Word>.stride)!.assumingMemoryBound(to: Word.self)
        if let source { base.update(from: source, count: count) }
    }

    deinit { free(base) }
}
