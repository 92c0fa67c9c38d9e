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
        guard count > 0 else { return [] }
        // best[i]: the cost of the cheapest segmentation of text[i...]; step[i]: its first word's length.
        var best = [Int32](repeating: .max, count: count + 1)
        var step = [Int32](repeating: 0, count: count + 1)
        best[count] = 0
        var starts: [Int] = []
        var position = 0
        while position < count {
            starts.append(position)
            position += UTF8Decoding.decode(text, at: position, end: count).length
        }
        for start in starts.reversed() {
            let characterLength = UTF8Decoding.decode(text, at: start, end: count).length
            var cheapest = characterCost &+ best[start + characterLength]
            var length = characterLength
            func consider(_ candidateLength: Int, _ cost: Int32) {
                let total = cost &+ best[start + candidateLength]
                if total < cheapest || (total == cheapest && candidateLength > length) {
                    cheapest = total
                    length = candidateLength
                }
            }
            var known: [Int] = []
            for match in words.allMatches(text, from: start, end: count, fold: view) {
                known.append(match.length)
                consider(match.length, Int32(words.number(of: match.value)))
            }
            for (table, phraseView) in phrases {
                let matches = phraseView.map { table.allMatches(text, from: start, end: count, fold: $0) }
                    ?? table.allMatches(text, from: start, end: count, fold: IdentityFold())
                for match in matches where !known.contains(match.length) {
                    known.append(match.length)
                    consider(match.length, match.length == characterLength ? characterCost : phraseCost)
                }
            }
            best[start] = cheapest
            step[start] = Int32(length)
        }
        var ends: [Int] = []
        position = 0
        var previousWasCharacter = false
        while position < count {
            let length = Int(step[position])
            let isCharacter = length == UTF8Decoding.decode(text, at: position, end: count).length
            if isCharacter && previousWasCharacter {
                ends[ends.count - 1] = position + length
            } else {
                ends.append(position + length)
            }
            previousWasCharacter = isCharacter
            position += length
        }
        return ends
    }
}
