/// One entry of a dictionary: a key and its candidates, the first being the default.
public struct DictionaryEntry: Sendable, Equatable {
    public var key: String
    public var candidates: [String]

    public init(key: String, candidates: [String]) {
        self.key = key
        self.candidates = candidates
    }
}

/// A line of a dictionary file that cannot be read; its description is
/// `FILE:LINE: what is wrong`.
public struct DictionaryFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// The text format shared by OpenCC's dictionaries and user dictionaries:
/// `key<TAB>candidate1 candidate2 …` per line; blank lines and lines starting
/// with `#` are skipped.
public enum DictionaryText {
    /// Parses dictionary text; `file` names the source in errors.
    ///
    /// A key that appears twice with different candidates is an error, so that a
    /// dictionary never silently depends on line order.
    public static func parse(_ text: String, file: String) throws(DictionaryFormatError) -> [DictionaryEntry] {
        var entries: [DictionaryEntry] = []
        var firstLine: [String: (line: Int, candidates: [String])] = [:]
        firstLine.reserveCapacity(text.utf8.count / 16)
        var lineNumber = 0
        // Split on bytes: as Characters, "\r\n" is one and would not split at "\n".
        for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(decoding: rawLine.last == 0x0D ? rawLine.dropLast() : rawLine, as: UTF8.self)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            func fail(_ message: String) -> DictionaryFormatError {
                DictionaryFormatError(file: file, line: lineNumber, message: message)
            }
            guard fields.count == 2 else {
                throw fail(fields.count < 2 ? "expected 'source<TAB>target', found no tab" : "expected one tab, found \(fields.count - 1)")
            }
            let key = String(fields[0])
            guard !key.isEmpty, !key.utf8.contains(0x20) else {
                throw fail(key.isEmpty ? "empty source before the tab" : "source '\(key)' contains a space")
            }
            let candidates = fields[1].split(separator: " ").map(String.init)
            guard !candidates.isEmpty else { throw fail("no target after the tab for '\(key)'") }
            if let earlier = firstLine[key] {
                guard earlier.candidates == candidates else {
                    throw fail("'\(key)' is already defined differently on line \(earlier.line)")
                }
                continue
            }
            firstLine[key] = (lineNumber, candidates)
            entries.append(DictionaryEntry(key: key, candidates: candidates))
        }
        return entries
    }
}
