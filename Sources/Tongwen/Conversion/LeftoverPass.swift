/// Converts to OpenCC-standard Traditional text that is already mostly
/// Traditional, such as an article a character-by-character gateway converted
/// that kept 并, 干, 制, 范 where a phrase decides.
///
/// Phrases are matched on a Simplified view of the text (each character folded
/// by the Traditional-to-Simplified character table), so 真抓實干 finds 实干 and
/// gives 實幹. Characters that are unambiguously Traditional stay as written;
/// outside phrases, only characters that exist solely in Simplified change.
struct LeftoverPass: ConversionPass {
    let phrases: PhraseTable
    let simplifiedCharacters: PhraseTable
    /// The Simplified view of the text, through the Traditional-to-Simplified character table.
    let view: CharacterFold

    private var traditionalCharacters: PhraseTable { view.table }

    var tables: [PhraseTable] { [phrases, simplifiedCharacters, traditionalCharacters] }

    /// A character that Traditional text uses and Simplified text does not (後, 發; not 乾, 於).
    private func isOnlyTraditional(_ scalar: UInt32) -> Bool {
        guard let value = traditionalCharacters.value(ofScalar: scalar) else { return false }
        return !traditionalCharacters.candidates(of: value, contain: scalar)
    }

    /// A character that Simplified text uses and Traditional text does not (并, 发; not 干, 后).
    private func simplifiedOnlyValue(_ scalar: UInt32) -> UInt32? {
        guard traditionalCharacters.value(ofScalar: scalar) == nil,
              let value = simplifiedCharacters.value(ofScalar: scalar),
              !simplifiedCharacters.candidates(of: value, contain: scalar) else { return nil }
        return value
    }

    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?) {
        guard let text = input.baseAddress else { return }
        let end = input.count
        var position = 0
        while position < end {
            if let found = phrases.longestMatch(text, from: position, end: end, fold: view) {
                let start = output.count
                merge(original: text, position..<position + found.length, phrase: phrases.candidate(0, of: found.value), into: &output)
                record?(Decision(range: position..<position + found.length, output: Array(output[start...]),
                                 alternatives: (1..<max(1, phrases.candidateCount(of: found.value))).map { Array(phrases.candidate($0, of: found.value)) },
                                 rule: .phrase))
                position += found.length
                continue
            }
            let (scalar, length) = UTF8Decoding.decode(text, at: position, end: end)
            if let value = simplifiedOnlyValue(scalar) {
                output.append(contentsOf: simplifiedCharacters.candidate(0, of: value))
            } else {
                output.append(contentsOf: UnsafeBufferPointer(start: text + position, count: length))
            }
            position += length
        }
    }

    /// Writes a phrase's Traditional form, keeping the characters the text
    /// already had in unambiguously Traditional form.
    private func merge(original text: UnsafePointer<UInt8>, _ range: Range<Int>, phrase: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var originalScalars: [UInt32] = []
        var position = range.lowerBound
        while position < range.upperBound {
            let (scalar, length) = UTF8Decoding.decode(text, at: position, end: range.upperBound)
            originalScalars.append(scalar)
            position += length
        }
        let phraseScalars = String(decoding: phrase, as: UTF8.self).unicodeScalars.map(\.value)
        guard phraseScalars.count == originalScalars.count else {
            output.append(contentsOf: phrase)
            return
        }
        for (original, converted) in zip(originalScalars, phraseScalars) {
            UTF8Decoding.append(isOnlyTraditional(original) ? original : converted, to: &output)
        }
    }
}
