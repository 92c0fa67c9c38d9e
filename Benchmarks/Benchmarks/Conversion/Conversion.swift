import Benchmark
import Foundation
import Tongwen

/// The seed article repeated to about 1 MB, converted Simplified to Traditional.
let corpus: [UInt8] = {
    let seed = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds/000_1bf7682267f199a3.txt")
    let text = Converter(config: .t2s).convert(try! String(contentsOf: seed, encoding: .utf8))
    let bytes = Array(text.utf8)
    return Array((0..<(1_000_000 / bytes.count + 1)).lazy.flatMap { _ in bytes })
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock, .peakMemoryResident], maxDuration: .seconds(5))

    // The default segmentation against OpenCC's longest match, on the same text.
    for segmentation in Segmentation.allCases {
        Benchmark("s2t 1 MB \(segmentation.rawValue)", configuration: .init(scalingFactor: .one)) { benchmark in
            let converter = Converter(config: .s2t, segmentation: segmentation)
            var output: [UInt8] = []
            output.reserveCapacity(corpus.count * 2)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                output.removeAll(keepingCapacity: true)
                converter.convert(corpus, into: &output)
                blackHole(output)
            }
        }
    }
}
