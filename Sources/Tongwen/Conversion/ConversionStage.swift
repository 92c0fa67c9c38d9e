/// One step of a conversion chain: levels tried in order, the first level with a
/// key at the current position decides, and within a level the longest key wins.
struct ConversionStage: Sendable {
    let levels: [PhraseTable]

    /// A key found in text and the level it came from.
    struct Match {
        var length: Int
        var value: UInt32
        var level: Int
    }

    @inline(__always)
    func match(_ text: UnsafePointer<UInt8>, at position: Int, end: Int) -> Match? {
        for (index, table) in levels.enumerated() {
            if let found = table.longestMatch(text, from: position, end: end, fold: IdentityFold()) {
                return Match(length: found.length, value: found.value, level: index)
            }
        }
        return nil
    }

    /// Converts `text[range]`, appending to `output`; bytes no key covers are
    /// copied. `record` hears of each phrase and of each key with several candidates.
    func convert(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8], record: DecisionRecorder? = nil) {
        var position = range.lowerBound
        var copyStart = position
        while position < range.upperBound {
            if let found = match(text, at: position, end: range.upperBound) {
                if position > copyStart {
                    output.append(contentsOf: UnsafeBufferPointer(start: text + copyStart, count: position - copyStart))
                }
                let table = levels[found.level]
                output.append(contentsOf: table.candidate(0, of: found.value))
                if let record {
                    let isPhrase = found.length > UTF8Decoding.decode(text, at: position, end: range.upperBound).length
                    let alternatives = (1..<max(1, table.candidateCount(of: found.value))).map { Array(table.candidate($0, of: found.value)) }
                    if isPhrase || !alternatives.isEmpty {
                        record(Decision(range: position..<position + found.length, output: Array(table.candidate(0, of: found.value)),
                                        alternatives: alternatives, rule: isPhrase ? .phrase : .character))
                    }
                }
                position += found.length
                copyStart = position
            } else {
                position += UTF8Decoding.decode(text, at: position, end: range.upperBound).length
            }
        }
        if position > copyStart {
            output.append(contentsOf: UnsafeBufferPointer(start: text + copyStart, count: position - copyStart))
        }
    }
}

/// Splits text into segments; conversion stages never match across a segment end.
protocol Segmenter: Sendable {
    /// The end offsets of the segments of `text[0..<count]`.
    func segmentEnds(_ text: UnsafePointer<UInt8>, count: Int) -> [Int]

    /// The tables the segmenter looks keys up in.
    var tables: [PhraseTable] { get }
}

/// OpenCC's maximum-match segmentation: a longest key is a segment, and the
/// characters between keys are merged into one segment.
struct MaxMatchSegmenter: Segmenter {
    let table: PhraseTable

    var tables: [PhraseTable] { [table] }

    func segmentEnds(_ text: UnsafePointer<UInt8>, count: Int) -> [Int] {
        var ends: [Int] = []
        var position = 0
        while position < count {
            if let found = table.longestMatch(text, from: position, end: count, fold: IdentityFold()) {
                if ends.last != position, position > 0 { ends.append(position) }
                position += found.length
                ends.append(position)
            } else {
                position += UTF8Decoding.decode(text, at: position, end: count).length
            }
        }
        if ends.last != count, count > 0 { ends.append(count) }
        return ends
    }
}
