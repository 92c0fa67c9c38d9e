@testable import Tongwen
import Testing

/// A buffered output writes exactly what appending to the array would.
struct BufferedOutputTests {
    @Test func writesWhatTheArrayWouldInAnyMixOfWrites() {
        var generator = SystemRandomNumberGenerator()
        let source = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 >> 8) }
        for _ in 0..<200 {
            let start = (0..<Int.random(in: 0...20, using: &generator)).map { UInt8($0) }
            var expected = start
            var output = start
            // Taking back never reaches into the array's own bytes, until a drain has taken them.
            var kept = start.count
            withBufferedOutput(appendingTo: &output) { writer in
                for _ in 0..<Int.random(in: 0...300, using: &generator) {
                    switch Int.random(in: 0..<11, using: &generator) {
                    case 0:
                        // Runs longer than the buffer, and longer than half of it.
                        let count = Int.random(in: 0...source.count, using: &generator)
                        source.withUnsafeBufferPointer { writer.append($0.baseAddress!, count: count) }
                        expected += source[..<count]
                    case 1...5:
                        let offset = Int.random(in: 0..<source.count - 16, using: &generator)
                        let count = Int.random(in: 0...16, using: &generator)
                        source.withUnsafeBufferPointer { writer.append($0.baseAddress! + offset, count: count) }
                        expected += source[offset..<offset + count]
                    case 6...8:
                        let packed = UInt32.random(in: 0...UInt32.max, using: &generator)
                        let count = Int.random(in: 0...4, using: &generator)
                        writer.append(packed: packed, count: count)
                        expected += (0..<count).map { UInt8(truncatingIfNeeded: packed >> ($0 * 8)) }
                    case 9:
                        // A drain hands over all the output holds and empties it.
                        var drained: [UInt8] = []
                        writer.drain { drained = Array($0) }
                        #expect(drained == expected)
                        expected = []
                        kept = 0
                    default:
                        // Taking back the last few bytes, or more than the buffer holds.
                        let back = Int.random(in: 0...(Bool.random(using: &generator) ? 12 : 3000), using: &generator)
                        let count = max(kept, expected.count - back)
                        writer.removeAll(from: count)
                        expected.removeSubrange(count...)
                    }
                    #expect(writer.count == expected.count)
                }
            }
            #expect(output == expected)
        }
    }
}
