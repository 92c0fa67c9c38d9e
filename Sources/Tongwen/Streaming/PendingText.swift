/// Text read and not yet converted, in memory that never moves, so that
/// worker threads convert pieces of it where they lie: reading appends after
/// ``end``, handing out pieces moves ``start``. When a block no longer fits,
/// what is left moves to another buffer, and this one is kept until no piece
/// reads from it.
final class PendingText: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Where the text not yet handed out begins.
    private(set) var start = 0
    /// Where the text read so far ends.
    private(set) var end = 0
    /// How many pieces handed out still read from this buffer; kept by the
    /// reading thread alone, which hands them out and collects them.
    var readers = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// The text not yet handed out.
    var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + start, count: end - start) }

    /// How many bytes fit after the end.
    var room: Int { capacity - end }

    /// Appends what `read` puts into the room after the end, and returns its count.
    func append(upTo count: Int, _ read: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> Int {
        let read = try read(UnsafeMutableRawBufferPointer(start: base + end, count: min(count, room)))
        end += read
        return read
    }

    /// Hands out the first `count` bytes of the text.
    func removeFirst(_ count: Int) -> UnsafeBufferPointer<UInt8> {
        defer { start += count }
        return UnsafeBufferPointer(start: base + start, count: count)
    }

    /// Starts over with `text` (which may not lie in this buffer).
    func replace(with text: UnsafeBufferPointer<UInt8>) {
        precondition(text.count <= capacity && readers == 0)
        if let source = text.baseAddress { base.update(from: source, count: text.count) }
        start = 0
        end = text.count
    }
}
