import FoundationEssentials
import Glibc

/// jieba's word frequencies as costs for segmentation: a word's cost is
/// −log(frequency / total) in thousandths, stored as a 4-byte candidate.
enum WordFrequencies {
    static let tableName = "segmentation:words"

    /// The cost of a word seen `frequency` times out of `total`.
    static func cost(frequency: Double, total: Double) -> UInt32 {
        UInt32((log(total) - log(max(frequency, 1))) * 1000)
    }

    static func compile(dataDirectory: URL) throws -> [UInt8] {
        let text = try String(contentsOf: dataDirectory.appendingPathComponent("jieba/words.txt"), encoding: .utf8)
        var total = 0.0
        var builder = PhraseTableBuilder()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if line.hasPrefix("# total"), let value = Double(fields[1]) { total = value }
            guard !line.hasPrefix("#"), fields.count == 2, let frequency = Double(fields[1]) else { continue }
            precondition(total > 0, "words.txt must state its total before the words")
            withUnsafeBytes(of: cost(frequency: frequency, total: total).littleEndian) {
                builder.add(key: String(fields[0]), candidates: [Array($0)])
            }
        }
        // Costs for what the list lacks, relative to the same total.
        builder.add(key: totalKey, candidates: [withUnsafeBytes(of: UInt32(total).littleEndian, Array.init)])
        return builder.build()
    }

    /// A key no text contains (a noncharacter), whose value is the total.
    static let totalKey = "\u{FFFF}"
}

extension PhraseTable {
    /// The 4-byte number stored as a value's first candidate.
    @inline(__always)
    func number(of value: UInt32) -> UInt32 {
        let bytes = candidate(0, of: value)
        return UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt32.self)
    }
}
