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

    /// The text in this normalization form.
    public func normalize(_ text: String) -> String {
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
