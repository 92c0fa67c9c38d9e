import Dispatch

/// Runs a ``TextTransform`` over a stream of any length in constant memory:
/// input is read in blocks, and each piece ends where the transform says its
/// result cannot depend on what follows, so the output does not depend on the
/// block size or the number of jobs.
public struct ConversionStream<Transform: TextTransform>: Sendable {
    public let transform: Transform
    /// How many bytes are read at a time.
    public let blockSize: Int
    /// How many pieces are converted at once, on as many threads.
    public let jobs: Int

    /// ``TextTransform/prepared(forSample:)`` sees this many first bytes.
    static var sampleSize: Int { 1 << 20 }
    /// A run with no safe point at all is cut at the last character boundary
    /// within this many bytes, so memory stays bounded.
    static var longestRun: Int { 1 << 22 }

    public init(_ transform: Transform, blockSize: Int = 1 << 20, jobs: Int = 1) {
        precondition(blockSize > 0 && jobs > 0, "blockSize and jobs must be positive")
        self.transform = transform
        self.blockSize = blockSize
        self.jobs = jobs
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
        let outputs = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: jobs)
        outputs.initialize(repeating: [])
        defer { outputs.deinitialize().deallocate() }
        var atEnd = false
        while !atEnd {
            let count = try read(block)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[..<count]))
            atEnd = count == 0
            if prepared == nil {
                guard atEnd || pending.count >= Self.sampleSize else { continue }
                prepared = pending.withUnsafeBufferPointer {
                    transform.prepared(forSample: UnsafeBufferPointer(rebasing: $0.prefix(Self.sampleSize)))
                }
            }
            guard atEnd || pending.count >= blockSize * jobs else { continue }
            let resolved = prepared!
            let cut = atEnd ? pending.count : Self.cut(pending[...], resolved)
            guard cut > 0 else { continue }
            let pieces = Self.pieces(pending[..<cut], count: jobs, resolved)
            pending.withUnsafeBufferPointer { buffer in
                let work = PieceBuffers(input: buffer, outputs: outputs)
                DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
                    work.outputs[index].removeAll(keepingCapacity: true)
                    resolved.apply(UnsafeBufferPointer(rebasing: work.input[pieces[index]]), into: &work.outputs[index])
                }
            }
            for index in pieces.indices {
                try outputs[index].withUnsafeBufferPointer { try write($0) }
            }
            pending.removeFirst(cut)
        }
    }

    /// Where to end the piece that starts `text`: after its last safe point, or
    /// at a character boundary when a run with none grew too long; 0 to read on.
    static func cut(_ text: ArraySlice<UInt8>, _ transform: Transform) -> Int {
        let safe = text.withUnsafeBufferPointer { transform.safePrefixLength($0) }
        guard safe == 0, text.count > longestRun else { return safe }
        let boundary = text.prefix(longestRun + 1).lastIndex { $0 & 0xC0 != 0x80 }.map { $0 - text.startIndex } ?? 0
        return boundary > 0 ? boundary : longestRun
    }

    /// Splits text that ends at a safe point into at most `count` pieces of about
    /// equal size, each ending at a safe point.
    static func pieces(_ text: ArraySlice<UInt8>, count: Int, _ transform: Transform) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = text.startIndex
        for index in 1..<max(count, 1) {
            let target = text.startIndex + text.count * index / count
            guard target > start else { continue }
            let length = text[start..<target].withUnsafeBufferPointer { transform.safePrefixLength($0) }
            if length > 0 {
                ranges.append(start..<start + length)
                start += length
            }
        }
        ranges.append(start..<text.endIndex)
        return ranges
    }
}

/// The input and the per-piece output buffers of one parallel step: each thread
/// reads the shared input and writes only the output at its own index.
private struct PieceBuffers: @unchecked Sendable {
    let input: UnsafeBufferPointer<UInt8>
    let outputs: UnsafeMutableBufferPointer<[UInt8]>
}
