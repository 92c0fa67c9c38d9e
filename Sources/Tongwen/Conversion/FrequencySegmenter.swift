/// Segmentation that reads like a person: among the ways to cut text into
/// words from jieba's word list and the conversion's own phrases, the most
/// probable one (dynamic programming over word costs, as jieba does). So
/// 被发明 is 被|发明, not 被发|明, and 中文采访 is 中文|采访, not 中|文采|访.
///
/// Runs of one-character segments are merged, as OpenCC's segmentation merges
/// unmatched characters, so that later stages can still match across them.
final class FrequencySegmenter: Segmenter {
    let words: PhraseTable
    /// Dictionary keys that may stand as segments though the word list lacks
    /// them, each looked up through a view of the text in its keys' script
    /// (a later stage's keys are in the script an earlier stage writes).
    let phrases: [(table: PhraseTable, view: CharacterFold?)]
    /// The Simplified view in which the word list is looked up.
    let view: CharacterFold
    /// A phrase the word list lacks counts as seen this often; more than a
    /// split into common characters, less than a common competing word.
    let phraseCost: Int32
    /// A character the word list lacks counts as seen once.
    let characterCost: Int32
    /// Whether some phrase table is read through a view (a later stage's):
    /// otherwise the first stage's longest phrase is every phrase's.
    private let hasLaterPhrases: Bool
    /// How the phrases of two or more characters begin in the text: the
    /// pairs of characters that begin one, those that are one, and the first
    /// three of those of three or more.
    private let phraseStarts: KeyStarts
    /// The first characters of those pairs: most characters of running text
    /// begin none, and are passed over without reading the next.
    private let phraseFirsts: FirstScalarFilter
    /// The ASCII characters that begin such pairs: other ASCII bytes are
    /// passed over undecoded, and eight at a time when there are none.
    private let asciiFirsts: ASCIISet
    /// The pairs of characters of the text that can begin a listed word of two or more.
    private let wordStarts: ScalarPairSet
    /// The pairs of characters next to each other in a listed word, as listed (``wordPairs(of:)``).
    private let wordPairs: ScalarPairSet

    /// `wordStarts` are the pairs that begin a word of `words` of two or
    /// more, in text seen through `view` (``wordStarts(of:through:)``), and
    /// `wordPairs` those next to each other in one (``wordPairs(of:)``), both
    /// compiled with the tables, since they take milliseconds to make.
    /// `keyStarts` gives the ``KeyStarts`` of a phrase table read as written,
    /// compiled or made once for the stages too (``BuiltinTables/keyStarts(of:)``).
    init(words: PhraseTable, wordStarts: ScalarPairSet, wordPairs: ScalarPairSet, phrases: [(table: PhraseTable, view: CharacterFold?)],
         view: CharacterFold, keyStarts: (PhraseTable) -> KeyStarts = { KeyStarts(table: $0) }) {
        self.words = words
        self.wordStarts = wordStarts
        self.wordPairs = wordPairs
        // A config's segmentation table is often its first stage's too: each table is walked once.
        var seen: Set<[UnsafeRawPointer?]> = []
        self.phrases = phrases.filter { seen.insert([$0.table.address, $0.view?.table.address]).inserted }
        self.view = view
        hasLaterPhrases = self.phrases.contains { $0.view != nil }
        let total = Double(words.value(ofKey: WordFrequencies.totalKey).map(words.number) ?? 60_000_000)
        phraseCost = Int32(WordFrequencies.cost(frequency: 100, total: total))
        characterCost = Int32(WordFrequencies.cost(frequency: 1, total: total))
        var starts: KeyStarts?
        let firsts = FirstScalarFilter()
        for phrase in self.phrases {
            let preimages = phrase.view.map(CharacterFold.Preimages.init)
            let tableStarts = preimages.map { KeyStarts(table: phrase.table, through: $0) } ?? keyStarts(phrase.table)
            // One table's starts are shared, not copied.
            if starts == nil { starts = tableStarts } else { starts!.formUnion(tableStarts) }
            firsts.insertFirstScalarsOfLongerKeys(of: phrase.table, through: preimages)
        }
        phraseStarts = starts ?? KeyStarts()
        phraseFirsts = firsts
        asciiFirsts = firsts.asciiScalars
    }

