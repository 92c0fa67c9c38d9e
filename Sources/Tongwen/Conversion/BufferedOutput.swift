/// An output array with a small buffer in front of it. A stage writes a
/// converted character, or the short run of unchanged bytes before one, at a
/// time; appending each to the array costs a uniqueness check and a call to
/// `memcpy`, while here it is a store or two, and the buffer reaches the
/// array a kilobyte at a time.
///
/// Made with ``withBufferedOutput(appendingTo:_:)``, which lends the array to
/// it for the duration.
struct BufferedOutput: ~Copyable {
    static let capacity = 1024
    private var array: [UInt8]
    private let buffer: UnsafeMutablePointer<UInt8>
    private var buffered = 0
    /// The array's count, kept here so that ``count`` reads no array header.
    private var flushed: Int

    private init(buffer: UnsafeMutablePointer<UInt8>) {
        array = []
        self.buffer = buffer
        flushed = 0
    }

    /// The bytes written so far, the array's included.
    var count: Int {
        @inline(__always) get { flushed &+ buffered }
    }

    /// Appends `count` bytes from `source`.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count: Int) {
        guard count <= 16, buffered &+ 16 <= Self.capacity else { return appendLong(source, count: count) }
        let target = UnsafeMutableRawPointer(buffer + buffered)
        let from = UnsafeRawPointer(source)
        // Up to 16 bytes as two (possibly overlapping) loads and stores of each size.
        if count >= 8 {
            target.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            target.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            target.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4, as: UInt32.self)
        } else {
            for index in 0..<count { buffer[buffered &+ index] = source[index] }
        }
        buffered &+= count
    }

    /// A run too long for the short copy, or one that may not fit: more than
    /// half the buffer goes to the array directly, after what is buffered.
    @inline(never)
    private mutating func appendLong(_ source: UnsafePointer<UInt8>, count: Int) {
        if count > Self.capacity / 2 {
            flush()
            array.append(contentsOf: UnsafeBufferPointer(start: source, count: count))
            flushed += count
            return
        }
        if buffered + count > Self.capacity { flush() }
        (buffer + buffered).update(from: source, count: count)
        buffered += count
    }

    /// Appends the low `count` bytes of `packed`, first byte lowest, for `count` up to 4.
    @inline(__always)
    mutating func append(packed: UInt32, count: Int) {
        if buffered &+ 4 > Self.capacity { flush() }
        UnsafeMutableRawPointer(buffer + buffered).storeBytes(of: UInt32(littleEndian: packed), as: UInt32.self)
        buffered &+= count
    }

    /// Drops what was written from `count` on.
    mutating func removeAll(from count: Int) {
        if count >= flushed {
            buffered = count - flushed
        } else {
            buffered = 0
            array.removeSubrange(count...)
            flushed = count
        }
    }

    /// Calls `body` with all the output holds, the lent array's bytes first,
    /// then empties it: for output that is read at once, as a chain's next
    /// stage reads a stage's.
    mutating func drain(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if flushed == 0 {
            body(UnsafeBufferPointer(start: buffer, count: buffered))
        } else {
            flush()
            array.withUnsafeBufferPointer(body)
        }
        removeAll(from: 0)
    }

    private mutating func flush() {
        array.append(contentsOf: UnsafeBufferPointer(start: buffer, count: buffered))
        flushed += buffered
        buffered = 0
    }

    /// Lends `output` to a buffered output for the duration of `body`. The
    /// array is swapped in and out, never copied: the output's only
    /// reference stays the only one, so appending to it copies nothing.
    fileprivate static func lending(_ output: inout [UInt8], buffer: UnsafeMutablePointer<UInt8>, _ body: (inout BufferedOutput) -> Void) {
        var writer = BufferedOutput(buffer: buffer)
        swap(&writer.array, &output)
        writer.flushed = writer.array.count
        body(&writer)
        writer.flush()
        swap(&writer.array, &output)
    }
}

/// Runs `body` with a buffered output that appends to `output`.
@inline(__always)
func withBufferedOutput(appendingTo output: inout [UInt8], _ body: (inout BufferedOutput) -> Void) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: BufferedOutput.capacity) { buffer in
        BufferedOutput.lending(&output, buffer: buffer.baseAddress!, body)
    }
}
