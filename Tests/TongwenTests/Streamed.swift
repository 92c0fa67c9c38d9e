@testable import Tongwen

/// The output of `transform` over `input` read through a stream `blockSize`
/// bytes at a time on `jobs` threads, as a pipe would deliver it.
func streamed<Transform: TextTransform>(_ input: [UInt8], through transform: Transform, blockSize: Int, jobs: Int = 1,
                                        longestRun: Int = 1 << 20) throws -> [UInt8] {
    var offset = 0
    var output: [UInt8] = []
    try ConversionStream(transform, blockSize: blockSize, jobs: jobs, longestRun: longestRun).run(
        read: { buffer in
            let count = min(buffer.count, input.count - offset)
            buffer.copyBytes(from: input[offset..<offset + count])
            offset += count
            return count
        },
        write: { output.append(contentsOf: $0) }
    )
    return output
}
