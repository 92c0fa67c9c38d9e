/// Converts a stream of any length in constant memory: input is read in blocks,
/// and each converted piece ends at a point no key or segment can span (see
/// ``Converter``), so the output does not depend on the block size.
public struct ConversionStream: Sendable {
    public let converter: Converter
    /// How many bytes are read at a time.
    public let blockSize: Int

    /// An `auto` source is decided on this many first bytes.
    static let sampleSize = 1 << 20
    /// A run with no safe point at all is cut at the last character boundary
    /// within this many bytes, so memory stays bounded.
    static let longestRun = 1 << 22

    public init(converter: Converter, blockSize: Int = 1 << 20) {
        precondition(blockSize > 0, "blockSize must be positive")
        self.converter = converter
        self.blockSize = blockSize
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
        var output: [UInt8] = []
        var converter: Converter?
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        var atEnd = false
        while !atEnd {
            let count = try read(block)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[..<count]))
            atEnd = count == 0
            if converter == nil {
                guard atEnd || pending.count >= Self.sampleSize else { continue }
                converter = pending.withUnsafeBufferPointer {
                    self.converter.resolvingSource(sample: UnsafeBufferPointer(rebasing: $0.prefix(Self.sampleSize)))
                }
            }
            var cut = atEnd ? pending.count : pending.withUnsafeBufferPointer { converter!.safePrefixLength($0) }
            if cut == 0, pending.count > Self.longestRun {
                cut = pending[...Self.longestRun].lastIndex { $0 & 0xC0 != 0x80 } ?? Self.longestRun
                if cut == 0 { cut = Self.longestRun }
            }
            guard cut > 0 else { continue }
            output.removeAll(keepingCapacity: true)
            pending.withUnsafeBufferPointer { converter!.convert(UnsafeBufferPointer(rebasing: $0[..<cut]), into: &output) }
            try output.withUnsafeBufferPointer { try write($0) }
            pending.removeFirst(cut)
        }
    }
}
