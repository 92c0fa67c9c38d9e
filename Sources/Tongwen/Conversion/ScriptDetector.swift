/// Which script a text is written in, judged by the characters that only one of
/// the two scripts uses.
public struct ScriptDetection: Sendable, Equatable {
    /// The verdict.
    public enum Script: String, Sendable {
        case hans, hant, mixed, none
    }

    /// Characters only Simplified text uses (发, 并).
    public var simplifiedOnly = 0
    /// Characters only Traditional text uses (發, 並).
    public var traditionalOnly = 0

    /// `mixed` when the minority script has more than 5% of the majority's count.
    public var script: Script {
        let majority = max(simplifiedOnly, traditionalOnly)
        let minority = min(simplifiedOnly, traditionalOnly)
        if majority == 0 { return .none }
        if minority * 20 > majority { return .mixed }
        return simplifiedOnly > traditionalOnly ? .hans : .hant
    }

    /// The script to convert from: the majority one, Traditional when undecided.
    var source: SourceScript { simplifiedOnly > traditionalOnly ? .hans : .hant }
}

/// Counts script-specific characters with the character tables.
struct ScriptDetector: Sendable {
    let simplifiedCharacters: PhraseTable
    let traditionalCharacters: PhraseTable

    init(tables: BuiltinTables) {
        simplifiedCharacters = tables.table(named: "STCharacters")!
        traditionalCharacters = tables.table(named: "TSCharacters")!
    }

    func detect(_ input: UnsafeBufferPointer<UInt8>) -> ScriptDetection {
        var detection = ScriptDetection()
        guard let text = input.baseAddress else { return detection }
        var position = 0
        while position < input.count {
            let (scalar, length) = UTF8Decoding.decode(text, at: position, end: input.count)
            position += length
            guard scalar >= 0x2E80 else { continue }
            if let value = traditionalCharacters.value(ofScalar: scalar) {
                if !traditionalCharacters.candidates(of: value, contain: scalar) { detection.traditionalOnly += 1 }
            } else if let value = simplifiedCharacters.value(ofScalar: scalar),
                      !simplifiedCharacters.candidates(of: value, contain: scalar) {
                detection.simplifiedOnly += 1
            }
        }
        return detection
    }
}
