import CICUShim

/// Unicode normalization by ICU.
public enum UnicodeNormalization: Sendable {
    case nfc, nfkc, nfd, nfkd

    private var form: Int32 {
        switch self {
        case .nfc: Int32(TW_NFC)
        case .nfkc: Int32(TW_NFKC)
        case .nfd: Int32(TW_NFD)
        case .nfkd: Int32(TW_NFKD)
        }
    }

    /// Scalars that NFC and NFKC leave as they are, whatever surrounds them:
    /// ASCII, precomposed Latin letters (pinyin with tone marks included) and
    /// CJK unified ideographs. Text of these alone skips ICU (names, mostly).
    static func isComposedStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x7F, 0xC0...0x131, 0x1CD...0x1DC, 0x3400...0x4DBF, 0x4E00...0x9FFF: true
        default: false
        }
    }

    /// The text in this normalization form.
    public func normalize(_ text: String) -> String {
        if self == .nfc || self == .nfkc, text.unicodeScalars.allSatisfy(Self.isComposedStable) { return text }
        let source = Array(text.utf16)
        var destination = [UInt16](repeating: 0, count: source.count * 3 + 16)
        while true {
            var status: Int32 = 0
            let length = tw_normalize(form, source, Int32(source.count), &destination, Int32(destination.count), &status)
            if status == Int32(TW_BUFFER_TOO_SMALL) {
                destination = [UInt16](repeating: 0, count: Int(length) + 16)
                continue
            }
            // ICU fails only on invalid UTF-16, which a Swift String never holds.
            return status == Int32(TW_OK) ? String(decoding: destination.prefix(Int(length)), as: UTF16.self) : text
        }
    }
}
