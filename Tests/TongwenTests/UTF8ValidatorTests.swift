import Testing
@testable import Tongwen

/// `--strict`'s check: the first invalid sequence, wherever the pieces end.
struct UTF8ValidatorTests {
    /// Feeds `bytes` in pieces of the given sizes (cycled) and returns the first invalid offset.
    func firstInvalid(_ bytes: [UInt8], pieces: [Int]) -> Int? {
        var validator = UTF8Validator()
        var offset = 0
        var index = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + pieces[index % pieces.count])
            if let invalid = bytes[offset..<end].withUnsafeBufferPointer({ validator.check($0) }) { return invalid }
            offset = end
            index += 1
        }
        return validator.finish()
    }

    /// The first byte the hot path's decoder calls invalid.
    func reference(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            while position < buffer.count {
                let (scalar, length) = UTF8Decoding.decode(buffer.baseAddress!, at: position, end: buffer.count)
                if scalar == UTF8Decoding.invalidScalar { return position }
                position += length
            }
            return nil
        }
    }

    @Test(arguments: [
        ([0x41, 0xE6, 0xB1, 0x89], nil),
        ([0x41, 0x80], 1),                // stray continuation byte
        ([0xC0, 0xAF], 0),                // overlong /
        ([0xE0, 0x80, 0xAF], 0),          // overlong, three bytes
        ([0xED, 0xA0, 0x80], 0),          // a UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),    // above U+10FFFF
        ([0xE6, 0xB1, 0x41], 0),          // cut short by the next character
        ([0x41, 0xE6, 0xB1], 1),          // cut short by the end
        ([0xF0, 0x9F, 0x98, 0x80, 0xFF], 4),
    ] as [([UInt8], Int?)])
    func findsTheFirstInvalidSequence(bytes: [UInt8], expected: Int?) {
        for pieces in [[1], [2], [3], [bytes.count + 1]] {
            #expect(firstInvalid(bytes, pieces: pieces) == expected, "pieces \(pieces)")
        }
    }

    @Test func agreesWithTheDecoderOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [[0x41], [0x0A], [0xE6, 0xB1, 0x89], [0xF0, 0x9F, 0x98, 0x80], [0xC3, 0xA9], [0x80], [0xE6], [0xF4, 0x90], [0xC0]]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                // Mostly valid text, now and then a bad byte.
                let index = Int.random(in: 0..<100, using: &generator) < 90 ? Int.random(in: 0...4, using: &generator) : Int.random(in: 5...8, using: &generator)
                bytes += alphabet[index]
            }
            let pieces = (0..<3).map { _ in Int.random(in: 1...5, using: &generator) }
            #expect(firstInvalid(bytes, pieces: pieces) == reference(bytes), "\(bytes) in pieces \(pieces)")
        }
    }

    /// The segmentation's decoding, three-byte form first, reads every
    /// sequence of a three-byte lead as the decoder does: the overlong and
    /// surrogate forms as one invalid byte, and at the end of the text too.
    @Test func threeByteFirstDecodesAsTheDecoder() {
        var mismatches = 0
        for lead in UInt8(0xE0)...0xEF {
            for second in UInt8(0)...0xFF {
                for third in UInt8(0)...0xFF {
                    let bytes = [lead, second, third]
                    for end in 1...3 {
                        let first = UTF8Decoding.decodeThreeByteFirst(bytes, at: 0, end: end)
                        let full = UTF8Decoding.decode(bytes, at: 0, end: end)
                        if first.scalar != full.scalar || first.length != full.length { mismatches += 1 }
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }
}
