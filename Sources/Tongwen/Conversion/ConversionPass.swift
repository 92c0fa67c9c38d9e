/// One complete conversion over a piece of text, such as one OpenCC config.
/// A plan runs passes one after another.
protocol ConversionPass: Sendable {
    /// Converts `input`, appending the result to `output`, and tells `record`
    /// (when given) each decision it made, in bytes of `input`.
    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?)

    /// The tables the pass looks keys up in.
    var tables: [PhraseTable] { get }
}

extension ConversionPass {
    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        run(input, into: &output, record: nil)
    }
}

/// A decision of a conversion at one place of its input (see ``ConversionChoice``).
struct Decision {
    var range: Range<Int>
    var output: [UInt8]
    var alternatives: [[UInt8]]
    var rule: ConversionChoice.Rule
}

typealias DecisionRecorder = (Decision) -> Void

/// An OpenCC config: normalization stages over the whole text, then maximum-match
/// segmentation, then each chain stage applied within each segment.
struct ConfigPass: ConversionPass {
    let normalization: [ConversionStage]
    let segmenter: (any Segmenter)?
    let chain: [ConversionStage]

    var tables: [PhraseTable] {
        (normalization + chain).flatMap(\.levels) + (segmenter?.tables ?? [])
    }

    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?) {
        guard !input.isEmpty else { return }
        // A constant, so that the closures below capture no variable, whose every access would be checked at run time.
        let normalized = normalize(input)
        func withText<Result>(_ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
            Self.withText(normalized, or: input, body)
        }
        // One stage cut by frequency, with nothing to explain: the stage weighs
        // as it converts, in one pass.
        if record == nil, chain.count == 1, let weigher = segmenter as? FrequencySegmenter,
           weigher.phrases.allSatisfy({ phrase in chain[0].levels.contains { $0.address == phrase.table.address } }) {
            withText { chain[0].convert($0, 0..<$1, into: &output, weigher: weigher) }
            return
        }
        let ends = withText { text, count in segmenter?.segmentEnds(text, count: count) ?? [count] }
        if let record { withText { recordSegmentation(ends: ends, text: $0, count: $1, record: record) } }
        // Segment by segment through the whole chain: a stage never matches
        // across a segment end, so what a stage writes for a segment is the
        // next stage's input at once, in two buffered outputs that live for
        // the whole loop (one set up at each segment cost more than a short
        // segment's conversion).
        var spare = ([UInt8](), [UInt8]())
        withBufferedOutput(appendingTo: &output) { output in
            withBufferedOutput(appendingTo: &spare.0) { current in
                withBufferedOutput(appendingTo: &spare.1) { next in
                    withText { text, _ in
                        var start = 0
                        for end in ends {
                            convert(text, start..<end, into: &output, through: &current, &next, record: record)
                            start = end
                        }
                    }
                }
            }
        }
        if chain.isEmpty { withText { output.append(contentsOf: UnsafeBufferPointer(start: $0, count: $1)) } }
    }

    /// Converts one segment through every stage of the chain, each stage's
    /// output written to `current` for the next one to read.
    private func convert(_ text: UnsafePointer<UInt8>, _ segment: Range<Int>, into output: inout BufferedOutput,
                         through current: inout BufferedOutput, _ next: inout BufferedOutput, record: DecisionRecorder?) {
        for stageIndex in chain.indices {
            // A later stage's decisions are placed on the input segment they came from.
            let recorder: DecisionRecorder? = record.map { record in
                { decision in
                    var decision = decision
                    if stageIndex > 0 { decision.range = segment }
                    record(decision)
                }
            }
            let isLast = stageIndex == chain.count - 1
            // Unretained: a stage taken from the array was retained and released at each segment.
            Unmanaged.passUnretained(chain[stageIndex])._withUnsafeGuaranteedRef { stage in
                if stageIndex == 0 {
                    if isLast {
                        stage.convert(text, segment, into: &output, record: recorder)
                    } else {
                        stage.convert(text, segment, into: &current, record: recorder)
                    }
                    return
                }
                current.drain { piece in
                    guard let base = piece.baseAddress, !piece.isEmpty else { return }
                    if isLast {
                        stage.convert(base, 0..<piece.count, into: &output, record: recorder)
                    } else {
                        stage.convert(base, 0..<piece.count, into: &next, record: recorder)
                    }
                }
            }
            // What this stage wrote is the next one's input.
            if stageIndex > 0, !isLast { swap(&current, &next) }
        }
    }

    /// The input after the normalization stages that apply to it; nil when none does.
    private func normalize(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var converted: [UInt8]?
        for stage in normalization where Self.withText(converted, or: input, { stage.mayMatch($0, 0..<$1) }) {
            var next = [UInt8]()
            next.reserveCapacity(input.count)
            Self.withText(converted, or: input) { stage.convert($0, 0..<$1, into: &next) }
            converted = next
        }
        return converted
    }

    /// Calls `body` with `converted`'s bytes, or `input`'s when there are none.
    private static func withText<Result>(_ converted: [UInt8]?, or input: UnsafeBufferPointer<UInt8>,
                                         _ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
        guard let converted else { return body(input.baseAddress!, input.count) }
        return converted.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }

    /// Records where frequency segmentation cut a key the first stage's
    /// longest match would have taken across a segment end (被发|明 → 被|发明).
    private func recordSegmentation(ends: [Int], text: UnsafePointer<UInt8>, count: Int, record: DecisionRecorder) {
        guard segmenter is FrequencySegmenter, let first = chain.first else { return }
        var start = 0
        for end in ends {
            if let greedy = first.match(text, at: start, end: count), start + greedy.length > end {
                let chosen = first.match(text, at: start, end: end)
                record(Decision(
                    range: start..<start + greedy.length,
                    output: chosen.map { Array(first.levels[$0.level].candidate(0, of: $0.value)) } ?? Array(UnsafeBufferPointer(start: text + start, count: end - start)),
                    alternatives: [Array(first.levels[greedy.level].candidate(0, of: greedy.value))],
                    rule: .segmentation
                ))
            }
            start = end
        }
    }
}
