/// Converts Chinese text between scripts and regional standards.
///
/// A converter is an immutable value: share one between threads and tasks
/// freely. It works on UTF-8 bytes; bytes that are not part of a converted
/// character, invalid UTF-8 included, are copied unchanged.
///
/// ```swift
/// let converter = Converter(target: .tw)
/// converter.convert("软件和硬件") // "軟件和硬件"
/// ```
public struct Converter: Sendable {
    private enum Selection: Sendable {
        case target(Target, SourceScript, names: Bool)
        case config(OpenCCConfig)
    }

    private let selection: Selection
    /// How text is cut into segments.
    public let segmentation: Segmentation
    private let userTerms: OwnedPhraseTable?
    private let tables: BuiltinTables
    /// The whole conversion as one pass; `nil` while the source is `auto`.
    private let pass: (any ConversionPass)?
    /// The ASCII bytes that occur in some key the conversion looks up.
    private let asciiInKeys: ASCIISet

    /// A converter to `target`; with `from: .auto` the source script of each
    /// input is detected (see ``resolvingSource(sample:)`` for streams).
    /// Earlier user dictionaries take priority over later ones. With `names`,
    /// known people and surnames before titles keep their name forms
    /// (于书记 → 于書記, not 於書記).
    public init(target: Target, from source: SourceScript = .auto, dictionaries: [UserDictionary] = [], names: Bool = true,
                segmentation: Segmentation = .frequency) {
        self.init(selection: .target(target, source, names: names), segmentation: segmentation, userTerms: Self.compile(dictionaries), tables: .shared)
    }

    /// A converter for one of OpenCC's configs: with `.greedy` segmentation it
    /// reproduces OpenCC exactly; with `.frequency` (the default) it chooses
    /// words by frequency and uses Tongwen's additions too.
    public init(config: OpenCCConfig, dictionaries: [UserDictionary] = [], segmentation: Segmentation = .frequency) {
        self.init(selection: .config(config), segmentation: segmentation, userTerms: Self.compile(dictionaries), tables: .shared)
    }

    private static func compile(_ dictionaries: [UserDictionary]) -> OwnedPhraseTable? {
        dictionaries.isEmpty ? nil : OwnedPhraseTable(entries: dictionaries.flatMap(\.entries))
    }

    private init(selection: Selection, segmentation: Segmentation, userTerms: OwnedPhraseTable?, tables: BuiltinTables) {
        self.selection = selection
        self.segmentation = segmentation
        self.userTerms = userTerms
        self.tables = tables
        let plan: ConversionPlan? = switch selection {
        case .config(let config): tables.plan(config, segmentation: segmentation)
        case .target(_, .auto, _): nil
        case .target(let target, let source, _): tables.plan(to: target, from: source, segmentation: segmentation)
        }
        let user = userTerms.map(UserTermFinder.init)
        var names: NameTermFinder?
        if case .target(let target, _, names: true) = selection, let script = Self.nameScript(for: target) {
            names = NameTermFinder(script: script, tables: tables)
        }
        pass = plan.map { plan -> any ConversionPass in
            user == nil && names == nil ? plan : ProtectedTermsPass(user: user, names: names, rest: plan)
        }
        asciiInKeys = (pass?.tables ?? []).asciiInKeys
    }

    /// Which form of names a target writes; none for Japanese.
    private static func nameScript(for target: Target) -> NameTermFinder.Script? {
        switch target {
        case .hans, .cn: .simplified
        case .hant, .tw, .twp, .hk, .hkp: .traditional
        case .jp: nil
        }
    }

    /// The source script, `auto` until resolved.
    public var source: SourceScript {
        switch selection {
        case .target(_, let source, _): source
        case .config: .auto
        }
    }

    /// Whether the source script is still to be detected.
    var needsSample: Bool { pass == nil }

    /// This converter with an `auto` source fixed by detecting the script of
    /// `sample`, so that every piece of a stream is converted the same way.
    public func resolvingSource(sample: UnsafeBufferPointer<UInt8>) -> Converter {
        guard case .target(let target, .auto, let names) = selection else { return self }
        let detected = ScriptDetector().detect(sample).source
        return Converter(selection: .target(target, detected, names: names), segmentation: segmentation, userTerms: userTerms, tables: tables)
    }

    /// Converts `input`, appending the result to `output`.
    public func convert(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        convert(input, into: &output, record: nil)
    }

    func convert(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], record: DecisionRecorder?) {
        guard let pass else {
            resolvingSource(sample: input).convert(input, into: &output, record: record)
            return
        }
        pass.run(input, into: &output, record: record)
    }

    /// The length of the longest prefix of `buffer` that can be converted on its
    /// own: it ends after a newline, or else after an ASCII byte that no key
    /// contains, so no key or segment spans the cut. 0 when there is none.
    public func safePrefixLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        if let newline = buffer.lastIndex(of: 0x0A) { return newline + 1 }
        if let cut = buffer.lastIndex(where: { $0 < 0x80 && !asciiInKeys.contains($0) }) { return cut + 1 }
        return 0
    }

    /// Converts bytes, appending the result to `output`.
    public func convert(_ input: [UInt8], into output: inout [UInt8]) {
        input.withUnsafeBufferPointer { convert($0, into: &output) }
    }

    /// Converts a string.
    public func convert(_ text: String) -> String {
        var output: [UInt8] = []
        var text = text
        text.withUTF8 { convert($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }
}