    var tables: [PhraseTable] { [words] + phrases.map(\.table) }

    /// Whether the phrases it weighs are among a stage's `levels`, read as
    /// written, so that the stage can weigh with it as it converts.
    func weighsPhrases(of levels: [PhraseTable]) -> Bool {
        phrases.allSatisfy { phrase in phrase.view == nil && levels.contains { $0.address == phrase.table.address } }
    }

    /// The pairs of characters of text that can begin a word of two or more
    /// of `words`, looked up through `view`.
    static func wordStarts(of words: PhraseTable, through view: CharacterFold) -> ScalarPairSet {
        var starts = ScalarPairSet()
        starts.insertKeyStarts(of: words, through: CharacterFold.Preimages(view))
        return starts
    }

    /// The name under which ``wordPairs(of:)`` is compiled with the tables.
    static let wordPairsName = "segmentation:word-pairs"

    /// The pairs of characters next to each other in a word of `words`, as
    /// listed: a word that crosses a phrase holds the pair across the
    /// phrase's start or the pair across its end.
    static func wordPairs(of words: PhraseTable) -> ScalarPairSet {
        var pairs = ScalarPairSet()
        // Every edge of the trie joins two characters of some word.
        func insertEdges(from scalar: UInt32, _ node: UInt32) {
            words.forEachChild(of: node) { child, childNode in
                pairs.insert(scalar, child)
                insertEdges(from: child, childNode)
            }
        }
        words.forEachFirstScalar { scalar, node in insertEdges(from: scalar, node) }
        return pairs
    }

    func segmentEnds(_ text: UnsafePointer<UInt8>, count: Int) -> [Int] {
        var scratch = Scratch()
        var ends = Ends()
        // Short text, as a chain converts around a place its first stage may apply, has a few segments: one allocation.
        ends.ends.reserveCapacity(16)
        var committed = 0
        var position = 0
        while position < count {
            let byte = text[position]
            if byte < 0x80, !asciiFirsts.contains(byte) {
                position = asciiFirsts.isEmpty ? UTF8Decoding.endOfASCII(text, from: position, end: count) : position + 1
                continue
            }
            let first: UInt32, characterLength: Int
            if let scalar = UTF8Decoding.threeByteScalar(text, at: position, end: count) {
                // A three-byte character that begins no phrase pair is passed
                // over unvalidated: no phrase starts at its continuation bytes.
                guard phraseFirsts.mayStartKey(scalar) else {
                    position += 3
                    continue
                }
                (first, characterLength) = UTF8Decoding.decoded(threeByteScalar: scalar)
            } else {
                (first, characterLength) = UTF8Decoding.decode(text, at: position, end: count)
                guard phraseFirsts.mayStartKey(first) else {
                    position += characterLength
                    continue
                }
            }
            // As the stage's shortcut tells: most pairs that begin a phrase
            // (中华 in 中华书局 without 人民) neither are one nor begin one with the third character.
            guard position + characterLength < count,
                  phraseStarts.mayStartKey(with: first, in: text, next: position + characterLength, end: count) else {
                position += characterLength
                continue
            }
            let phrase = longestPhrase(text, at: position, end: count, firstStageOnly: false)
            let phraseEnd = position + phrase.length
            guard phraseEnd > position + characterLength else {
                position += characterLength
                continue
            }
            // No key starts between `committed` and `position`: those are characters.
            switch window(text, phraseAt: position, phraseEnd: phraseEnd, earliestStart: committed, end: count, scratch: &scratch) {
            case .weighed(let start, let pieces):
                ends.characters(from: committed, to: start)
                for piece in pieces {
                    if piece.isWord { ends.word(from: piece.range.lowerBound, to: piece.range.upperBound) } else { ends.characters(from: piece.range.lowerBound, to: piece.range.upperBound) }
                }
                committed = pieces.last!.range.upperBound
            case .openCC(let end):
                ends.characters(from: committed, to: position)
                // OpenCC's cut of the phrase alone, when the first stage has it whole, is the phrase.
                if end == phraseEnd, phrase.firstStageLength == phrase.length {
                    ends.word(from: position, to: end)
                } else {
                    greedy(text, position..<end, into: &ends)
                }
                committed = end
            }
            position = committed
        }
        ends.characters(from: committed, to: count)
        return ends.ends
    }

