/// Undoes the damage a web gateway did to Chinese text, touching nothing else.
///
/// The gateway annotated characters with their pinyin by replacing their GBK
/// bytes with the bytes plus `(pinyin)`, and it did so on raw bytes, so it also
/// matched byte pairs that straddle two characters. The text was then decoded
/// again, which gives two kinds of damage:
///
/// 1. **Pinyin glued after characters**: `協(xié)作` — the annotation of a real
///    character. It is removed.
/// 2. **A lost byte**: when the matched pair straddled two characters (the
///    trail byte of 接 and the lead byte of 東 read as 訓 = D3 96), the
///    annotation was inserted *inside* 東; decoding then swallowed 東's lead
///    byte and the `(` into one `?`, and the text after it stays shifted by one
///    byte until an ASCII byte (東's trail, `|`) resynchronises it:
///    `對接?xùn)|西部`. The lost byte is the one that, after the trail byte of the
///    character before, forms a character read as the annotation (訓 → xùn)
///    and with which the shifted bytes decode to the original (`對接東西部`);
///    when several bytes do (訊 and 訙 read xùn too), the one whose decoding
///    gives only common characters (東, not 峾 or 渱). Where no single byte
///    fits, the text is left as it was.
public struct WebTextRepair: Sendable {
    public init() {}

    /// The repaired text.
    public func repair(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        restoreLostBytes(&scalars)
        removeAnnotations(&scalars)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// Repairs UTF-8 bytes, appending to `output`; invalid bytes pass through.
    public func repair(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        ValidUTF8Runs.mapStrings(input, into: &output, repair)
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    /// The end (after `)`) of a `(syllable)` annotation starting at `open`, or nil.
    static func annotationEnd(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
        guard open < scalars.count, scalars[open] == "(" else { return nil }
        return syllableEnd(scalars, from: open + 1)
    }

    /// The end (after `)`) of a tone-marked syllable starting at `start` and closed by `)`.
    static func syllableEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard let close = scalars[start...].prefix(8).firstIndex(of: ")"), close > start else { return nil }
        var syllable = String.UnicodeScalarView()
        syllable.append(contentsOf: scalars[start..<close])
        return Pinyin.isToneMarkedSyllable(String(syllable)) ? close + 1 : nil
    }

    /// Removes every `(syllable)` that follows a Han character.
    func removeAnnotations(_ scalars: inout [Unicode.Scalar]) {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            result.append(scalars[index])
            if Self.isHan(scalars[index]), let end = Self.annotationEnd(scalars, from: index + 1) {
                index = end
            } else {
                index += 1
            }
        }
        scalars = result
    }

    /// Restores the characters around each `?syllable)` whose lost byte is certain.
    func restoreLostBytes(_ scalars: inout [Unicode.Scalar]) {
        var index = 0
        while let mark = scalars[index...].firstIndex(of: "?") {
            index = mark + 1
            guard let annotationEnd = Self.syllableEnd(scalars, from: mark + 1),
                  let previous = characterBefore(mark, in: scalars),
                  let restored = restore(previous: previous, syllable: scalars[(mark + 1)..<(annotationEnd - 1)], after: scalars[annotationEnd...])
            else { continue }
            scalars.replaceSubrange(mark..<(annotationEnd + restored.consumed), with: restored.characters)
            index = mark + restored.characters.count
        }
    }

    /// The Han character before the damage, skipping its own annotation.
    private func characterBefore(_ mark: Int, in scalars: [Unicode.Scalar]) -> Unicode.Scalar? {
        guard mark > 0 else { return nil }
        if scalars[mark - 1] == ")", let open = scalars[..<mark].lastIndex(of: "("), open > 0,
           Self.annotationEnd(scalars, from: open) == mark, Self.isHan(scalars[open - 1]) {
            return scalars[open - 1]
        }
        return Self.isHan(scalars[mark - 1]) ? scalars[mark - 1] : nil
    }

    /// The original characters for the shifted text after an annotation, and how
    /// many scalars of it they replace; nil unless exactly one lost byte fits.
    private func restore(previous: Unicode.Scalar, syllable: ArraySlice<Unicode.Scalar>, after shifted: ArraySlice<Unicode.Scalar>) -> (characters: [Unicode.Scalar], consumed: Int)? {
        guard let trail = GBK.encode(previous), trail.count == 2 else { return nil }
        // The shifted characters, then the ASCII byte that resynchronised the text.
        var bytes: [UInt8] = []
        var consumed = 0
        for scalar in shifted {
            consumed += 1
            if scalar.isASCII {
                guard (0x40...0x7E).contains(scalar.value) else { return nil }
                bytes.append(UInt8(scalar.value))
                break
            }
            guard let encoded = GBK.encode(scalar), encoded.count == 2 else { return nil }
            bytes += encoded
        }
        guard let last = bytes.last, last < 0x80 else { return nil }
        var syllableText = String.UnicodeScalarView()
        syllableText.append(contentsOf: syllable)
        let reading = String(syllableText).lowercased()

        var exact: [[Unicode.Scalar]] = []
        var toneless: [[Unicode.Scalar]] = []
        for lost in UInt8(0x81)...0xFE {
            guard let annotated = GBK.decode([trail[1], lost]), annotated.count == 1,
                  let original = GBK.decode([lost] + bytes), original.allSatisfy({ !$0.isASCII }) else { continue }
            let candidateReading = Self.reading(of: annotated[0])
            if candidateReading == reading {
                exact.append(original)
            } else if Pinyin.withoutTones(candidateReading) == Pinyin.withoutTones(reading) {
                toneless.append(original)
            }
        }
        var candidates = exact.isEmpty ? toneless : exact
        if candidates.count > 1 {
            candidates = candidates.filter { $0.allSatisfy(Self.knownCharacters.contains) }
        }
        guard candidates.count == 1 else { return nil }
        return (candidates[0], consumed)
    }

    private static let hanLatin = try? Transliterator(id: "Han-Latin")
    private static let knownCharacters = KnownCharacters(tables: .shared)

    /// The character's reading by ICU's Han-Latin.
    static func reading(of character: Unicode.Scalar) -> String {
        hanLatin?.transform(String(character)) ?? ""
    }

}

/// GBK encoding of single characters and short byte strings, strictly.
enum GBK {
    static func encode(_ scalar: Unicode.Scalar) -> [UInt8]? {
        guard let encoder = try? LegacyEncoder(.gbk) else { return nil }
        var output: [UInt8] = []
        let utf8 = Array(String(scalar).utf8)
        guard (try? utf8.withUnsafeBufferPointer({ try encoder.encode($0, into: &output) })) != nil else { return nil }
        return output
    }

    static func decode(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        guard let decoder = try? LegacyDecoder(.gbk) else { return nil }
        var output: [UInt8] = []
        guard (try? bytes.withUnsafeBufferPointer({ try decoder.decode($0, final: true, into: &output) })) != nil else { return nil }
        return Array(String(decoding: output, as: UTF8.self).unicodeScalars)
    }
}
