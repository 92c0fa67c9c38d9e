import Tongwen

/// Reads one input as UTF-8: as it is, or decoded from a legacy encoding
/// (given, or detected on the first megabyte with `auto`).
final class InputReader {
    private let file: InputFile
    private let requested: String
    private let lenient: Bool
    /// With `strict`, UTF-8 input is checked as it is read.
    private var validator: UTF8Validator?
    private var decoder: LegacyDecoder?
    private var decided = false
    /// Raw bytes read but not yet handed out (the detection sample).
    private var raw: [UInt8] = []
    /// Decoded bytes not yet handed out.
    private var ready: [UInt8] = []
    private var readyStart = 0
    private var atEnd = false
    /// Hears of every raw byte read.
    var progress: ProgressBar?

    static let sampleSize = 1 << 20
    /// Non-ASCII bytes enough to tell UTF-8 from a legacy encoding.
    static let sampleNonASCII = 1024

    /// Where the encoding sample ends: after its ``sampleNonASCII``th non-ASCII
    /// byte; nil while there are fewer. A measure of content, so that a live
    /// pipe is decided as soon as that much has come, the same way as a file.
    static func sampleEnd(_ raw: [UInt8]) -> Int? {
        var seen = 0
        for (offset, byte) in raw.enumerated() where byte >= 0x80 {
            seen += 1
            if seen == sampleNonASCII { return offset + 1 }
        }
        return nil
    }

    init(file: InputFile, encoding: String, lenient: Bool, strict: Bool = false) {
        self.file = file
        self.requested = encoding
        self.lenient = lenient
        validator = strict ? UTF8Validator() : nil
    }

    /// The encoding in use, once decided.
    private(set) var encoding: TextEncoding?

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !decided { try decide() }
        guard let decoder else {
            // UTF-8: hand out the sample first, then read straight through.
            let count: Int
            if !raw.isEmpty {
                count = min(buffer.count, raw.count)
                buffer.copyBytes(from: raw[..<count])
                raw.removeFirst(count)
            } else {
                count = try readFile(into: buffer)
            }
            try validate(UnsafeRawBufferPointer(rebasing: buffer[..<count]), atEnd: count == 0)
            return count
        }
        while readyStart == ready.count && !atEnd {
            ready.removeAll(keepingCapacity: true)
            readyStart = 0
            var chunk = raw
            raw = []
            if chunk.isEmpty {
                chunk = [UInt8](repeating: 0, count: buffer.count)
                let count = try chunk.withUnsafeMutableBytes { try readFile(into: $0) }
                chunk.removeLast(chunk.count - count)
                atEnd = count == 0
            }
            do {
                try chunk.withUnsafeBufferPointer { try decoder.decode($0, final: atEnd, into: &ready) }
            } catch {
                throw RunFailure(message: "\(file.name): \(error)")
            }
        }
        let count = min(buffer.count, ready.count - readyStart)
        buffer.copyBytes(from: ready[readyStart..<readyStart + count])
        readyStart += count
        return count
    }

    /// With `--strict`, stops at the first invalid UTF-8 sequence.
    private func validate(_ bytes: UnsafeRawBufferPointer, atEnd: Bool) throws {
        guard var checker = validator else { return }
        let invalid = atEnd ? checker.finish() : checker.check(bytes.assumingMemoryBound(to: UInt8.self))
        validator = checker
        if let invalid { throw RunFailure(message: "\(file.name): invalid UTF-8 at byte \(invalid) (--strict)") }
    }

    /// The size of the input when it is a regular file.
    var size: Int? { file.size }

    private func readFile(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try file.read(into: buffer)
        progress?.advance(by: count)
        return count
    }

    /// The whole input, for commands that need all of it at once.
    func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try block.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: block[..<count])
        }
    }

    private func decide() throws {
        decided = true
        var selected = TextEncoding(name: requested)
        if requested == "auto" {
            var block = [UInt8](repeating: 0, count: 65536)
            var sampleEnd: Int?
            while raw.count < Self.sampleSize {
                sampleEnd = Self.sampleEnd(raw)
                if sampleEnd != nil { break }
                let count = try block.withUnsafeMutableBytes { try readFile(into: $0) }
                if count == 0 { break }
                raw.append(contentsOf: block[..<count])
            }
            let sample = min(sampleEnd ?? raw.count, Self.sampleSize)
            selected = raw.withUnsafeBufferPointer { TextEncoding.detect(UnsafeBufferPointer(rebasing: $0[..<sample])) }
        }
        encoding = selected
        if case .legacy(let legacy) = selected {
            do {
                decoder = try LegacyDecoder(legacy, lenient: lenient)
            } catch {
                throw RunFailure(message: "\(file.name): \(error)")
            }
        }
    }
}