    /// Buffers for the weighing, reused from window to window.
    struct Scratch {
        var best: [Int32] = []
        var step: [Int32] = []
        var lattice = Lattice()
        /// The weighed cut's pieces, returned by ``window(_:phraseAt:phraseEnd:earliestStart:end:scratch:)``.
        var pieces: [(range: Range<Int>, isWord: Bool)] = []
    }

    /// The phrases the weighing of a window found at each of its character
    /// starts, so that OpenCC's cut of the window is weighed without walking
    /// the phrase tables again. Indexed by offset in the window.
    struct Lattice {
        /// The longest phrase of the first stage, read as written (0: none).
        var firstStageLongest: [Int32] = []
        /// The byte lengths of every phrase that starts there: bit n for n
        /// bytes, bit 0 for one of 64 or more.
        var phraseLengths: [UInt64] = []

        mutating func reserve(_ count: Int) {
            guard firstStageLongest.count < count else { return }
            firstStageLongest = [Int32](repeating: 0, count: count)
            phraseLengths = [UInt64](repeating: 0, count: count)
        }

        /// The longest phrase at `offset` of at most `limit` bytes (0: none); nil when one is too long to tell.
        func longestPhrase(at offset: Int, limit: Int) -> Int? {
            let lengths = phraseLengths[offset]
            guard lengths & 1 == 0 else { return nil }
            let within = limit >= 63 ? lengths : lengths & ((1 << UInt64(limit + 1)) - 1)
            return within == 0 ? 0 : 63 - within.leadingZeroBitCount
        }
    }

    /// How to cut the text around a phrase.
    enum Window {
        /// OpenCC's cut, from the phrase up to `end` (past any word that crosses it).
        case openCC(end: Int)
        /// The weighed cut, from `start` through its last word; the characters
        /// after it are left to the caller, where a phrase may continue them
        /// (米制|程 → 制程).
        case weighed(start: Int, pieces: [(range: Range<Int>, isWord: Bool)])

        /// Where the cut ends.
        var end: Int {
            switch self {
            case .openCC(let end): end
            case .weighed(_, let pieces): pieces.last!.range.upperBound
            }
        }

        /// Whether the cut is just the phrase itself, as greedy matching takes it.
        func isJust(phraseEnd: Int) -> Bool {
            if case .openCC(let end) = self { return end == phraseEnd }
            return false
        }
    }

