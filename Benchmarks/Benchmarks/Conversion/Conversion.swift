import Benchmark
import Foundation
import Tongwen

/// The repository's root, four folders up from this file.
let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The text to convert: the peer-comparison corpus when `TONGWEN_CORPUS` names
/// it (`Scripts/compare-peers --keep-corpus FILE` writes it), else the seed
/// article in Simplified repeated to about 1 MB.
let corpus: [UInt8] = {
    if let path = ProcessInfo.processInfo.environment["TONGWEN_CORPUS"] {
        return Array(FileManager.default.contents(atPath: path)!)
    }
    let seed = try! String(contentsOf: root.appendingPathComponent("seeds/000_1bf7682267f199a3.txt"), encoding: .utf8)
    let bytes = Array(Converter(config: .t2s).convert(seed).utf8)
    return Array((0..<(1_000_000 / bytes.count + 1)).lazy.flatMap { _ in bytes })
}()

let traditionalCorpus = Converter(config: .s2t).convert(String(decoding: corpus, as: UTF8.self))

/// Names as people write them: both scripts, with titles, romanized in several styles.
let names: [String] = {
    let forms = ["马兴瑞", "馬興瑞", "Ma Xingrui", "MA Xing-rui", "廣東省省長馬興瑞", "Xingrui Ma", "覃振华", "单田芳", "曾国藩",
                 "尉迟恭", "于书记", "钟先生", "周杰伦", "欧阳修", "司马光", "Zhang San", "李明", "王小丽", "諸葛亮", "范主任"]
    return Array(repeatElement(forms, count: 50).joined())
}()

/// A stream of `count` bytes of Chinese text with no newline and no ASCII at all.
func withoutNewlines(count: Int) -> (UnsafeMutableRawBufferPointer) -> Int {
    let pattern = Array("汉字转换软件和硬件头发发展干部，".utf8)
    var produced = 0
    return { buffer in
        let length = min(buffer.count / pattern.count * pattern.count, count - produced)
        for offset in stride(from: 0, to: length, by: pattern.count) {
            pattern.withUnsafeBytes { buffer.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: pattern.count) }
        }
        produced += length
        return length
    }
}

/// Converts `input` at every iteration, into a buffer reused from one to the next.
func measure(_ converter: Converter, on input: [UInt8]) -> (Benchmark) -> Void {
    { benchmark in
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            output.removeAll(keepingCapacity: true)
            converter.convert(input, into: &output)
            blackHole(output)
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock, .peakMemoryResident], maxDuration: .seconds(5))

    // Throughput per target, each on text in the other script.
    for target in Target.allCases {
        let input = [Target.hans, .cn].contains(target) ? Array(traditionalCorpus.utf8) : corpus
        let converter = input.withUnsafeBufferPointer { Converter(target: target).resolvingSource(sample: $0) }
        Benchmark("convert --to \(target.rawValue), \(input.count / 1000) kB", configuration: .init(scalingFactor: .one),
                  closure: measure(converter, on: input))
    }

    // The default segmentation against OpenCC's longest match, on the same text.
    for segmentation in Segmentation.allCases {
        Benchmark("s2t \(corpus.count / 1000) kB \(segmentation.rawValue)", configuration: .init(scalingFactor: .one),
                  closure: measure(Converter(config: .s2t, segmentation: segmentation), on: corpus))
    }

    // Short texts through a new converter each, source detected: the plan is
    // built for every text, so building it must stay cheap.
    Benchmark("short texts, a converter each", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(Converter(target: .hant).convert(names[index % names.count]))
        }
    }

    // Goal: at least a million names a second (throughput is in names).
    Benchmark("name keys", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let matcher = NameMatcher()
        for index in benchmark.scaledIterations {
            blackHole(matcher.key(names[index % names.count]))
        }
    }

    // Goal: peak memory at most 50 MB for any input; 200 MB with no newline here.
    Benchmark("stream 200 MB without newlines", configuration: .init(metrics: [.peakMemoryResident, .wallClock], maxIterations: 1)) { benchmark in
        let stream = ConversionStream(Converter(target: .hant, from: .hans), jobs: ProcessInfo.processInfo.activeProcessorCount)
        try stream.run(read: withoutNewlines(count: 200_000_000)) { blackHole($0.count) }
    }

    // Goal: a tenth of OpenCC's CLI. Runs the release binary: swift build -c release in the root first.
    let binary = root.appendingPathComponent(".build/release/tongwen")
    if FileManager.default.isExecutableFile(atPath: binary.path) {
        Benchmark("start-up: echo 汉字 | tongwen convert --to hant", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(3))) { benchmark in
            for _ in benchmark.scaledIterations {
                let process = Process()
                process.executableURL = binary
                process.arguments = ["convert", "--to", "hant"]
                let input = Pipe()
                process.standardInput = input
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                input.fileHandleForWriting.write(Data("汉字\n".utf8))
                try input.fileHandleForWriting.close()
                process.waitUntilExit()
            }
        }
    }
}
