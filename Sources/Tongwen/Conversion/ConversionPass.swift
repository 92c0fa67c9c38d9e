/// One complete conversion over a piece of text, such as one OpenCC config.
/// A plan runs passes one after another.
protocol ConversionPass: Sendable {
    /// Converts `input`, appending the result to `output`.
    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8])

    /// The tables the pass looks keys up in.
    var tables: [PhraseTable] { get }
}

/// An OpenCC config: normalization stages over the whole text, then maximum-match
/// segmentation, then each chain stage applied within each segment.
struct ConfigPass: ConversionPass {
    let normalization: [ConversionStage]
    let segmenter: (any Segmenter)?
    let chain: [ConversionStage]

    var tables: [PhraseTable] {
        (normalization + chain).flatMap(\.levels) + (segmenter?.tables ?? [])
    }

    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard !input.isEmpty else { return }
        var converted: [UInt8]?
        func withText<Result>(_ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
            guard let converted else { return body(input.baseAddress!, input.count) }
            return converted.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
        for stage in normalization {
            var next = [UInt8]()
            next.reserveCapacity(input.count)
            withText { stage.convert($0, 0..<$1, into: &next) }
            converted = next
        }
        var ends = withText { text, count in segmenter?.segmentEnds(text, count: count) ?? [count] }
        for stage in chain {
            var next = [UInt8]()
            next.reserveCapacity(input.count + input.count / 4)
            var nextEnds: [Int] = []
            nextEnds.reserveCapacity(ends.count)
            withText { text, _ in
                var start = 0
                for end in ends {
                    stage.convert(text, start..<end, into: &next)
                    nextEnds.append(next.count)
                    start = end
                }
            }
            converted = next
            ends = nextEnds
        }
        withText { output.append(contentsOf: UnsafeBufferPointer(start: $0, count: $1)) }
    }
}
