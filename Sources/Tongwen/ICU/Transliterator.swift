import CICUShim

/// Any ICU transform (`Han-Latin`, `Hans-Hant`, `Fullwidth-Halfwidth`, compound
/// IDs, or custom rules), safe to share between threads.
///
/// Opening a transform is costly (Han-Latin ≈ 200 ms), so each ID is opened once
/// per process and cloned for each thread that uses it at the same time.
/// Text is fed to ICU line by line, in pieces of at most 1024 UTF-16 units,
/// because ICU's transforms slow down on long inputs.
public struct Transliterator: Sendable {
    private let prototype: Prototype

    /// Opens the transform with this ICU ID, such as `Han-Latin` or `Any-Latin; Latin-ASCII`.
    public init(id: String) throws(ICUError) {
        prototype = try Prototype.cached(id: id, rules: nil)
    }

    /// Compiles a transform from ICU rules.
    public init(rules: String, name: String = "Tongwen-Custom") throws(ICUError) {
        prototype = try Prototype.cached(id: name, rules: rules)
    }

    /// The transformed text.
    public func transform(_ text: String) -> String {
        var output = [UInt8]()
        var text = text
        text.withUTF8 { transform($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Transforms UTF-8 bytes, appending to `output`, line by line; bytes that
    /// are not valid UTF-8 pass through unchanged.
    public func transform(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        prototype.withClone { handle in
            var units: [UInt16] = []
            for line in input.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                if line.offset > 0 { output.append(0x0A) }
                ValidUTF8Runs.forEach(in: UnsafeBufferPointer(rebasing: line.element), valid: { run in
                    units.removeAll(keepingCapacity: true)
                    units.append(contentsOf: String(decoding: run, as: UTF8.self).utf16)
                    var start = 0
                    while start < units.count {
                        let end = Self.pieceEnd(units, from: start)
                        output.append(contentsOf: String(decoding: Self.transform(handle, Array(units[start..<end])), as: UTF16.self).utf8)
                        start = end
                    }
                }, invalid: { output.append($0) })
            }
        }
    }

    /// Where the piece that starts at `start` ends: at most 1024 units later,
    /// after the last space or CJK punctuation when there is one, never inside
    /// a surrogate pair.
    static func pieceEnd(_ units: [UInt16], from start: Int) -> Int {
        let limit = start + 1024
        guard limit < units.count else { return units.count }
        if let cut = units[start..<limit].lastIndex(where: { $0 == 0x20 || (0x3000...0x303F).contains($0) || (0xFF00...0xFF0F).contains($0) }) {
            return cut + 1
        }
        return UTF16.isTrailSurrogate(units[limit]) ? limit - 1 : limit
    }

    private static func transform(_ handle: OpaquePointer, _ piece: [UInt16]) -> [UInt16] {
        var buffer = piece
        // Romanization grows text; size the buffer ahead and retry if ICU asks for more.
        buffer.append(contentsOf: repeatElement(0, count: piece.count * 6 + 16))
        while true {
            var length = Int32(piece.count)
            let status = buffer.withUnsafeMutableBufferPointer {
                tw_transliterator_transform(handle, $0.baseAddress, &length, Int32($0.count))
            }
            if status == Int32(TW_BUFFER_TOO_SMALL) {
                buffer = piece + repeatElement(0, count: Int(length) * 2 + 16)
                continue
            }
            return status == Int32(TW_OK) ? Array(buffer.prefix(Int(length))) : piece
        }
    }

    /// One opened transform and a pool of clones for concurrent use.
    final class Prototype: Sendable {
        private let handle: SendableHandle
        private let idle = Locked<[SendableHandle]>([])

        private static let cache = Locked<[String: Prototype]>([:])

        static func cached(id: String, rules: String?) throws(ICUError) -> Prototype {
            let key = id + "\u{0}" + (rules ?? "")
            if let prototype = cache.withLock({ $0[key] }) { return prototype }
            let prototype = try Prototype(id: id, rules: rules)
            return cache.withLock { cache in
                if let existing = cache[key] { return existing }
                cache[key] = prototype
                return prototype
            }
        }

        private init(id: String, rules: String?) throws(ICUError) {
            let idUnits = Array(id.utf16)
            let ruleUnits = rules.map { Array($0.utf16) }
            let description = rules == nil ? "unknown ICU transform ID '\(id)'" : "invalid ICU rules"
            handle = SendableHandle(try ICUError.checking(description) { message, capacity in
                ruleUnits.withUnsafeBufferPointer(ruleUnits: { rules in
                    tw_transliterator_open(idUnits, Int32(idUnits.count), rules, Int32(ruleUnits?.count ?? 0), message, capacity)
                })
            })
        }

        /// Runs `body` with a clone no other thread is using.
        func withClone<Result>(_ body: (OpaquePointer) -> Result) -> Result {
            let clone = idle.withLock { $0.popLast() } ?? SendableHandle(tw_transliterator_clone(handle.pointer)!)
            defer { idle.withLock { $0.append(clone) } }
            return body(clone.pointer)
        }

        deinit {
            tw_transliterator_close(handle.pointer)
            for clone in idle.withLock({ $0 }) { tw_transliterator_close(clone.pointer) }
        }
    }

    /// An ICU handle used by one thread at a time.
    struct SendableHandle: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
    }
}

private extension Optional where Wrapped == [UInt16] {
    /// Passes a pointer to the units, or `nil` when there are none.
    func withUnsafeBufferPointer<Result>(ruleUnits body: (UnsafePointer<UInt16>?) -> Result) -> Result {
        switch self {
        case .none: body(nil)
        case .some(let units): units.withUnsafeBufferPointer { body($0.baseAddress) }
        }
    }
}
