/// One step of a conversion chain: levels tried in order, the first level with a
/// key at the current position decides, and within a level the longest key wins.
final class ConversionStage: Sendable {
    let levels: [PhraseTable]
    /// ASCII bytes that occur in some key; any other ASCII byte is copied
    /// without a lookup (man pages and code are mostly ASCII), and where
    /// there are none, runs of ASCII eight bytes at a time.
    private let asciiInKeys: ASCIISet
    private let shortcuts: StageShortcuts

    /// `keyStarts`, those of the levels with keys of two or more scalars,
    /// are made from the levels when not given.
    init(levels: [PhraseTable], keyStarts: [KeyStarts]? = nil) {
        self.levels = levels
        asciiInKeys = levels.asciiInKeys
        shortcuts = StageShortcuts(levels: levels, keyStarts: keyStarts ?? levels.filter { $0.maxKeyLength > 1 }.map { KeyStarts(table: $0) })
    }

    /// Whether a key may start somewhere in `text[range]`; where none can,
    /// the stage would copy the text as it is. A stage that rarely applies
    /// (CJK compatibility ideographs) costs a scan instead of a converted copy.
    func mayMatch(_ text: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
        shortcuts.mayStartKey(in: text, range)
    }

    /// The one-scalar keys of this stage that `later`, converting its
    /// output, cannot tell from what they write: in every level that has
    /// one, it writes itself, or one character that `later` writes as it
    /// writes the key, and neither is in a key of `later` of two or more
    /// scalars. A chain of the two writes the same with such a key or
    /// without it (蔘 for 參 in Taiwan's variants back, where T→S writes 参
    /// for either).
    func singlesUnseen(by later: ConversionStage) -> Set<UInt32> {
        let inLaterKeys = later.levels.scalarsInLongerKeys
        func isUnseen(_ key: UInt32, writing output: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = output.baseAddress, !output.isEmpty else { return false }
            let written = UTF8Decoding.decode(base, at: 0, end: output.count)
            guard written.length == output.count else { return false }
            if written.scalar == key { return true }
            guard !inLaterKeys.contains(key), !inLaterKeys.contains(written.scalar), let laterOutput = later.shortcuts.alone(key) else { return false }
            return later.shortcuts.alone(written.scalar) == laterOutput
        }
        var unseen = Set<UInt32>(), seen = Set<UInt32>()
        for table in levels {
            table.forEachFirstScalar { scalar, node in
                guard let value = table.value(atNode: node) else { return }
                if isUnseen(scalar, writing: table.candidate(0, of: value)) { unseen.insert(scalar) } else { seen.insert(scalar) }
            }
        }
        return unseen.subtracting(seen)
    }

    /// Its shortcuts as a watch from `later` needs them: without the
    /// one-scalar keys that `later` cannot see (``singlesUnseen(by:)``).
    func shortcuts(watchedBy later: ConversionStage) -> StageShortcuts {
        StageShortcuts(levels: levels, keyStarts: shortcuts.keyStarts, droppingSingles: singlesUnseen(by: later))
    }

    /// A key found in text and the level it came from.
    struct Match {
        var length: Int
        var value: UInt32
        var level: Int
    }

    @inline(__always)
    func match(_ text: UnsafePointer<UInt8>, at position: Int, end: Int) -> Match? {
        for (index, table) in levels.enumerated() {
            if let found = table.longestMatch(text, from: position, end: end, fold: IdentityFold()) {
                return Match(length: found.length, value: found.value, level: index)
            }
        }
        return nil
    }