    /// Where a phrase at `position` competes with a listed word that crosses
    /// it — one starting inside it and ending beyond (被发 against 发明), or
    /// starting up to three characters before it, not before
    /// `earliestStart`, and ending inside it (文采 against 中文) — the cut of
    /// that window weighed by frequency, if it is clearly likelier than
    /// OpenCC's (by `margin`: a unigram model alone misjudges 菜单|项 or
    /// 高|级别); otherwise OpenCC's.
    func window(_ text: UnsafePointer<UInt8>, phraseAt position: Int, phraseEnd: Int, earliestStart: Int, end count: Int,
                scratch: inout Scratch) -> Window {
        let crossable = crossableEnds(text, phraseAt: position, phraseEnd: phraseEnd, earliestStart: earliestStart, end: count)
        guard crossable.start || crossable.end else { return .openCC(end: phraseEnd) }
        var windowStart = position
        for _ in 0..<3 where windowStart > earliestStart {
            // Never back over an ASCII byte: a stream may be cut after one, and
            // the cut must not change what comes after it.
            guard text[windowStart - 1] >= 0x80 else { break }
            windowStart -= 1
            // Back to the character's first byte; a stray continuation byte
            // after an ASCII byte is a character of its own, as decoding reads it.
            while windowStart > earliestStart, text[windowStart] & 0xC0 == 0x80, text[windowStart - 1] >= 0x80 { windowStart -= 1 }
        }
        var windowEnd = phraseEnd
        var crossed = false
        // Words are looked for only where they may start: before the phrase
        // when its start may be crossed, inside it when its end may.
        var scan = crossable.start ? windowStart : position
        while scan < windowEnd, crossable.end || scan < position {
            let (scalar, length) = UTF8Decoding.decode(text, at: scan, end: count)
            // A word of one character crosses nothing. The next character is
            // read unchecked: where it is not valid UTF-8, no word goes past it.
            if scan != position, scan + length < count, wordStarts.contains(scalar, UTF8Decoding.decodeUnchecked(text, at: scan + length, end: count).scalar) {
                let end = scan + (words.longestMatch(text, from: scan, end: count, fold: view)?.length ?? 0)
                if (scan < position && end > position) || (scan > position && end > phraseEnd) {
                    crossed = true
                    windowEnd = max(windowEnd, end)
                }
            }
            scan += length
        }
        guard crossed else { return .openCC(end: phraseEnd) }
        segment(text + windowStart, count: windowEnd - windowStart, scratch: &scratch)
        guard greedyCost(text, windowStart..<windowEnd, lattice: scratch.lattice) - scratch.best[0] >= margin else { return .openCC(end: windowEnd) }
        // Reused from window to window: unique again once the caller has let go of the last window's.
        scratch.pieces.removeAll(keepingCapacity: true)
        var offset = 0
        while offset < windowEnd - windowStart {
            let length = Int(scratch.step[offset])
            let isWord = length > UTF8Decoding.decode(text + windowStart, at: offset, end: windowEnd - windowStart).length
            scratch.pieces.append((windowStart + offset..<windowStart + offset + length, isWord))
            offset += length
        }
        guard let lastWord = scratch.pieces.lastIndex(where: \.isWord) else { return .openCC(end: windowEnd) }
        scratch.pieces.removeSubrange((lastWord + 1)...)
        return .weighed(start: windowStart, pieces: scratch.pieces)
    }

    /// Whether a listed word may cross the start and the end of the phrase
    /// at `position..<phraseEnd`, as ``window(_:phraseAt:phraseEnd:earliestStart:end:scratch:)``
    /// looks for one, told from the pairs of characters across them: a word
    /// from before the phrase into it holds the character before the phrase
    /// and the phrase's first, and a word from inside it past its end the
    /// phrase's last and the character after it. Where a pair is in no
    /// listed word, nothing crosses there (at both ends for three phrases in
    /// four); characters not of three bytes are left to the full look.
    @inline(__always)
    private func crossableEnds(_ text: UnsafePointer<UInt8>, phraseAt position: Int, phraseEnd: Int, earliestStart: Int,
                               end count: Int) -> (start: Bool, end: Bool) {
        var start = false
        // The window looks back only over characters of non-ASCII bytes after `earliestStart`.
        if position > earliestStart, text[position - 1] >= 0x80 {
            // A valid three-byte character begins with a lead byte, so decoding forward meets it whole.
            if position >= 3, let before = UTF8Decoding.validThreeByteScalar(text, at: position - 3, end: count) {
                start = wordPairs.contains(view.fold(before), view.fold(UTF8Decoding.decode(text, at: position, end: count).scalar))
            } else {
                start = true
            }
        }
        guard phraseEnd < count else { return (start, false) }
        let after = UTF8Decoding.decode(text, at: phraseEnd, end: count).scalar
        // No word holds an invalid byte.
        guard after != UTF8Decoding.invalidScalar else { return (start, false) }
        guard phraseEnd - position >= 3, let last = UTF8Decoding.validThreeByteScalar(text, at: phraseEnd - 3, end: count) else {
            return (start, true)
        }
        return (start, wordPairs.contains(view.fold(last), view.fold(after)))
    }

    /// Segment ends, with adjacent runs of single characters merged into one.
    private struct Ends {
        var ends: [Int] = []
        private var lastWasCharacters = false

        mutating func characters(from start: Int, to end: Int) {
            guard end > start else { return }
            if lastWasCharacters, !ends.isEmpty { ends[ends.count - 1] = end } else { ends.append(end) }
            lastWasCharacters = true
        }

