import FoundationEssentials

/// Compiles the one-character folding tables that normalization uses:
/// variant characters to one form, and radicals to ideographs.
enum FoldingTableCompiler {
    static let variantsTable = "fold:variants"
    static let radicalsTable = "fold:radicals"

    static func sections(dataDirectory: URL) throws -> [(name: String, bytes: [UInt8])] {
        [
            (BuiltinTables.tablePrefix + variantsTable, try variants(dataDirectory)),
            (BuiltinTables.tablePrefix + radicalsTable, try radicals(dataDirectory)),
        ]
    }

    /// Unihan's semantic and Z variants, OpenCC's regional variants and
    /// Tongwen's pairs, joined into classes; each member maps to the class's
    /// preferred form: a character the dictionaries know, then one that is not
    /// a Traditional-only form (so keys read as Simplified: 黄, 吴, 峰), then one
    /// outside the compatibility and radical blocks, then the lowest code point.
    static func variants(_ dataDirectory: URL) throws -> [UInt8] {
        var pairs: [(UInt32, UInt32)] = []
        let unihan = try String(contentsOf: dataDirectory.appendingPathComponent("unicode/Unihan_Variants.txt"), encoding: .utf8)
        for line in unihan.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let source = codePoint(fields[0]) else { continue }
            for target in fields[2].split(separator: " ") {
                if let target = codePoint(target.prefix { $0 != "<" }) { pairs.append((source, target)) }
            }
        }
        for name in ["opencc/TWVariants", "opencc/HKVariants", "tongwen/Variants"] {
            for entry in try TableCompiler.entries(of: dataDirectory.appendingPathComponent(name + ".txt")) {
                let keys = Array(entry.key.unicodeScalars)
                for candidate in entry.candidates {
                    let values = Array(candidate.unicodeScalars)
                    if keys.count == 1, values.count == 1 { pairs.append((keys[0].value, values[0].value)) }
                }
            }
        }
        var parent: [UInt32: UInt32] = [:]
        func root(_ x: UInt32) -> UInt32 {
            var x = x
            while let next = parent[x], next != x { x = next }
            return x
        }
        for (a, b) in pairs {
            parent[a] = parent[a] ?? a
            parent[b] = parent[b] ?? b
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[ra] = rb }
        }
        var classes: [UInt32: [UInt32]] = [:]
        for member in parent.keys { classes[root(member), default: []].append(member) }
        let known = try knownCharacters(dataDirectory)
        let traditionalOnly = Set(try TableCompiler.entries(of: TableCompiler.file(of: "TSCharacters", in: dataDirectory))
            .filter { !$0.candidates.contains($0.key) }.compactMap { $0.key.unicodeScalars.first?.value })
        func rank(_ scalar: UInt32) -> (Int, Int, Int, UInt32) {
            let special = (0xF900...0xFAFF).contains(scalar) || (0x2F800...0x2FA1F).contains(scalar) || (0x2E80...0x2FDF).contains(scalar)
            return (known.contains(scalar) ? 0 : 1, traditionalOnly.contains(scalar) ? 1 : 0, special ? 1 : 0, scalar)
        }
        var builder = PhraseTableBuilder()
        for members in classes.values.sorted(by: { $0.min()! < $1.min()! }) {
            let preferred = members.min { rank($0) < rank($1) }!
            builder.add(members.sorted().filter { $0 != preferred }.map { entry($0, preferred) })
        }
        return builder.build()
    }

    /// CJK and Kangxi radicals to their equivalent unified ideographs.
    static func radicals(_ dataDirectory: URL) throws -> [UInt8] {
        let text = try String(contentsOf: dataDirectory.appendingPathComponent("unicode/EquivalentUnifiedIdeograph.txt"), encoding: .utf8)
        var builder = PhraseTableBuilder()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "#")[0].split(separator: ";").map { $0.trimmingWhitespace }
            guard fields.count == 2, let target = codePoint(Substring(fields[1])) else { continue }
            let bounds = fields[0].split(separator: "..").compactMap { codePoint(Substring($0)) }
            guard let first = bounds.first else { continue }
            builder.add((first...(bounds.last ?? first)).map { entry($0, target) })
        }
        return builder.build()
    }

    private static func entry(_ source: UInt32, _ target: UInt32) -> DictionaryEntry {
        DictionaryEntry(key: String(Unicode.Scalar(source)!), candidates: [String(Unicode.Scalar(target)!)])
    }

    private static func codePoint(_ text: Substring) -> UInt32? {
        UInt32(text.hasPrefix("U+") ? text.dropFirst(2) : text, radix: 16)
    }

    /// Characters of the character tables and phrase starts: the common ones.
    private static func knownCharacters(_ dataDirectory: URL) throws -> Set<UInt32> {
        var known: Set<UInt32> = []
        for name in ["STCharacters", "TSCharacters", "STPhrases", "TSPhrases"] {
            for entry in try TableCompiler.entries(of: TableCompiler.file(of: name, in: dataDirectory)) {
                if let first = entry.key.unicodeScalars.first { known.insert(first.value) }
            }
        }
        return known
    }
}