    /// Converts `text[range]`, appending to `output`; bytes no key covers are
    /// copied. `record` hears of each phrase and of each key with several
    /// candidates. With `weigher`, where a listed word crosses a phrase the
    /// window is cut as ``FrequencySegmenter/window(_:phraseAt:phraseEnd:earliestStart:end:scratch:)``
    /// says, which costs little more than this greedy loop: the check runs at
    /// phrases only, and the last few characters written alone are taken back
    /// when a word that starts before a phrase wins (中文 against 文采).
    func convert(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8], record: DecisionRecorder? = nil,
                 weigher: FrequencySegmenter? = nil) {
        withBufferedOutput(appendingTo: &output) { convert(text, range, into: &$0, record: record, weigher: weigher) }
    }

    /// Where ``convert(_:_:into:weigher:stoppingWhereMayMatch:)`` stopped.
    struct Stop {
        /// Where a key of the stage watched may match.
        var position: Int
        /// The start of the text the stop's place is in: just after a run of
        /// ASCII before it, or where the conversion started. The text before
        /// it is converted, into the output's first `cutOutput` bytes.
        var cut: Int
        var cutOutput: Int
    }

    /// The shortcuts of a stage that runs before this one, and the conversion's last cut and stop.
    struct Watch {
        let earlier: StageShortcuts
        var cut: Int
        var cutOutput: Int
        var stop: Int?

        /// Whether a key of `earlier` may match at a character of
        /// `text[range]` (looking on up to `end`); if so, stops at the first.
        mutating func stops(_ text: UnsafePointer<UInt8>, in range: Range<Int>, end: Int) -> Bool {
            var position = range.lowerBound
            while position < range.upperBound {
                let decoded = UTF8Decoding.decode(text, at: position, end: end)
                if earlier.mayMatch(text, at: position, end: end, decoded: decoded) {
                    stop = position
                    return true
                }
                position += decoded.length
            }
            return false
        }
    }

    /// Converts `text[range]` weighing by `weigher`, as long as `earlier`, the
    /// shortcuts of a stage that would run before this one and seldom
    /// applies (``shortcuts(watchedBy:)``), match no key: where one of its
    /// keys may match, stops and says where. Every
    /// character is tested, those inside phrases and weighed windows too.
    /// The stage must contain no ASCII in its keys, nor `earlier`, nor the
    /// weigher's words and phrases, so that a cut after a run of ASCII
    /// changes nothing on either side of it.
    func convert(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8], weigher: FrequencySegmenter,
                 stoppingWhereMayMatch earlier: StageShortcuts) -> Stop? {
        var watch = Watch(earlier: earlier, cut: range.lowerBound, cutOutput: output.count, stop: nil)
        withUnsafeMutablePointer(to: &watch) { watch in
            withBufferedOutput(appendingTo: &output) { convert(text, range, into: &$0, record: nil, weigher: weigher, watch: watch) }
        }
        return watch.stop.map { Stop(position: $0, cut: watch.cut, cutOutput: watch.cutOutput) }
    }

    func convert(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout BufferedOutput, record: DecisionRecorder?,
                 weigher: FrequencySegmenter? = nil) {
        convert(text, range, into: &output, record: record, weigher: weigher, watch: nil)
    }

    /// Converts `text[range]`, appending to `output`, as long as every key
    /// that matches is of one scalar; where one of two or more matches,
    /// stops and returns false (what it wrote by then is to be dropped).
    /// Where none does, the stage converts any cut of the text into the
    /// same pieces, one character at a time.
    func convertUnlessPhraseMatches(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8]) -> Bool {
        var converted = true
        withBufferedOutput(appendingTo: &output) { converted = convert(text, range, into: &$0, record: nil, weigher: nil, watch: nil, stopsAtPhrases: true) }
        return converted
    }

    /// Returns false where it stopped at a phrase (`stopsAtPhrases`).
    @discardableResult
    private func convert(_ text: UnsafePointer<UInt8>, _ range: Range<Int>, into output: inout BufferedOutput, record: DecisionRecorder?,
                         weigher: FrequencySegmenter?, watch: UnsafeMutablePointer<Watch>?, stopsAtPhrases: Bool = false) -> Bool {
        var position = range.lowerBound
        var copyStart = position
        var recent = RecentCharacters()
        // Made at the first phrase weighed: a chain's stages, called once a segment, never weigh.
        var scratch: FrequencySegmenter.Scratch?
        // Tested once, for the single-character loop's two compiled forms (`WeighingMode`).
        let weighs = weigher != nil
        while position < range.upperBound {
            // Explaining needs every key's candidates; the shortcuts know only the first.
            if let watch {
                position = convertSingles(text, from: position, end: range.upperBound, copyStart: &copyStart, into: &output,
                                          recent: &recent, WeighingWatched.self, shortcuts: true, watch: watch)
                if watch.pointee.stop != nil { break }
            } else {
                position = weighs
                    ? convertSingles(text, from: position, end: range.upperBound, copyStart: &copyStart, into: &output,
                                     recent: &recent, Weighing.self, shortcuts: record == nil, watch: nil)
                    : convertSingles(text, from: position, end: range.upperBound, copyStart: &copyStart, into: &output,
                                     recent: &recent, NotWeighing.self, shortcuts: record == nil, watch: nil)
            }
            guard position < range.upperBound else { break }
            if let found = match(text, at: position, end: range.upperBound) {
                let isPhrase = (weighs || record != nil || stopsAtPhrases)
                    && found.length > UTF8Decoding.decodeThreeByteFirst(text, at: position, end: range.upperBound).length
                if stopsAtPhrases && isPhrase { return false }
                if weighs && isPhrase {
                    if scratch == nil { scratch = FrequencySegmenter.Scratch() }
                    let window = weigher!.window(text, phraseAt: position, phraseEnd: position + found.length,
                                                 earliestStart: recent.oldest?.input ?? position, end: range.upperBound, scratch: &scratch!)
                    if !window.isJust(phraseEnd: position + found.length) {
                        if let watch, watch.pointee.stops(text, in: position..<window.end, end: range.upperBound) { break }
                        if position > copyStart {
                            output.append(text + copyStart, count: position - copyStart)
                        }
                        switch window {
                        case .openCC(let end):
                            convert(text, position..<end, into: &output, record: record)
                            position = end
                        case .weighed(let start, let pieces):
                            output.removeAll(from: recent.oldest(from: start) ?? output.count)
                            for piece in pieces { convert(text, piece.range, into: &output, record: record) }
                            position = pieces.last!.range.upperBound
                        }
                        copyStart = position
                        recent.removeAll()
                        continue
                    }
                }
                if let watch, isPhrase, watch.pointee.stops(text, in: position..<position + found.length, end: range.upperBound) { break }
                if position > copyStart {
                    output.append(text + copyStart, count: position - copyStart)
                }
                if weighs {
                    // A phrase ends the characters that a word before it could still take back.
                    if isPhrase { recent.removeAll() } else { recent.append(input: position, output: output.count) }
                }
                let table = levels[found.level]
                let candidate = table.candidate(0, of: found.value)
                output.append(candidate.baseAddress!, count: candidate.count)
                if let record, isPhrase || table.candidateCount(of: found.value) > 1 {
                    record(decision(found, at: position, isPhrase: isPhrase))
                }
                position += found.length
                copyStart = position
            } else {
                if weighs { recent.append(input: position, output: output.count + position - copyStart) }
                position += UTF8Decoding.decodeThreeByteFirst(text, at: position, end: range.upperBound).length
            }
        }
        if position > copyStart {
            output.append(text + copyStart, count: position - copyStart)
        }
        return true
    }

    /// Copies ASCII bytes no key contains and, with `shortcuts`, converts
    /// characters that one scalar decides (see ``StageShortcuts``), from
    /// `start` on; returns where the full lookup must take over. Apart from
    /// the main loop, so that its few variables stay in registers. Offsets
    /// add without overflow checks, as in ``UTF8Decoding``.
    @inline(never)
    private func convertSingles<Mode: WeighingMode>(_ text: UnsafePointer<UInt8>, from start: Int, end: Int, copyStart: inout Int,
                                                    into output: inout BufferedOutput, recent: inout RecentCharacters, _: Mode.Type,
                                                    shortcuts useShortcuts: Bool, watch: UnsafeMutablePointer<Watch>?) -> Int {
        let weighs = Mode.weighs
        let skipsASCIIRuns = asciiInKeys.isEmpty
        var position = start
        while position < end {
            let byte = text[position]
            if byte < 0x80, !asciiInKeys.contains(byte) {
                // Not a recent character: the weighing window never steps back over an ASCII byte.
                position = skipsASCIIRuns ? Self.endOfASCII(text, from: position, end: end) : position &+ 1
                if Mode.watches {
                    // The unchanged bytes since `copyStart` are still to be copied.
                    watch.unsafelyUnwrapped.pointee.cut = position
                    watch.unsafelyUnwrapped.pointee.cutOutput = output.count &+ position &- copyStart
                }
                continue
            }
            // Without weighing, which records where each character began (an
            // invalid form byte by byte), a character that starts no key is
            // passed over unvalidated: its bytes are copied, valid or not;
            // a valid one that starts a key is not decoded again.
            let found: StageShortcuts.Single?
            if !weighs, useShortcuts, let scalar = UTF8Decoding.threeByteScalar(text, at: position, end: end) {
                if shortcuts.startsNoKey(threeByteScalar: scalar) {
                    position &+= 3
                    continue
                }
                found = shortcuts.single(text, at: position, end: end, decoded: UTF8Decoding.decoded(threeByteScalar: scalar))
            } else if Mode.watches {
                let decoded = UTF8Decoding.decodeThreeByteFirst(text, at: position, end: end)
                if watch.unsafelyUnwrapped.pointee.earlier.mayMatch(text, at: position, end: end, decoded: decoded) {
                    watch.unsafelyUnwrapped.pointee.stop = position
                    return position
                }
                found = shortcuts.single(text, at: position, end: end, decoded: decoded)
            } else {
                guard useShortcuts else { return position }
                found = shortcuts.single(text, at: position, end: end, decoded: nil)
            }
            guard let single = found else { return position }
            if single.count > 0 {
                if position > copyStart {
                    output.append(text + copyStart, count: position &- copyStart)
                }
                if weighs { recent.append(input: position, output: output.count) }
                output.append(packed: single.output, count: single.count)
                copyStart = position &+ single.length
            } else if weighs {
                recent.append(input: position, output: output.count &+ position &- copyStart)
            }
            position &+= single.length
        }
        return position
    }

    /// ``UTF8Decoding/endOfASCII(_:from:end:)`` as a call: inlined, it made
    /// the stage loop too large for the compiler to inline the shortcuts' lookup.
    @inline(never)
    private static func endOfASCII(_ text: UnsafePointer<UInt8>, from position: Int, end: Int) -> Int {
        UTF8Decoding.endOfASCII(text, from: position, end: end)
    }

    /// What a match decided, for explain mode: a phrase taken whole, or the
    /// first of a key's several candidates.
    func decision(_ found: Match, at position: Int, isPhrase: Bool) -> Decision {
        let table = levels[found.level]
        return Decision(range: position..<position + found.length, output: Array(table.candidate(0, of: found.value)),
                        alternatives: (1..<max(1, table.candidateCount(of: found.value))).map { Array(table.candidate($0, of: found.value)) },
                        rule: isPhrase ? .phrase : .character)
    }
}