        mutating func word(from start: Int, to end: Int) {
            ends.append(end)
            lastWasCharacters = false
        }
    }

    /// The byte length of the longest key at `position` (0 if none) among the
    /// phrases, and among those the text is matched with as written — the
    /// first stage's, as OpenCC's longest match sees them. Later stages' keys
    /// only compete in the weighing; `firstStageOnly` looks for no others.
    @inline(__always)
    private func longestPhrase(_ text: UnsafePointer<UInt8>, at position: Int, end: Int,
                               firstStageOnly: Bool) -> (length: Int, firstStageLength: Int) {
        var longest = 0
        var firstStageLongest = 0
        for index in phrases.indices {
            // Tables read as written need no fold per character.
            if let phraseView = phrases[index].view?.unretained {
                guard !firstStageOnly else { continue }
                longest = max(longest, phrases[index].table.longestMatch(text, from: position, end: end, fold: phraseView)?.length ?? 0)
            } else {
                firstStageLongest = max(firstStageLongest, phrases[index].table.longestMatch(text, from: position, end: end, fold: IdentityFold())?.length ?? 0)
            }
        }
        return (max(longest, firstStageLongest), firstStageLongest)
    }

    /// How much likelier, in thousandths of a natural log, the weighed cut
    /// must be than the greedy one to replace it (e² ≈ 7 times).
    let margin: Int32 = 2000

    /// OpenCC's cut of `text[range]`, appended to `ends`: the first stage's
    /// longest keys are segments, and the characters between them one run,
    /// in which later stages match their own keys (调用|菜单项 lets TWPhrases
    /// turn 菜單 into 選單).
    private func greedy(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into ends: inout Ends) {
        walkGreedy(text, range, firstStageLongest: { longestPhrase(text, at: $0, end: range.upperBound, firstStageOnly: true).length },
                   phrase: { position, end in ends.word(from: position, to: end) },
                   run: { start, end in ends.characters(from: start, to: end) })
    }

    /// The cost of OpenCC's cut of `text[range]`, its phrases told from the
    /// `lattice` of its weighing (``segment(_:count:scratch:)``): each
    /// first-stage phrase as one segment, and in each run of characters,
    /// each character or later stage's phrase.
    private func greedyCost(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, lattice: Lattice) -> Int32 {
        var cost: Int32 = 0
        walkGreedy(text, range, firstStageLongest: { Int(lattice.firstStageLongest[$0 - range.lowerBound]) },
                   phrase: { position, end in cost &+= wordCost(text, at: position, length: end - position) },
                   run: { start, runEnd in
                       var inRun = start
                       while inRun < runEnd {
                           // In a run, no first-stage phrase is longer than its character.
                           let single = UTF8Decoding.decode(text, at: inRun, end: runEnd).length
                           var length = single
                           if hasLaterPhrases {
                               let longest = lattice.longestPhrase(at: inRun - range.lowerBound, limit: runEnd - inRun)
                                   ?? longestPhrase(text, at: inRun, end: runEnd, firstStageOnly: false).length
                               length = max(single, longest)
                           }
                           cost &+= wordCost(text, at: inRun, length: length)
                           inRun += length
                       }
                   })
        return cost
    }

    /// The cost of `text[position..<position + length]` as one segment.
    private func wordCost(_ text: UnsafePointer<UInt8>, at position: Int, length: Int) -> Int32 {
        if let listed = words.longestMatch(text, from: position, end: position + length, fold: view), listed.length == length {
            return Int32(words.number(of: listed.value))
        }
        return length == UTF8Decoding.decode(text, at: position, end: position + length).length ? characterCost : phraseCost
    }

