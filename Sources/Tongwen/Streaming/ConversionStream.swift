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
    /// The size of a buffer of pending text: two blocks after the longest
    /// run a batch may leave, so that the text left moves to another buffer
    /// at most every other block.
    var bufferCapacity: Int { 2 * blockSize + longestRun }

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
    /// With more than one job, pieces are converted by worker threads while
    /// this thread reads the next ones and writes finished ones in order, so
    /// no thread waits for a whole batch to finish.
    ///
    /// - Parameters:
    ///   - read: fills a buffer and returns how many bytes it read, 0 at the end.
    ///   - write: receives converted bytes, in order.
    public func run(
        read: (UnsafeMutableRawBufferPointer) throws -> Int,
        write: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var pending = PendingText(capacity: bufferCapacity)
        // Buffers left behind, which pieces on their way may still read from.
        var retired: [PendingText] = []
        var prepared: Transform?
        var workers: Workers?
        defer { workers?.stop() }
        // Pieces on their way, oldest first, and finished ones to reuse.
        var inFlight: [Piece] = []
        var inFlightBytes = 0
        var spare: [Piece] = []
        func finishOldest() throws {
            let piece = inFlight.removeFirst()
            piece.done.wait()
            inFlightBytes -= piece.input.count
            piece.source?.readers -= 1
            piece.source = nil
            try piece.output.withUnsafeBufferPointer { try write($0) }
            spare.append(piece)
        }
        var atEnd = false
        while !atEnd {
            if pending.room < blockSize {
                // The text left moves to a buffer no piece reads from any more, or a new one.
                let needed = pending.text.count + blockSize
                let next = retired.firstIndex { $0.readers == 0 && $0.capacity >= needed }.map { retired.remove(at: $0) }
                    ?? PendingText(capacity: max(bufferCapacity, needed))
                next.replace(with: pending.text)
                retired.removeAll { $0.readers == 0 }
                retired.append(pending)
                pending = next
            }
            let count = try pending.append(upTo: blockSize, read)
            atEnd = count == 0
            if prepared == nil {
                let text = pending.text
                let sampleEnd = transform.sampleEnd(text)
                    ?? (atEnd || text.count >= Self.sampleSize ? min(text.count, Self.sampleSize) : nil)
                guard let sampleEnd else { continue }
                prepared = transform.prepared(forSample: UnsafeBufferPointer(rebasing: text.prefix(sampleEnd)))
            }
            // Every block read makes a batch, so the workers start as soon as
            // the first block is in, and reading overlaps converting. A short
            // read means the source has nothing more for now (a pipe): all of
            // it is written out, so live streams flow.
            let shortRead = count < blockSize
            let resolved = prepared!
            // At the end, batch after batch until nothing is left.
            repeat {
                let ranges = pieces(pending.text, atEnd: atEnd, resolved)
                guard !ranges.isEmpty else { break }
                // Threads start with the first batch that has work for them; short input needs none.
                if workers == nil, jobs > 1, ranges.count > 1 { workers = Workers(count: jobs, transform: resolved) }
                for range in ranges {
                    // Memory stays bounded: at most a batch's worth of input is on its way.
                    while !inFlight.isEmpty, inFlight.count >= 2 * piecesPerBatch || inFlightBytes + range.count > blockSize * jobs {
                        try finishOldest()
                    }
                    let piece = spare.popLast() ?? Piece()
                    piece.output.removeAll(keepingCapacity: true)
                    // Room for about the whole output at once: grown by doubling, a new piece's output touched twice its memory.
                    piece.output.reserveCapacity(range.count + range.count / 8)
                    piece.input = pending.removeFirst(range.count)
                    piece.source = pending
                    pending.readers += 1
                    if let workers {
                        workers.submit(piece)
                    } else {
                        // One job, or one piece so far: convert here.
                        resolved.apply(piece.input, into: &piece.output)
                        piece.done.signal()
                    }
                    inFlight.append(piece)
                    inFlightBytes += range.count
                }
            } while atEnd && !pending.text.isEmpty
            if atEnd || shortRead {
                while !inFlight.isEmpty { try finishOldest() }
            }
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
    /// the same places whatever the block size or number of jobs. The pieces
    /// follow one another from the start of `text`, so each is handed out
    /// from the front of the pending text.
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

/// A piece of the input on its way through a worker, and its output. The
/// worker touches it only between ``ConversionStream/Workers/submit(_:)`` and
/// `done`; the reading thread only after `done`.
private final class Piece: @unchecked Sendable {
    /// Its text, where it lies in `source`.
    var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var source: PendingText?
    var output: [UInt8] = []
    let done = DispatchSemaphore(value: 0)
}

extension ConversionStream {
    /// Threads that convert pieces in the order they are submitted.
    fileprivate final class Workers: @unchecked Sendable {
        private let queue = Locked<[Piece?]>([])
        private let queued = DispatchSemaphore(value: 0)
        private let finished = DispatchGroup()
        private let count: Int

        init(count: Int, transform: Transform) {
            self.count = count
            for _ in 0..<count {
                DispatchQueue.global().async(group: finished) { [self] in
                    while let piece = next() {
                        transform.apply(piece.input, into: &piece.output)
                        piece.done.signal()
                    }
                }
            }
        }

        func submit(_ piece: Piece) {
            queue.withLock { $0.append(piece) }
            queued.signal()
        }

        /// The next piece, or nil when the workers are to stop.
        private func next() -> Piece? {
            queued.wait()
            return queue.withLock { $0.removeFirst() }
        }

        /// Lets each worker finish what was submitted, then stop; returns when all have.
        func stop() {
            for _ in 0..<count {
                queue.withLock { $0.append(nil) }
                queued.signal()
            }
            finished.wait()
        }
    }
}
