import Testing
@testable import Tongwen

/// The decoder's scans, against byte-by-byte answers.
struct UTF8DecodingTests {
    /// Every start and end in text where a non-ASCII byte stands at each
    /// place of an eight-byte word, and past the last whole word.
    @Test(arguments: [0, 1, 5, 7, 8, 9, 15, 16, 22, 23])
    func endOfASCIIIsTheFirstByteWithItsEighthBitSet(at place: Int) {
        var bytes = [UInt8](repeating: 0x61, count: 24)
        bytes[place] = 0xE6
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0...buffer.count {
                for end in start...buffer.count {
                    let expected = (start..<end).first { buffer[$0] >= 0x80 } ?? end
                    #expect(UTF8Decoding.endOfASCII(buffer.baseAddress!, from: start, end: end) == expected, "start \(start), end \(end)")
                }
            }
        }
    }
}