    /// OpenCC's cut of `text[range]`, told to `phrase` (each first-stage
    /// phrase) and `run` (each run of characters between them);
    /// `firstStageLongest` gives the length of the longest first-stage
    /// phrase at a position (0: none).
    @inline(__always)
    private func walkGreedy(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, firstStageLongest: (Int) -> Int,
                            phrase: (_ position: Int, _ end: Int) -> Void, run: (_ start: Int, _ end: Int) -> Void) {
        var position = range.lowerBound
        while position < range.upperBound {
            let characterLength = UTF8Decoding.decode(text, at: position, end: range.upperBound).length
            let primary = firstStageLongest(position)
            if primary > characterLength {
                phrase(position, position + primary)
                position += primary
                continue
            }
            var runEnd = position + characterLength
            while runEnd < range.upperBound, firstStageLongest(runEnd) <= UTF8Decoding.decode(text, at: runEnd, end: range.upperBound).length {
                runEnd += UTF8Decoding.decode(text, at: runEnd, end: range.upperBound).length
            }
            run(position, runEnd)
            position = runEnd
        }
    }

    /// Fills `scratch.step` with the first word length of the cheapest
    /// segmentation from each character start of `text[0..<count]`, and
    /// `scratch.lattice` with what starts there.
    private func segment(_ text: UnsafePointer<UInt8>, count: Int, scratch: inout Scratch) {
        if scratch.best.count < count + 1 {
            scratch.best = [Int32](repeating: 0, count: count + 1)
            scratch.step = [Int32](repeating: 0, count: count + 1)
        }
        scratch.lattice.reserve(count)
        scratch.lattice.firstStageLongest.withUnsafeMutableBufferPointer { firstStageLongest in
            scratch.lattice.phraseLengths.withUnsafeMutableBufferPointer { phraseLengths in
                segment(text, count: count, best: &scratch.best, step: &scratch.step,
                        firstStageLongest: firstStageLongest.baseAddress!, phraseLengths: phraseLengths.baseAddress!)
            }
        }
    }

    private func segment(_ text: UnsafePointer<UInt8>, count: Int, best: inout [Int32], step: inout [Int32],
                         firstStageLongest: UnsafeMutablePointer<Int32>, phraseLengths: UnsafeMutablePointer<UInt64>) {
        best[count] = 0
        // Character starts as decoding forward finds them (marked -1): walking
        // back over continuation bytes would skip the second of two invalid
        // bytes such as E7 B8, and the cut would never reach it.
        for offset in 0..<count { step[offset] = 0 }
        var position = 0
        while position < count {
            step[position] = -1
            position += UTF8Decoding.decode(text, at: position, end: count).length
        }
        for start in stride(from: count - 1, through: 0, by: -1) where step[start] == -1 {
            let characterLength = UTF8Decoding.decode(text, at: start, end: count).length
            var cheapest = characterCost &+ best[start + characterLength]
            var length = characterLength
            // Lengths already scored, as a bit set of byte lengths (keys are shorter than 64 bytes).
            var known: UInt64 = 0
            // Unretained folds: an iterator that holds a fold's memory costs a retain and a release at each character.
            var words = self.words.matches(in: text, from: start, end: count, fold: view.unretained)
            while let match = words.next() {
                known |= 1 << UInt64(min(match.length, 63))
                let total = Int32(self.words.number(of: match.value)) &+ best[start + match.length]
                if total < cheapest || (total == cheapest && match.length > length) {
                    cheapest = total
                    length = match.length
                }
            }
            var lengths: UInt64 = 0
            var longest = 0
            for index in phrases.indices {
                let isFirstStage = phrases[index].view == nil
                var matches = phrases[index].table.matches(in: text, from: start, end: count, fold: OptionalFold(fold: phrases[index].view?.unretained))
                while let match = matches.next() {
                    lengths |= match.length < 64 ? 1 << UInt64(match.length) : 1
                    if isFirstStage { longest = max(longest, match.length) }
                    guard known & (1 << UInt64(min(match.length, 63))) == 0 else { continue }
                    known |= 1 << UInt64(min(match.length, 63))
                    let cost = match.length == characterLength ? characterCost : phraseCost
                    let total = cost &+ best[start + match.length]
                    if total < cheapest || (total == cheapest && match.length > length) {
                        cheapest = total
                        length = match.length
                    }
                }
            }
            phraseLengths[start] = lengths
            firstStageLongest[start] = Int32(longest)
            best[start] = cheapest
            step[start] = Int32(length)
        }
    }
}
