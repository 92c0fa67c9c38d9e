/// Splits bytes into runs of valid UTF-8 and single invalid bytes, so that text
/// processing can work on strings and pass every invalid byte through unchanged.
enum ValidUTF8Runs {
    /// Calls `valid` with each maximal run of valid UTF-8 and `invalid` with each invalid byte, in order.
    static func forEach(in input: UnsafeBufferPointer<UInt8>, valid: (UnsafeBufferPointer<UInt8>) -> Void, invalid: (UInt8) -> Void) {
        guard let base = input.baseAddress else { return }
        var position = 0
        var runStart = 0
        while position < input.count {
            let (scalar, length) = UTF8Decoding.decode(base, at: position, end: input.count)
            if scalar == UTF8Decoding.invalidScalar {
                if runStart < position { valid(UnsafeBufferPointer(rebasing: input[runStart..<position])) }
                invalid(input[position])
                runStart = position + 1
            }
            position += length
        }
        if runStart < input.count { valid(UnsafeBufferPointer(rebasing: input[runStart...])) }
    }

    /// Applies `transform` to the valid runs as strings, appending the result
    /// and the invalid bytes as they were to `output`.
    static func mapStrings(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], _ transform: (String) -> String) {
        forEach(in: input, valid: { run in
            output.append(contentsOf: transform(String(decoding: run, as: UTF8.self)).utf8)
        }, invalid: { output.append($0) })
    }
}
