import Foundation

/// A value behind a lock. An NSLock (a pthread mutex) rather than
/// Synchronization's Mutex: ThreadSanitizer understands pthread locks, and
/// on Linux reports every access under Mutex's futex-based lock as a race,
/// which would hide real ones.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
