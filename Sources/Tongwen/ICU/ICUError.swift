import CICUShim

/// A failure reported by ICU, such as an unknown transform ID or encoding.
public struct ICUError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

extension ICUError {
    /// Calls `open` with a message buffer and turns a `nil` result into an error.
    static func checking<Handle>(_ what: String, _ open: (UnsafeMutablePointer<CChar>, Int32) -> Handle?) throws(ICUError) -> Handle {
        var message = [CChar](repeating: 0, count: 256)
        guard let handle = open(&message, Int32(message.count)) else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ICUError(description: "\(what): \(reason)")
        }
        return handle
    }
}