/// Whether the stage loop keeps its recent characters for weighing, and
/// whether it watches an earlier stage, as a type, so that the loop is
/// compiled once for each case.
private protocol WeighingMode {
    static var weighs: Bool { get }
    static var watches: Bool { get }
}

private enum Weighing: WeighingMode {
    static var weighs: Bool { true }
    static var watches: Bool { false }
}

private enum WeighingWatched: WeighingMode {
    static var weighs: Bool { true }
    static var watches: Bool { true }
}

private enum NotWeighing: WeighingMode {
    static var weighs: Bool { false }
    static var watches: Bool { false }
}

/// The last three characters written alone: where each began in the input and the output.
struct RecentCharacters {
    // A ring of four slots: appending is two stores, with no shifting.
    private var inputs: (Int, Int, Int, Int) = (0, 0, 0, 0)
    private var outputs: (Int, Int, Int, Int) = (0, 0, 0, 0)
    /// How many were appended since the last `removeAll`; the last three are kept.
    private var count = 0

    var oldest: (input: Int, output: Int)? {
        count == 0 ? nil : (Self.slot(inputs, max(0, count - 3)), Self.slot(outputs, max(0, count - 3)))
    }

    /// The output offset of the character that began at input offset `start`.
    func oldest(from start: Int) -> Int? {
        for index in max(0, count - 3)..<count where Self.slot(inputs, index) == start {
            return Self.slot(outputs, index)
        }
        return nil
    }

