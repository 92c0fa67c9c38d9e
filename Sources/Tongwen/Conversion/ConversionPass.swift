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
    /// For a chain of two whose first stage seldom applies (regional variants
    /// back to OpenCC's forms, before Traditional to Simplified): the
    /// frequency segmenter of the second stage alone. Text the first stage
    /// has nothing to do in (or only what the second cannot see,
    /// ``ConversionStage/singlesUnseen(by:)``) converts as through the
    /// second stage alone (`tw2s` as `t2s`), which weighs as it converts, in one pass, instead
    /// of a segmentation pass and a pass of each stage. There the first
    /// stage would copy, and the config's segmenter cut as this one: the
    /// first stage's keys match nowhere, and the view of the text in the
    /// second stage's script is the text itself. (Weighing as a stage
    /// converts can differ from a cut made first: in one text in 20,000 of
    /// random tables, in none of the corpus.)
    let secondStageWeigher: FrequencySegmenter?
    /// With `secondStageWeigher`: the first stage's shortcuts as the second
    /// watches them (``ConversionStage/shortcuts(watchedBy:)``).
    private let watchedFirstStage: StageShortcuts?
    /// For a chain of two whose second stage seldom applies: the first stage
    /// alone, weighed as it converts, where that gives what the config does.
    let firstStage: FirstStageShortcut?
    /// The ASCII bytes a key or word of the pass's tables holds. Any other
    /// ASCII byte ends a stretch of text that converts as it would within
    /// the whole, whichever way: no key, word or weighing window spans one
    /// (a stream cuts after one too).
    private let asciiInKeys: ASCIISet

    /// `secondStageWeigher` is kept only where it applies (``weighsAsSecondStage(_:of:segmenter:normalization:)``).
    init(normalization: [ConversionStage], segmenter: (any Segmenter)?, chain: [ConversionStage], secondStageWeigher: FrequencySegmenter? = nil,
         firstStage: FirstStageShortcut? = nil) {
        self.normalization = normalization
        self.segmenter = segmenter
        self.chain = chain
        self.secondStageWeigher = secondStageWeigher.flatMap {
            Self.weighsAsSecondStage($0, of: chain, segmenter: segmenter, normalization: normalization) ? $0 : nil
        }
        watchedFirstStage = self.secondStageWeigher.map { _ in chain[0].shortcuts(watchedBy: chain[1]) }
        self.firstStage = firstStage
        asciiInKeys = ((normalization + chain).flatMap(\.levels) + (segmenter?.tables ?? [])).asciiInKeys
    }

    /// Whether `weigher` cuts as the config's segmenter does where the first
    /// of a chain of two matches nothing: it reads the second stage's
    /// phrases as written, and they are the phrases the segmenter reads as
    /// written besides the first stage's (which match nothing there); the
    /// segmenter reads no others but through the first stage's view (which
    /// is the text itself there). And no key holds ASCII, so that any ASCII
    /// byte is a place to cut.
    private static func weighsAsSecondStage(_ weigher: FrequencySegmenter, of chain: [ConversionStage], segmenter: (any Segmenter)?,
                                            normalization: [ConversionStage]) -> Bool {
        guard chain.count == 2, let segmenter = segmenter as? FrequencySegmenter, weigher.weighsPhrases(of: chain[1].levels) else { return false }
        let weighed = Set(weigher.phrases.map(\.table.address))
        let first = Set(chain[0].levels.map(\.address))
        return Set(segmenter.phrases.filter { $0.view == nil }.map(\.table.address)).subtracting(first) == weighed
            && segmenter.phrases.allSatisfy { $0.view == nil || weighed.contains($0.table.address) }
            && ((normalization + chain).flatMap(\.levels) + segmenter.tables).asciiInKeys.isEmpty
    }

    var tables: [PhraseTable] {
        (normalization + chain).flatMap(\.levels) + (segmenter?.tables ?? [])
    }

    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?) {
        guard !input.isEmpty else { return }
        // A constant, so that the closures below capture no variable, whose every access would be checked at run time.
        let normalized = normalize(input)
        Self.withText(normalized, or: input) { text, count in
            if record == nil, let secondStageWeigher, let watchedFirstStage {
                convertSecondStageFirst(text, count: count, into: &output, weigher: secondStageWeigher, watching: watchedFirstStage)
            } else if record == nil, let firstStage {
                convertFirstStageFirst(text, count: count, into: &output, shortcut: firstStage)
            } else {
                convert(text, count: count, into: &output, record: record)
            }
        }
    }

    /// Converts `text[0..<count]`, normalized, through the segmentation and the chain.
    private func convert(_ text: UnsafePointer<UInt8>, count: Int, into output: inout [UInt8], record: DecisionRecorder?) {
        // One stage cut by frequency, with nothing to explain: the stage weighs
        // as it converts, in one pass.
        if record == nil, chain.count == 1, let weigher = segmenter as? FrequencySegmenter, weigher.weighsPhrases(of: chain[0].levels) {
            chain[0].convert(text, 0..<count, into: &output, weigher: weigher)
            return
        }
        let ends = segmenter?.segmentEnds(text, count: count) ?? [count]
        if let record { recordSegmentation(ends: ends, text: text, count: count, record: record) }
        // Segment by segment through the whole chain: a stage never matches
        // across a segment end, so what a stage writes for a segment is the
        // next stage's input at once, in two buffered outputs that live for
        // the whole loop (one set up at each segment cost more than a short
        // segment's conversion).
        var spare = ([UInt8](), [UInt8]())
        withBufferedOutput(appendingTo: &output) { output in
            withBufferedOutput(appendingTo: &spare.0) { current in
                withBufferedOutput(appendingTo: &spare.1) { next in
                    var start = 0
                    for end in ends {
                        convert(text, start..<end, into: &output, through: &current, &next, record: record)
                        start = end
                    }
                }
            }
        }
        if chain.isEmpty { output.append(contentsOf: UnsafeBufferPointer(start: text, count: count)) }
    }

    /// Converts `text[0..<count]` through the second stage alone, weighing
    /// as it converts, up to where the first stage may apply as the second
    /// can see (`firstStage`, its shortcuts as the second watches them); from the run
    /// of ASCII before that place to the end of the next, through the whole
    /// config; and on. Between runs of ASCII the text converts as it would
    /// within the whole, since no key, word or weighing window spans one.
    private func convertSecondStageFirst(_ text: UnsafePointer<UInt8>, count: Int, into output: inout [UInt8], weigher: FrequencySegmenter,
                                         watching firstStage: StageShortcuts) {
        var start = 0
        while start < count, let stop = chain[1].convert(text, start..<count, into: &output, weigher: weigher, stoppingWhereMayMatch: firstStage) {
            output.removeSubrange(stop.cutOutput...)
            var end = stop.position
            while end < count, text[end] >= 0x80 { end += 1 }
            end = UTF8Decoding.endOfASCII(text, from: end, end: count)
            convert(text + stop.cut, count: end - stop.cut, into: &output, record: nil)
            start = end
        }
    }

    /// Converts `text[0..<count]` as ``firstStage`` says: up to the stretch
    /// where a key of the second stage may start, the first stage alone and
    /// the second over its output; that stretch through the whole config;
    /// and on. Where a key of the second stage matches in the first stage's
    /// output, stretch by stretch, each one either way, so that what a
    /// stretch becomes never depends on the text around it.
    private func convertFirstStageFirst(_ text: UnsafePointer<UInt8>, count: Int, into output: inout [UInt8], shortcut: FirstStageShortcut) {
        var start = 0
        while start < count {
            let stop = shortcut.laterKeysInText.firstStart(in: text, from: start, end: count)
            let aloneEnd = stop.map { stretchStart(text, before: $0, from: start) } ?? count
            if !convertAsFirstStageAlone(text, start..<aloneEnd, into: &output, shortcut: shortcut) {
                var stretch = start
                while stretch < aloneEnd {
                    let end = stretchEnd(text, from: stretch, end: aloneEnd)
                    if !convertAsFirstStageAlone(text, stretch..<end, into: &output, shortcut: shortcut) {
                        convert(text + stretch, count: end - stretch, into: &output, record: nil)
                    }
                    stretch = end
                }
            }
            guard let stop else { return }
            let end = stretchEnd(text, from: stop, end: count)
            convert(text + aloneEnd, count: end - aloneEnd, into: &output, record: nil)
            start = end
        }
    }

    /// Converts `text[range]` through the first stage alone, weighing as it
    /// converts, and its output through the second stage; unless a key of
    /// two or more scalars of the second stage matches in that output: then
    /// writes nothing and returns false.
    private func convertAsFirstStageAlone(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8],
                                          shortcut: FirstStageShortcut) -> Bool {
        guard !range.isEmpty else { return true }
        var firstOutput = [UInt8]()
        firstOutput.reserveCapacity(range.count + range.count / 8)
        chain[0].convert(text, range, into: &firstOutput, weigher: shortcut.weigher)
        return firstOutput.withUnsafeBufferPointer { converted in
            guard let base = converted.baseAddress, !converted.isEmpty else { return true }
            guard chain[1].mayMatch(base, 0..<converted.count) else {
                output.append(contentsOf: converted)
                return true
            }
            let outputStart = output.count
            guard chain[1].convertUnlessPhraseMatches(base, 0..<converted.count, into: &output) else {
                output.removeSubrange(outputStart...)
                return false
            }
            return true
        }
    }

    /// Where the stretch that holds `position` starts: just after the last
    /// ASCII byte no key holds before it, or at `start`.
    private func stretchStart(_ text: UnsafePointer<UInt8>, before position: Int, from start: Int) -> Int {
        var index = position
        while index > start, text[index - 1] >= 0x80 || asciiInKeys.contains(text[index - 1]) { index -= 1 }
        return index
    }

    /// Where the stretch that holds `position` ends: just after the first
    /// ASCII byte no key holds from it on, or at `end`.
    private func stretchEnd(_ text: UnsafePointer<UInt8>, from position: Int, end: Int) -> Int {
        var index = position
        while index < end, text[index] >= 0x80 || asciiInKeys.contains(text[index]) { index += 1 }
        return min(index + 1, end)
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
