import Testing
@testable import Tongwen
import TongwenTestSupport

struct ConversionStreamTests {
    @Test(arguments: [1, 2, 7, 4093, 65537])
    func outputDoesNotDependOnBlockSize(blockSize: Int) throws {
        let seed = Array(try Repository.text("seeds/000_1bf7682267f199a3.txt").utf8)
        for converter in [Converter(target: .tw), Converter(target: .hans), Converter(config: .s2twp)] {
            var whole: [UInt8] = []
            converter.convert(seed, into: &whole)
            #expect(try streamed(seed, through: converter, blockSize: blockSize) == whole)
        }
    }

    @Test(arguments: [OpenCCConfig.s2twp, .s2tw, .s2hk])
    func randomTextWithoutNewlinesStreamsTheSame(config: OpenCCConfig) throws {
        var generator = SystemRandomNumberGenerator()
        // Characters, and names the regional variants' phrases hold (張棟樑),
        // which send the stretch around them through the whole config, beside
        // one that converts another way alone (集合).
        let pieces = "中国人民发展干部头发后面里面软件鼠标 ,.-B超\u{FEFF}".unicodeScalars.map(String.init) + ["张栋梁", "林国樑", "字符集合中"]
        let input = Array((0..<20_000).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
        let converter = Converter(config: config)
        var whole: [UInt8] = []
        converter.convert(input, into: &whole)
        for blockSize in [1, 3, 1000, Int.random(in: 1...5000)] {
            #expect(try streamed(input, through: converter, blockSize: blockSize) == whole, "block size \(blockSize)")
        }
    }

    @Test(arguments: [2, 3, 8])
    func parallelPiecesGiveTheSameBytes(jobs: Int) throws {
        let seed = Array(try Repository.text("seeds/000_1bf7682267f199a3.txt").utf8)
        let input = Array(repeatElement(seed, count: 8).joined())
        for converter in [Converter(target: .tw), Converter(config: .s2twp)] {
            var whole: [UInt8] = []
            converter.convert(input, into: &whole)
            for blockSize in [1000, 4093, 65537] {
                #expect(try streamed(input, through: converter, blockSize: blockSize, jobs: jobs) == whole, "block \(blockSize)")
            }
        }
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        #expect(try streamed([], through: Converter(target: .tw), blockSize: 16).isEmpty)
    }

    /// Text with no newline and no ASCII is cut by length alone; those cuts
    /// must fall in the same places for every block size and number of jobs.
    @Test func forcedCutsDoNotDependOnBlocksOrJobs() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("中国人民发展干部头发后面里面软件鼠标，。".unicodeScalars)
        var text = String.UnicodeScalarView()
        for _ in 0..<6_000 { text.append(alphabet.randomElement(using: &generator)!) }
        let input = Array(String(text).utf8)
        let converter = Converter(target: .tw)
        let reference = try streamed(input, through: converter, blockSize: input.count, longestRun: 1000)
        #expect(String(decoding: reference, as: UTF8.self).unicodeScalars.count == 6_000)
        for (blockSize, jobs) in [(1, 1), (7, 2), (999, 3), (1000, 2), (4093, 4), (Int.random(in: 1...3000), Int.random(in: 1...4))] {
            #expect(try streamed(input, through: converter, blockSize: blockSize, jobs: jobs, longestRun: 1000) == reference, "block \(blockSize), jobs \(jobs)")
        }
    }

    /// Found by fuzzing: the weighing window stepped back from 硬 over a stray
    /// continuation byte onto the `/` before it and on into 體表, so the cut
    /// after `/` changed the output (硬体 whole, 硬件 in pieces).
    @Test func theWeighingWindowNeverLooksBackAcrossASafePoint() throws {
        let input: [UInt8] = Array("體表/".utf8) + [0xBC] + Array("硬體表s".utf8)
        let converter = Converter(target: .cn, from: .tw)
        let expected: [UInt8] = Array("体表/".utf8) + [0xBC] + Array("硬件表s".utf8)
        #expect(try streamed(input, through: converter, blockSize: input.count) == expected)
        #expect(try streamed(input, through: converter, blockSize: input.count, jobs: 2) == expected)
    }

    /// Random text with what each transform works on: glued pinyin, lost
    /// GBK bytes, full-width letters, variants, spaces, CR LF, invalid bytes.
    func randomText(lines: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = ["协(xié)", "?xùn)|", "汉字", "軟體", "ＡＢＣ", "　", " \t ", "马·兴瑞", "\r\n", "\n", "后面", "﨑", "abc"].map { Array($0.utf8) }
            + [[0xFF], [0xE6, 0xB1], [0xEF, 0xBB, 0xBF]]
        var text: [UInt8] = []
        for _ in 0..<lines {
            for _ in 0..<Int.random(in: 0...30, using: &generator) { text += pieces.randomElement(using: &generator)! }
            text.append(0x0A)
        }
        return text
    }

    @Test(arguments: [1, 2, 7, 4093, 65537, 0])
    func everyTransformStreamsTheSame(blockSize: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let input = randomText(lines: 300, using: &generator)
        let size = blockSize == 0 ? Int.random(in: 1...10_000, using: &generator) : blockSize
        func check<Transform: TextTransform>(_ transform: Transform, _ name: String) throws {
            var whole: [UInt8] = []
            input.withUnsafeBufferPointer { transform.prepared(forSample: $0).apply($0, into: &whole) }
            for jobs in [1, 3] {
                #expect(try streamed(input, through: transform, blockSize: size, jobs: jobs) == whole, "\(name), block \(size), jobs \(jobs)")
            }
        }
        try check(WebTextRepair(), "repair")
        try check(TextNormalizer(options: .matching), "normalize")
        try check(try Transliterator(id: "Han-Latin"), "transform Han-Latin")
        try check(Converter(target: .tw), "convert --to tw")
        try check(Converter(target: .hans), "convert --to hans")
        try check(TransformChain(WebTextRepair(), Converter(target: .hk)), "repair then --to hk")
    }
}
