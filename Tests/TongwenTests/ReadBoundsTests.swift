import Glibc
import Testing
@testable import Tongwen

/// The scans read words of eight and sixteen bytes and look ahead of a
/// character; none may read past the text. Here the text ends where an
/// unreadable page begins, so that a read past it ends the test run at once,
/// as AddressSanitizer in the fuzzer would report it.
struct ReadBoundsTests {
    /// Calls `body` with `bytes` placed so that the byte after them is the
    /// first of a page that cannot be read.
    func withBytesBeforeAGuardPage<Result>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let region = mmap(nil, 2 * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        defer { munmap(region, 2 * pageSize) }
        precondition(region != MAP_FAILED && mprotect(region + pageSize, pageSize, PROT_NONE) == 0, "no guard page")
        let start = region.assumingMemoryBound(to: UInt8.self) + pageSize - bytes.count
        start.update(from: bytes, count: bytes.count)
        return body(UnsafeBufferPointer(start: start, count: bytes.count))
    }

    /// ASCII, CJK characters of phrases, names and regional variants, full-width
    /// punctuation, a CJK compatibility ideograph, a four-byte character, and
    /// bytes that are not UTF-8 (a lead without its continuation bytes).
    let pieces: [[UInt8]] = ["a", " ", "-", "S", "中", "国", "软", "件", "张", "栋", "梁", "启", "，", "着", "里", "\u{F900}", "𠀀"].map { Array($0.utf8) }
        + [[0xE4], [0xE4, 0xB8], [0x80], [0xFF]]

    @Test(arguments: Target.allCases)
    func conversionReadsNoFurtherThanTheText(target: Target) {
        let converter = Converter(target: target)
        var generator = SystemRandomNumberGenerator()
        for length in 0..<48 {
            for _ in 0..<8 {
                var text: [UInt8] = []
                while text.count < length { text += pieces.randomElement(using: &generator)! }
                var expected: [UInt8] = []
                text.withUnsafeBufferPointer { converter.convert($0, into: &expected) }
                let output = withBytesBeforeAGuardPage(text) { bytes in
                    var output: [UInt8] = []
                    converter.convert(bytes, into: &output)
                    return output
                }
                #expect(output == expected, "\(text)")
            }
        }
    }
}