    @inline(__always)
    mutating func append(input: Int, output: Int) {
        let offset = (count & 3) * MemoryLayout<Int>.stride
        withUnsafeMutableBytes(of: &inputs) { $0.storeBytes(of: input, toByteOffset: offset, as: Int.self) }
        withUnsafeMutableBytes(of: &outputs) { $0.storeBytes(of: output, toByteOffset: offset, as: Int.self) }
        // No more characters than bytes of text in memory, so no overflow check.
        count &+= 1
    }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    private static func slot(_ ring: (Int, Int, Int, Int), _ index: Int) -> Int {
        withUnsafeBytes(of: ring) { $0.load(fromByteOffset: (index & 3) * MemoryLayout<Int>.stride, as: Int.self) }
    }
}

/// Splits text into segments; conversion stages never match across a segment end.
protocol Segmenter: Sendable {
    /// The end offsets of the segments of `text[0..<count]`.
    func segmentEnds(_ text: UnsafePointer<UInt8>, count: Int) -> [Int]

    /// The tables the segmenter looks keys up in.
    var tables: [PhraseTable] { get }
}

/// OpenCC's maximum-match segmentation: a longest key is a segment, and the
/// characters between keys are merged into one segment.
struct MaxMatchSegmenter: Segmenter {
    let table: PhraseTable

    var tables: [PhraseTable] { [table] }

    func segmentEnds(_ text: UnsafePointer<UInt8>, count: Int) -> [Int] {
        var ends: [Int] = []
        var position = 0
        while position < count {
            if let found = table.longestMatch(text, from: position, end: count, fold: IdentityFold()) {
                if ends.last != position, position > 0 { ends.append(position) }
                position += found.length
                ends.append(position)
            } else {
                position += UTF8Decoding.decode(text, at: position, end: count).length
            }
        }
        if ends.last != count, count > 0 { ends.append(count) }
        return ends
    }
}
