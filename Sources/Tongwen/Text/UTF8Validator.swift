/// Checks a stream of bytes for valid UTF-8 as it arrives, in pieces of any
/// size, and finds the offset of the first invalid sequence: a stray
/// continuation byte, an overlong form, a surrogate, a code point above
/// U+10FFFF, a sequence cut short by the next lead byte or by the end.
public struct UTF8Validator: Sendable {
    /// Bytes seen so far.
    public private(set) var offset = 0
    /// Where the sequence being read started, and how many continuation bytes it still needs.
    private var sequenceStart = 0
    private var needed = 0
    /// The range the next continuation byte must fall in (narrower after E0, ED, F0, F4).
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    public init() {}

    /// Reads `bytes`; returns the offset in the whole stream of the first
    /// invalid sequence, or nil while everything is valid.
    public mutating func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for byte in bytes {
            defer { offset += 1 }
            if needed > 0 {
                guard (low...high).contains(byte) else { return sequenceStart }
                needed -= 1
                (low, high) = (0x80, 0xBF)
                continue
            }
            sequenceStart = offset
            switch byte {
            case 0x00...0x7F: continue
            case 0xC2...0xDF: needed = 1
            case 0xE0: needed = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: needed = 2
            case 0xED: needed = 2; high = 0x9F
            case 0xF0: needed = 3; low = 0x90
            case 0xF1...0xF3: needed = 3
            case 0xF4: needed = 3; high = 0x8F
            default: return offset
            }
        }
        return nil
    }

    /// At the end of the stream: the offset of a sequence left unfinished, or nil.
    public func finish() -> Int? { needed > 0 ? sequenceStart : nil }
}
