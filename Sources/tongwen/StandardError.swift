import Glibc

/// Writes messages to stderr directly, without buffering.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll($0, to: STDERR_FILENO) }
    }
}

/// Writes all of `bytes` to `descriptor`, again after an interruption;
/// returns the error number of a failed write, or nil.
func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += written
    }
    return nil
}
