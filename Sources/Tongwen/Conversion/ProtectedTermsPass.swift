/// A span of text that a finder recognised, and what to write for it.
struct Term {
    var length: Int
    /// What to write: one piece of a table's text, or two (a surname and a
    /// title), read in place from tables that outlive the conversion.
    var output: UnsafeBufferPointer<UInt8>
    var outputContinued = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var rule: ConversionChoice.Rule

    /// Both pieces of the output, copied.
    var bytes: [UInt8] { Array(output) + Array(outputContinued) }
}

/// Recognises terms that must not go through the character and phrase tables:
/// user dictionary entries, names.
protocol TermFinder: Sendable {
    /// The term that starts at `position`, if any; `first` is the character
    /// there, as ``UTF8Decoding/decode(_:at:end:)`` reads it.
    func term(in text: UnsafeBufferPointer<UInt8>, at position: Int, first: (scalar: UInt32, length: Int)) -> Term?

    /// The tables the finder looks keys up in.
    var tables: [PhraseTable] { get }

    /// The tables whose keys a term starts with.
    var termStartTables: [PhraseTable] { get }
}

/// Runs before the rest of a plan: each term a finder recognises (the first
/// finder wins) is written as the finder says and never converted again; the
/// text between terms goes through the rest of the plan.
struct ProtectedTermsPass: ConversionPass {
    /// User terms first, then names; stored as concrete types, since an
    /// array of existentials would copy a boxed finder at every character.
    let user: UserTermFinder?
    let names: NameTermFinder?
    let rest: ConversionPlan
    /// The characters a term can start with; the finders are asked at no other.
    private let termStarts: FirstScalarFilter
    /// Whether some term starts with an ASCII character; when none does,
    /// runs of ASCII (code, options, URLs) are passed over eight bytes at a time.
    private let asciiStartsTerms: Bool

    init(user: UserTermFinder?, names: NameTermFinder?, rest: ConversionPlan) {
        self.user = user
        self.names = names
        self.rest = rest
        termStarts = FirstScalarFilter((user?.termStartTables ?? []) + (names?.termStartTables ?? []))
        asciiStartsTerms = !termStarts.asciiScalars.isEmpty
    }

    var tables: [PhraseTable] { (user?.tables ?? []) + (names?.tables ?? []) + rest.tables }

    func run(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?) {
        guard let text = input.baseAddress else { return }
        var position = 0
        var plainStart = 0
        func convertPlain(upTo end: Int) {
            // A name with nothing around it leaves no piece to convert.
            guard end > plainStart else { return }
            // Decisions in a piece are placed at the piece's offset in the input.
            let offset = plainStart
            rest.run(UnsafeBufferPointer(rebasing: input[plainStart..<end]), into: &output, record: record.map { record in
                { decision in
                    var decision = decision
                    decision.range = (decision.range.lowerBound + offset)..<(decision.range.upperBound + offset)
                    record(decision)
                }
            })
        }
        while position < input.count {
            let first: (scalar: UInt32, length: Int)
            if let scalar = UTF8Decoding.threeByteScalar(text, at: position, end: input.count) {
                // A three-byte character no term starts with is passed over unvalidated.
                guard termStarts.mayStartKey(scalar) else {
                    position += 3
                    continue
                }
                // An overlong or surrogate form is an invalid byte, where the
                // finders are asked as at any byte decoding finds invalid.
                first = UTF8Decoding.decoded(threeByteScalar: scalar)
            } else if text[position] < 0x80, !asciiStartsTerms {
                position = UTF8Decoding.endOfASCII(text, from: position, end: input.count)
                continue
            } else {
                first = UTF8Decoding.decode(text, at: position, end: input.count)
                guard termStarts.mayStartKey(first.scalar) else {
                    position += first.length
                    continue
                }
            }
            if let term = user?.term(in: input, at: position, first: first) ?? names?.term(in: input, at: position, first: first) {
                convertPlain(upTo: position)
                output.append(contentsOf: term.output)
                output.append(contentsOf: term.outputContinued)
                record?(Decision(range: position..<position + term.length, output: term.bytes, alternatives: [], rule: term.rule))
                position += term.length
                plainStart = position
            } else {
                position += first.length
            }
        }
        convertPlain(upTo: position)
    }
}
