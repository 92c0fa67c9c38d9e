/// Immutable bytes that compiled tables point into: either the archive embedded
/// in the binary or a buffer built at run time (user dictionaries).
final class TableStorage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    private let owned: UnsafeMutableRawPointer?

    /// Wraps memory that lives as long as the process (the embedded archive).
    init(staticBytes: UnsafeRawPointer, count: Int) {
        self.base = staticBytes
        self.count = count
        self.owned = nil
    }

    /// Copies `bytes` into 16-byte aligned memory owned by this object.
    init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        self.base = UnsafeRawPointer(memory)
        self.count = bytes.count
        self.owned = memory
    }

    deinit { owned?.deallocate() }
}

/// Reads little-endian sections from a byte buffer, each aligned to 4 bytes.
struct ByteReader {
    let base: UnsafeRawPointer
    let end: Int
    var offset: Int

    struct Truncated: Error {}

    mutating func uint32() throws(Truncated) -> UInt32 {
        guard offset + 4 <= end else { throw Truncated() }
        defer { offset += 4 }
        return base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    }

    /// Returns a pointer to `count` elements and skips past them, keeping 4-byte alignment.
    mutating func array<T>(of type: T.Type, count: Int) throws(Truncated) -> UnsafePointer<T> {
        let size = count * MemoryLayout<T>.stride
        guard offset + size <= end else { throw Truncated() }
        defer { offset += (size + 3) & ~3 }
        return (base + offset).assumingMemoryBound(to: T.self)
    }
}

/// Writes what ``ByteReader`` reads.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func array<T: FixedWidthInteger>(_ values: [T]) {
        for value in values {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        align(to: 4)
    }

    mutating func align(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}
