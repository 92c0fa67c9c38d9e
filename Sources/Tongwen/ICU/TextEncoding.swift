/// The encoding of an input: UTF-8 or one of the legacy Chinese encodings.
public enum TextEncoding: Equatable, Sendable {
    case utf8
    case legacy(LegacyEncoding)

    /// Parses `utf-8`, `gbk`, `gb18030`, `big5` or `big5-hkscs`.
    public init?(name: String) {
        if name.lowercased() == "utf-8" || name.lowercased() == "utf8" {
            self = .utf8
        } else if let legacy = LegacyEncoding(rawValue: name.lowercased()) {
            self = .legacy(legacy)
        } else {
            return nil
        }
    }

    public var name: String {
        switch self {
        case .utf8: "utf-8"
        case .legacy(let legacy): legacy.rawValue
        }
    }

    /// The encoding a sample is most likely in: UTF-8 when most of its
    /// non-ASCII bytes form valid UTF-8 (so stray bad bytes in a UTF-8 file
    /// pass through), otherwise the legacy encoding whose decoding has the
    /// fewest invalid bytes and characters outside common Chinese use.
    public static func detect(_ sample: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        if isMostlyUTF8(sample) { return .utf8 }
        let known = KnownCharacters(tables: .shared)
        var best: (encoding: LegacyEncoding, score: Int)?
        for encoding in LegacyEncoding.allCases {
            guard let decoder = try? LegacyDecoder(encoding, lenient: true) else { continue }
            var output: [UInt8] = []
            try? decoder.decode(sample, final: false, into: &output)
            var score = 0
            for scalar in String(decoding: output, as: UTF8.self).unicodeScalars where !scalar.isASCII {
                if scalar == "\u{FFFD}" || (0xE000...0xF8FF).contains(scalar.value) {
                    score += 10
                } else if !known.contains(scalar) {
                    score += 1
                }
            }
            if best == nil || score < best!.score { best = (encoding, score) }
        }
        return .legacy(best?.encoding ?? .gb18030)
    }

    /// Whether valid multi-byte sequences outnumber invalid bytes; a sequence
    /// cut by the end of the sample counts as neither.
    static func isMostlyUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var valid = 0
        var invalid = 0
        var position = 0
        while position < bytes.count {
            let (scalar, length) = UTF8Decoding.decode(base, at: position, end: bytes.count)
            if scalar == UTF8Decoding.invalidScalar {
                let isCutAtEnd = bytes.count - position < 4 && bytes[position] >= 0xC2
                    && bytes[(position + 1)...].allSatisfy { $0 & 0xC0 == 0x80 }
                if isCutAtEnd { break }
                invalid += 1
            } else if length > 1 {
                valid += 1
            }
            position += length
        }
        return valid > invalid || invalid == 0
    }
}
