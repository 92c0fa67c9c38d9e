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

    /// Every combination of lead, continuation, ASCII and other bytes in the
    /// three places, with the bytes ending after the third (read one by one)
    /// or with a fourth readable (read as one word).
    @Test(arguments: [3, 4])
    func threeByteScalarTakesALeadAndTwoContinuationBytes(readable: Int) {
        let samples: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xFF]
        for lead in samples {
            for second in samples {
                for third in samples {
                    let bytes = [lead, second, third, 0xE4]
                    let expected: UInt32? = lead & 0xF0 == 0xE0 && second & 0xC0 == 0x80 && third & 0xC0 == 0x80
                        ? UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F) : nil
                    bytes.withUnsafeBufferPointer { buffer in
                        #expect(UTF8Decoding.threeByteScalar(buffer.baseAddress!, at: 0, end: readable) == expected, "\(bytes)")
                        #expect(UTF8Decoding.threeByteScalar(buffer.baseAddress!, at: 0, end: 2) == nil, "\(bytes) cut after two")
                    }
                }
            }
        }
    }
}
