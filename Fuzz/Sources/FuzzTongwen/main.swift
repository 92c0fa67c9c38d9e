import Tongwen

// One target for every entry point that takes untrusted text. The first byte
// chooses the operation and its options; the rest is the input. Beyond "no
// crash, no memory error", each operation checks a property that must hold
// for any input.

let targets = Target.allCases
let converters = targets.map { Converter(target: $0) }
let repair = WebTextRepair()
let normalizer = TextNormalizer(options: .matching)
let matcher = NameMatcher()
let extractor = NameExtractor()

/// The output of `transform` over `input` read through a stream `blockSize` bytes at a time.
func streamed<Transform: TextTransform>(_ transform: Transform, _ input: UnsafeBufferPointer<UInt8>, blockSize: Int, jobs: Int) -> [UInt8] {
    var offset = 0
    var output: [UInt8] = []
    try! ConversionStream(transform, blockSize: blockSize, jobs: jobs).run(
        read: { buffer in
            let count = min(buffer.count, input.count - offset)
            buffer.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[offset..<offset + count])))
            offset += count
            return count
        },
        write: { output.append(contentsOf: $0) }
    )
    return output
}

/// Streaming in small blocks and on several jobs gives what one call gives.
func checkStreaming<Transform: TextTransform>(_ transform: Transform, _ input: UnsafeBufferPointer<UInt8>, blockSize: Int) {
    var whole: [UInt8] = []
    transform.prepared(forSample: input).apply(input, into: &whole)
    // Several jobs now and then: waking threads costs more than the rest.
    let pieces = streamed(transform, input, blockSize: blockSize, jobs: blockSize % 8 == 7 ? 2 : 1)
    precondition(pieces == whole, "streamed output differs from the whole (block size \(blockSize))")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let selector = Int(start[0])
    let input = UnsafeBufferPointer(start: start + 1, count: count - 1)
    // Blocks from 1 byte up; at most about 64 reads, since a stream rescans
    // what it holds at every read and tiny blocks over long lines cost n².
    let blockSize = max(1 + selector / 6, input.count / 64)
    switch selector % 6 {
    case 0:
        let converter = converters[(selector / 6) % converters.count]
        var output: [UInt8] = []
        converter.convert(input, into: &output)
        checkStreaming(converter, input, blockSize: blockSize)
    case 1:
        checkStreaming(repair, input, blockSize: blockSize)
    case 2:
        checkStreaming(normalizer, input, blockSize: blockSize)
    case 3:
        let text = String(decoding: input, as: UTF8.self)
        let key = matcher.key(text)
        precondition(matcher.key(text) == key, "name keys must be stable")
        _ = matcher.compare(text, "马兴瑞")
    case 4:
        _ = extractor.extract(String(decoding: input, as: UTF8.self))
    default:
        // A dictionary either parses or says which line is wrong; one that parses converts.
        if let dictionary = try? UserDictionary(text: String(decoding: input, as: UTF8.self), name: "fuzz.txt") {
            _ = Converter(target: .tw, dictionaries: [dictionary]).convert("于书记说软件")
        }
    }
    return 0
}
