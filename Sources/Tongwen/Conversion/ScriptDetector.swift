/// Which script a text is written in, judged by the characters that only one of
/// the two scripts uses, with a regional hint from regional variant forms.
public struct ScriptDetection: Sendable, Equatable {
    /// The verdict.
    public enum Script: String, Sendable {
        case hans, hant, mixed, none
    }

    /// Where the text was probably written.
    public enum Region: String, Sendable {
        case cn, tw, hk
    }

    /// Characters only Simplified text uses (发, 并).
    public var simplifiedOnly = 0
    /// Characters only Traditional text uses (發, 並).
    public var traditionalOnly = 0
    /// Characters in Taiwan's standard forms (裡, 著 for 着).
    public var taiwanForms = 0
    /// Characters in Hong Kong's standard forms (裏, 衞).
    public var hongKongForms = 0

    public init() {}

    /// `mixed` when the minority script has more than 5% of the majority's count.
    public var script: Script {
        let majority = max(simplifiedOnly, traditionalOnly)
        let minority = min(simplifiedOnly, traditionalOnly)
        if majority == 0 { return .none }
        if minority * 20 > majority { return .mixed }
        return simplifiedOnly > traditionalOnly ? .hans : .hant
    }

    /// `cn` for Simplified text; for Traditional, the region whose forms it uses more.
    public var region: Region? {
        if simplifiedOnly > traditionalOnly { return .cn }
        if traditionalOnly == 0 || taiwanForms == hongKongForms { return nil }
        return taiwanForms > hongKongForms ? .tw : .hk
    }

    /// The script to convert from: the majority one, with its region when known.
    var source: SourceScript {
        switch region {
        case .cn: .hans
        case .tw: .tw
        case .hk: .hk
        case nil: .hant
        }
    }

    /// Counts of two pieces of text together.
    public static func + (left: ScriptDetection, right: ScriptDetection) -> ScriptDetection {
        var sum = left
        sum.simplifiedOnly += right.simplifiedOnly
        sum.traditionalOnly += right.traditionalOnly
        sum.taiwanForms += right.taiwanForms
        sum.hongKongForms += right.hongKongForms
        return sum
    }
}

/// Counts script-specific and region-specific characters with the character tables.
public struct ScriptDetector: Sendable {
    private let simplifiedCharacters: PhraseTable
    private let traditionalCharacters: PhraseTable
    private let taiwanForms: PhraseTable
    private let hongKongForms: PhraseTable

    public init() {
        let tables = BuiltinTables.shared
        simplifiedCharacters = tables.table(named: "STCharacters")!
        traditionalCharacters = tables.table(named: "TSCharacters")!
        taiwanForms = tables.table(named: "TWVariantsRev")!
        hongKongForms = tables.table(named: "HKVariantsRev")!
    }

    public func detect(_ text: String) -> ScriptDetection {
        var text = text
        return text.withUTF8 { detect($0) }
    }

    /// How many CJK characters a stream's detection sample holds.
    static let sampleCharacters = 500

    /// Where a stream's detection sample ends: after its first
    /// ``sampleCharacters`` CJK characters; nil when `input` holds fewer. A
    /// measure of content, not of bytes read, so that a live pipe is decided
    /// as soon as that much has arrived, and the same way as a file.
    static func sampleEnd(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let text = input.baseAddress else { return nil }
        var position = 0
        var characters = 0
        while position < input.count {
            let (scalar, length) = UTF8Decoding.decode(text, at: position, end: input.count)
            position += length
            if scalar >= 0x2E80, scalar != UTF8Decoding.invalidScalar {
                characters += 1
                if characters == sampleCharacters { return position }
            }
        }
        return nil
    }

    public func detect(_ input: UnsafeBufferPointer<UInt8>) -> ScriptDetection {
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
            if taiwanForms.value(ofScalar: scalar) != nil { detection.taiwanForms += 1 }
            if hongKongForms.value(ofScalar: scalar) != nil { detection.hongKongForms += 1 }
        }
        return detection
    }
}
