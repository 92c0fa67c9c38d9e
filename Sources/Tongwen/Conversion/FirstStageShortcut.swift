/// How a chain of two whose second stage seldom applies (Traditional forms
/// to a region's, after Simplified to Traditional) converts most text: as
/// the first stage alone, weighing as it converts (as `s2t` does), then the
/// second stage over the whole of that output. That is what the config
/// gives where no key of two or more scalars of the second stage may start
/// in the text, read through the view in which the config's segmenter reads
/// them, and none matches in the first stage's output: there the config's
/// segmenter cuts as the first stage's alone, and the second stage's keys
/// that match are of one scalar, which no segment end changes.
///
/// Made once for a config, with its stages' tables and its segmenter, and
/// shared by every pass of that config.
struct FirstStageShortcut: Sendable {
    /// The first stage's frequency segmenter, without the second stage's phrases.
    let weigher: FrequencySegmenter
    /// Where the second stage's keys may start in the text, through the segmenter's views.
    let laterKeysInText: LongerKeyStarts

    /// The most keys the second stage's levels with keys of two or more
    /// scalars may hold. Taiwan's vocabulary (TWPhrases, 819) has one start in
    /// most stretches of text, which the first stage alone would convert for
    /// nothing: `--to twp` took 42% longer. Hong Kong's variant phrases and
    /// vocabulary (356) still gain.
    static let longerKeysMaximum = 500

    /// Whether a second stage of these levels seldom applies
    /// (``BuiltinTables/seldomApplies(_:)``) and has few enough keys of two
    /// or more scalars.
    static func suits(secondStage levels: [PhraseTable]) -> Bool {
        BuiltinTables.seldomApplies(levels) && levels.filter({ $0.maxKeyLength > 1 }).keyCount <= longerKeysMaximum
    }

    /// Nil unless `weigher` cuts as `segmenter`, a config's, does where no
    /// phrase the segmenter reads through a view may start: it weighs the
    /// first stage's levels (`chainLevels[0]`), it reads the phrases the
    /// segmenter reads as written, and the segmenter reads no others but
    /// the second stage's, through a view; and unless the second stage has
    /// more than ``longerKeysMaximum`` keys of two or more scalars.
    init?(weigher: FrequencySegmenter, chainLevels: [[PhraseTable]], segmenter: FrequencySegmenter) {
        guard chainLevels.count == 2, Self.suits(secondStage: chainLevels[1]), weigher.weighsPhrases(of: chainLevels[0]) else { return nil }
        let second = Set(chainLevels[1].map(\.address))
        guard Set(segmenter.phrases.filter { $0.view == nil }.map(\.table.address)) == Set(weigher.phrases.map(\.table.address)),
              segmenter.phrases.allSatisfy({ $0.view == nil || second.contains($0.table.address) }) else { return nil }
        self.weigher = weigher
        laterKeysInText = LongerKeyStarts(segmenter.phrases.filter { $0.view != nil }.map { ($0.table, $0.view) })
    }
}
