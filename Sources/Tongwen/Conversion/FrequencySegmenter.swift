/// Segmentation that reads like a person: among the ways to cut text into
/// words from jieba's word list and the conversion's own phrases, the most
/// probable one (dynamic programming over word costs, as jieba does). So
/// 被发明 is 被|发明, not 被发|明, and 中文采访 is 中文|采访, not 中|文采|访.
///
/// Runs of one-character segments are merged, as OpenCC's segmentation merges
/// unmatched characters, so that later stages can still match across them.
struct FrequencySegmenter: Segmenter {
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

    init(words: PhraseTable, phrases: [(table: PhraseTable, view: CharacterFold?)], view: CharacterFold) {
        self.words = words
        self.phrases = phrases
        self.view = view
        let total = Double(words.value(ofKey: WordFrequencies.totalKey).map(words.number) ?? 60_000_000)
        phraseCost = Int32(WordFrequencies.cost(frequency: 100, total: total))
        characterCost = Int32(WordFrequencies.cost(frequency: 1, total: total))
    }

    var tables: [PhraseTable] { [words] + phrases.map(\.table) }

    func segmentEnds(_ text: UnsafePointer<UInt8>, count: Int) -> [Int] {
        var best: [Int32] = []
        var step: [Int32] = []
        var ends = Ends()
        // Greedy phrase matching, with the costly weighing only where words
        // compete: when a listed word that starts inside the phrase ends
        // beyond it, or one that starts before it ends inside it (被发|明
        // against 被|发明), the window is segmented by frequency — and that
        // segmentation is used only when it is clearly likelier than the
        // greedy one (by `margin`), since a unigram model alone misjudges
        // cases such as 菜单|项 or 高|级别.
        var committed = 0
        var position = 0
        while position < count {
            let characterLength = UTF8Decoding.decode(text, at: position, end: count).length
            let phraseEnd = position + longestPhrase(text, at: position, end: count, firstStageOnly: false)
            guard phraseEnd > position + characterLength else {
                position += characterLength
                continue
            }
            var windowStart = position
            for _ in 0..<3 where windowStart > committed {
                windowStart -= 1
                while windowStart > committed, text[windowStart] & 0xC0 == 0x80 { windowStart -= 1 }
            }
            var windowEnd = phraseEnd
            var competing = false
            var scan = windowStart
            while scan < windowEnd {
                if scan != position {
                    let end = scan + (words.longestMatch(text, from: scan, end: count, fold: view)?.length ?? 0)
                    if (scan < position && end > position) || (scan > position && end > phraseEnd) {
                        competing = true
                        windowEnd = max(windowEnd, end)
                    }
                }
                scan += UTF8Decoding.decode(text, at: scan, end: count).length
            }
            if competing {
                segment(text + windowStart, count: windowEnd - windowStart, best: &best, step: &step)
                competing = greedy(text, windowStart..<windowEnd, into: nil) - best[0] >= margin
            }
            // No key starts between `committed` and `position`: those are characters.
            guard competing else {
                // OpenCC's cut: the first stage's longest matches.
                ends.characters(from: committed, to: position)
                _ = greedy(text, position..<windowEnd, into: &ends)
                committed = windowEnd
                position = committed
                continue
            }
            ends.characters(from: committed, to: windowStart)
            var offset = 0
            while offset < windowEnd - windowStart {
                let length = Int(step[offset])
                let isCharacter = length == UTF8Decoding.decode(text + windowStart, at: offset, end: windowEnd - windowStart).length
                if isCharacter {
                    ends.characters(from: windowStart + offset, to: windowStart + offset + length)
                } else {
                    ends.word(from: windowStart + offset, to: windowStart + offset + length)
                }
                offset += length
            }
            committed = windowEnd
            position = committed
        }
        ends.characters(from: committed, to: count)
        return ends.ends
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
    /// phrases the text is matched with as written — the first stage's, as
    /// OpenCC's longest match sees them. Later stages' keys only compete in
    /// the weighing.
    @inline(__always)
    private func longestPhrase(_ text: UnsafePointer<UInt8>, at position: Int, end: Int, firstStageOnly: Bool) -> Int {
        var longest = 0
        for index in phrases.indices {
            // Tables read as written need no fold per character.
            if let phraseView = phrases[index].view {
                guard !firstStageOnly else { continue }
                longest = max(longest, phrases[index].table.longestMatch(text, from: position, end: end, fold: phraseView)?.length ?? 0)
            } else {
                longest = max(longest, phrases[index].table.longestMatch(text, from: position, end: end, fold: IdentityFold())?.length ?? 0)
            }
        }
        return longest
    }

    /// How much likelier, in thousandths of a natural log, the weighed cut
    /// must be than the greedy one to replace it (e² ≈ 7 times).
    let margin: Int32 = 2000

    /// OpenCC's cut of `text[range]`, appended to `ends` when given, and its
    /// cost: the first stage's longest keys are segments, and the characters
    /// between them one run, in which later stages match their own keys
    /// (调用|菜单项 lets TWPhrases turn 菜單 into 選單).
    private func greedy(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into ends: UnsafeMutablePointer<Ends>?) -> Int32 {
        var cost: Int32 = 0
        var position = range.lowerBound
        while position < range.upperBound {
            let characterLength = UTF8Decoding.decode(text, at: position, end: range.upperBound).length
            let primary = longestPhrase(text, at: position, end: range.upperBound, firstStageOnly: true)
            if primary > characterLength {
                if ends == nil { cost &+= wordCost(text, at: position, length: primary) }
                ends?.pointee.word(from: position, to: position + primary)
                position += primary
                continue
            }
            var runEnd = position + characterLength
            while runEnd < range.upperBound,
                  longestPhrase(text, at: runEnd, end: range.upperBound, firstStageOnly: true) <= UTF8Decoding.decode(text, at: runEnd, end: range.upperBound).length {
                runEnd += UTF8Decoding.decode(text, at: runEnd, end: range.upperBound).length
            }
            // The cost is only needed to weigh, not to cut.
            var inRun = ends == nil ? position : runEnd
            while inRun < runEnd {
                let length = max(UTF8Decoding.decode(text, at: inRun, end: runEnd).length, longestPhrase(text, at: inRun, end: runEnd, firstStageOnly: false))
                cost &+= wordCost(text, at: inRun, length: length)
                inRun += length
            }
            ends?.pointee.characters(from: position, to: runEnd)
            position = runEnd
        }
        return cost
    }

    /// The cost of `text[position..<position + length]` as one segment.
    private func wordCost(_ text: UnsafePointer<UInt8>, at position: Int, length: Int) -> Int32 {
        if let listed = words.longestMatch(text, from: position, end: position + length, fold: view), listed.length == length {
            return Int32(words.number(of: listed.value))
        }
        return length == UTF8Decoding.decode(text, at: position, end: position + length).length ? characterCost : phraseCost
    }

    /// Fills `step` with the first word length of the cheapest segmentation
    /// from each character start of `text[0..<count]`.
    private func segment(_ text: UnsafePointer<UInt8>, count: Int, best: inout [Int32], step: inout [Int32]) {
        if best.count < count + 1 {
            best = [Int32](repeating: 0, count: count + 1)
            step = [Int32](repeating: 0, count: count + 1)
        }
        best[count] = 0
        var start = count
        while start > 0 {
            // Back to the start of the previous character.
            start -= 1
            while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
            let characterLength = UTF8Decoding.decode(text, at: start, end: count).length
            var cheapest = characterCost &+ best[start + characterLength]
            var length = characterLength
            // Lengths already scored, as a bit set of byte lengths (keys are shorter than 64 bytes).
            var known: UInt64 = 0
            var words = self.words.matches(in: text, from: start, end: count, fold: view)
            while let match = words.next() {
                known |= 1 << UInt64(min(match.length, 63))
                let total = Int32(self.words.number(of: match.value)) &+ best[start + match.length]
                if total < cheapest || (total == cheapest && match.length > length) {
                    cheapest = total
                    length = match.length
                }
            }
            for (table, phraseView) in phrases {
                var matches = table.matches(in: text, from: start, end: count, fold: OptionalFold(fold: phraseView))
                while let match = matches.next() {
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
            best[start] = cheapest
            step[start] = Int32(length)
        }
    }
}
