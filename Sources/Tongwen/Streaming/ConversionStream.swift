import Dispatch

/// Runs a ``TextTransform`` over a stream of any length in constant memory:
/// input is read in blocks, and each piece ends where the transform says its
/// result cannot depend on what follows, so the output does not depend on the
/// block size or the number of jobs.
public struct ConversionStream<Transform: TextTransform>: Sendable {
    public let transform: Transform
    /// How many bytes are read at a time.
    public let blockSize: Int
    /// How many threads convert pieces at once.
    public let jobs: Int
    /// How many pieces a batch has: several a thread, handed out as threads
    /// come free, so that a piece of slow text (dense CJK among ASCII) does
    /// not leave the other threads waiting.
    var piecesPerBatch: Int { jobs == 1 ? 1 : jobs * 4 }

    /// ``TextTransform/prepared(forSample:)`` sees at most this many first bytes.
    static var sampleSize: Int { 1 << 20 }
    /// A run with no safe point is cut at the last character boundary within
    /// this many bytes of the previous cut, so memory stays bounded and text
    /// without newlines still converts on all cores. Such cuts depend only on
    /// the text, never on block size or jobs.
    let longestRun: Int

    public init(_ transform: Transform, blockSize: Int = 1 << 20, jobs: Int = 1) {
        self.init(transform, blockSize: blockSize, jobs: jobs, longestRun: 1 << 20)
    }

    init(_ transform: Transform, blockSize: Int, jobs: Int, longestRun: Int) {
        precondition(blockSize > 0 && jobs > 0, "blockSize and jobs must be positive")
        self.transform = transform
        self.blockSize = blockSize
        self.jobs = jobs
        self.longestRun = longestRun
    }

    /// Reads with `read` until it returns 0 and passes the converted bytes to
    /// `write` as they are ready.
    ///
    /// - Parameters:
    ///   - read: fills a buffer and returns how many bytes it read, 0 at the end.
    ///   - write: receives converted bytes, in order.
    public func run(
        read: (UnsafeMutableRawBufferPointer) throws -> Int,
        write: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var pending: [UInt8] = []
        var prepared: Transform?
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        let outputs = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: piecesPerBatch)
        outputs.initialize(repeating: [])
        defer { outputs.deinitialize().deallocate() }
        var atEnd = false
        while !atEnd {
            let count = try read(block)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[..<count]))
            atEnd = count == 0
            if prepared == nil {
                let sampleEnd = pending.withUnsafeBufferPointer { transform.sampleEnd($0) }
                    ?? (atEnd || pending.count >= Self.sampleSize ? min(pending.count, Self.sampleSize) : nil)
                guard let sampleEnd else { continue }
                prepared = pending.withUnsafeBufferPointer { transform.prepared(forSample: UnsafeBufferPointer(rebasing: $0.prefix(sampleEnd))) }
            }
            // A short read means the source has nothing more for now (a pipe):
            // convert what has come, so live streams flow.
            let shortRead = count < block.count
            guard atEnd || shortRead || pending.count >= blockSize * jobs else { continue }
            let resolved = prepared!
            // At the end, batch after batch until nothing is left.
            repeat {
                let ranges = pending.withUnsafeBufferPointer { pieces($0, atEnd: atEnd, resolved) }
                guard let batchEnd = ranges.last?.upperBound else { break }
                pending.withUnsafeBufferPointer { buffer in
                    let work = PieceBuffers(input: buffer, outputs: outputs)
                    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                        work.outputs[index].removeAll(keepingCapacity: true)
                        resolved.apply(UnsafeBufferPointer(rebasing: work.input[ranges[index]]), into: &work.outputs[index])
                    }
                }
                for index in ranges.indices {
                    try outputs[index].withUnsafeBufferPointer { try write($0) }
                }
                pending.removeFirst(batchEnd)
            } while atEnd && !pending.isEmpty
        }
    }

    /// The next cut after the cut at `start`: the last safe point within
    /// ``longestRun`` bytes; or, when that many bytes hold none, the last
    /// character boundary among them (`forced`); at the end, the end. `nil`
    /// when more text must be read first.
    func nextCut(_ text: UnsafeBufferPointer<UInt8>, after start: Int, atEnd: Bool, _ transform: Transform) -> (end: Int, forced: Bool)? {
        guard start < text.count else { return nil }
        let window = UnsafeBufferPointer(rebasing: text[start..<min(start + longestRun, text.count)])
        let safe = transform.safePrefixLength(window)
        if safe > 0 { return (start + safe, false) }
        if text.count - start > longestRun {
            let boundary = window.lastIndex { $0 & 0xC0 != 0x80 } ?? 0
            return (start + (boundary > 0 ? boundary : longestRun), true)
        }
        return atEnd ? (text.count, false) : nil
    }

    /// The next batch: up to ``piecesPerBatch`` pieces of about equal size, each ending
    /// at a cut, with a piece ending at every forced cut so that those fall in
    /// the same places whatever the block size or number of jobs.
    func pieces(_ text: UnsafeBufferPointer<UInt8>, atEnd: Bool, _ transform: Transform) -> [Range<Int>] {
        // The forced cuts, then the last cut there is.
        var boundaries: [Int] = []
        var position = 0
        while let cut = nextCut(text, after: position, atEnd: atEnd, transform) {
            if cut.forced { boundaries.append(cut.end) }
            position = cut.end
        }
        if boundaries.last != position { boundaries.append(position) }
        let share = max(1, position / piecesPerBatch)
        var ranges: [Range<Int>] = []
        var start = 0
        for boundary in boundaries where boundary > start && ranges.count < piecesPerBatch {
            // Between boundaries, pieces of about `share` bytes end at safe points.
            while ranges.count < piecesPerBatch - 1, boundary - start > share {
                let safe = transform.safePrefixLength(UnsafeBufferPointer(rebasing: text[start..<start + share]))
                guard safe > 0 else { break }
                ranges.append(start..<start + safe)
                start += safe
            }
            ranges.append(start..<boundary)
            start = boundary
        }
        return ranges
    }
}

/// The input and the per-piece output buffers of one parallel step: each thread
/// reads the shared input and writes only the output at its own index.
private struct PieceBuffers: @unchecked Sendable {
    let input: UnsafeBufferPointer<UInt8>
    let outputs: UnsafeMutableBufferPointer<[UInt8]>
}
