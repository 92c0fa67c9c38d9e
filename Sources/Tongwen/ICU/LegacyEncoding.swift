import CICUShim

/// The legacy Chinese encodings Tongwen reads and writes, through ICU.
public enum LegacyEncoding: String, CaseIterable, Sendable {
    case gbk, gb18030, big5
    case big5HKSCS = "big5-hkscs"

    /// ICU's converter name: the Windows tables for GBK and Big5 (what web
    /// pages mean by those names), and the HKSCS-2008 table.
    var icuName: String {
        switch self {
        case .gbk: "windows-936-2000"
        case .gb18030: "gb18030"
        case .big5: "windows-950-2000"
        case .big5HKSCS: "ibm-1375_P100-2008"
        }
    }
}

/// Bytes that are not valid in an encoding, at an offset from the start of the input.
public struct EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let encoding: String
    /// The offset of the first bad byte, or of the character that cannot be encoded.
    public let offset: Int
    public let bytes: [UInt8]
    /// For encoding errors: the character the encoding lacks.
    public let character: String?

    public var description: String {
        if let character {
            return "'\(character)' (U+\(String(character.unicodeScalars.first!.value, radix: 16, uppercase: true))) at character offset \(offset) has no \(encoding) form"
        }
        let hex = bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
        return "invalid \(encoding) bytes \(hex) at byte offset \(offset)"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Decodes a legacy encoding to UTF-8 in pieces, keeping partial characters
/// between pieces. Strict by default: a bad byte is an ``EncodingError``;
/// lenient decoding replaces it with U+FFFD.
public final class LegacyDecoder {
    public let encoding: LegacyEncoding
    private let converter: OpaquePointer
    private var offset = 0

    public init(_ encoding: LegacyEncoding, lenient: Bool = false) throws(ICUError) {
        self.encoding = encoding
        converter = try ICUError.checking("cannot open \(encoding.rawValue)") {
            tw_converter_open(encoding.icuName, lenient ? 0 : 1, $0, $1)
        }
    }

    deinit { tw_converter_close(converter) }

    /// Decodes `input` (and, with `final`, whatever was held back), appending UTF-8 to `output`.
    public func decode(_ input: UnsafeBufferPointer<UInt8>, final: Bool = false, into output: inout [UInt8]) throws(EncodingError) {
        var units = [UInt16](repeating: 0, count: input.count + 16)
        var start = 0
        repeat {
            var consumed: Int32 = 0, produced: Int32 = 0, badLength: Int32 = 0
            let status = units.withUnsafeMutableBufferPointer { target in
                tw_converter_decode(converter, input.baseAddress.map { $0 + start }, Int32(input.count - start),
                                    target.baseAddress, Int32(target.count), final ? 1 : 0, &consumed, &produced, &badLength)
            }
            output.append(contentsOf: String(decoding: units.prefix(Int(produced)), as: UTF16.self).utf8)
            start += Int(consumed)
            if status == Int32(TW_INVALID_INPUT) {
                let end = offset + start
                let bad = Array(input[max(0, start - Int(badLength))..<start])
                throw EncodingError(encoding: encoding.rawValue, offset: end - Int(badLength), bytes: bad, character: nil)
            }
            guard status == Int32(TW_BUFFER_TOO_SMALL) else { break }
        } while true
        offset += start
    }
}

/// Encodes UTF-8 text into a legacy encoding; a character the encoding lacks
/// is an ``EncodingError`` naming it.
public final class LegacyEncoder {
    public let encoding: LegacyEncoding
    private let converter: OpaquePointer
    private var characterOffset = 0

    public init(_ encoding: LegacyEncoding) throws(ICUError) {
        self.encoding = encoding
        converter = try ICUError.checking("cannot open \(encoding.rawValue)") {
            tw_converter_open(encoding.icuName, 1, $0, $1)
        }
    }

    deinit { tw_converter_close(converter) }

    /// Encodes whole UTF-8 text (cut at character boundaries), appending to `output`.
    public func encode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(EncodingError) {
        let text = String(decoding: input, as: UTF8.self)
        let units = Array(text.utf16)
        var bytes = [UInt8](repeating: 0, count: units.count * 4 + 16)
        var consumed: Int32 = 0, produced: Int32 = 0, badLength: Int32 = 0
        let status = bytes.withUnsafeMutableBufferPointer { target in
            tw_converter_encode(converter, units, Int32(units.count), target.baseAddress, Int32(target.count), 1,
                                &consumed, &produced, &badLength)
        }
        output.append(contentsOf: bytes.prefix(Int(produced)))
        if status == Int32(TW_UNMAPPABLE) {
            let before = String(decoding: units.prefix(Int(consumed) - Int(badLength)), as: UTF16.self)
            let character = String(decoding: units[(Int(consumed) - Int(badLength))..<Int(consumed)], as: UTF16.self)
            throw EncodingError(encoding: encoding.rawValue, offset: characterOffset + before.unicodeScalars.count,
                                bytes: [], character: character)
        }
        characterOffset += text.unicodeScalars.count
    }
}
