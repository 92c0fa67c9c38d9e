@testable import Tongwen
import Testing

/// The shortcuts of the hot path (stage records, pair sets, first-scalar
/// filters) must never change a result, only skip work.
struct ShortcutTests {
    /// Characters of one, two, three and four bytes; 乙 has keys of one scalar
    /// only. The full-width comma's first byte, 0xEF, is above every other
    /// three-byte character's, as in CJK text.
    let alphabet: [String] = ["a", "é", "中", "国", "人", "乙", "𠀀", "丁", "，"]

    func randomKeys(using generator: inout some RandomNumberGenerator) -> [(String, String)] {
        // Outputs of one BMP character, of two characters, of a four-byte one, and none.
        let outputs = ["甲", "乙丙", "𠀁", "x", "ü", ""]
        return (0..<Int.random(in: 1...8, using: &generator)).map { _ in
            let key = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            return (key, outputs.randomElement(using: &generator)!)
        }
    }

    func randomText(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var text: [UInt8] = []
        for _ in 0..<Int.random(in: 0...24, using: &generator) {
            // Now and then a byte that is not UTF-8.
            if Int.random(in: 0..<10, using: &generator) == 0 { text.append(0xE4) } else { text += Array(alphabet.randomElement(using: &generator)!.utf8) }
        }
        return text
    }

    /// A table whose keys have one candidate each, which may be empty.
    func table(_ entries: [(String, String)]) -> PhraseTable {
        let owned = OwnedPhraseTable(entries: entries.map { DictionaryEntry(key: $0.0, candidates: [$0.1]) })
        PhraseTableTests.owners.withLock { $0.append(owned) }
        return owned.table
    }

    @Test func stageShortcutsAgreeWithTheFullLookup() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let stage = ConversionStage(levels: [table(randomKeys(using: &generator)), table(randomKeys(using: &generator))])
            for _ in 0..<10 {
                let text = randomText(using: &generator)
                var shortcut: [UInt8] = [], full: [UInt8] = []
                text.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    stage.convert(base, 0..<buffer.count, into: &shortcut)
                    // Explaining takes the full lookup at every character.
                    stage.convert(base, 0..<buffer.count, into: &full, record: { _ in })
                }
                #expect(shortcut == full, "\(text)")
            }
        }
    }

    /// A stage the scan passes over would have left the text as it is.
    @Test func textWhereNoKeyMayStartIsLeftAsItIs() {
        var generator = SystemRandomNumberGenerator()
        var skipped = 0
        for _ in 0..<300 {
            let stage = ConversionStage(levels: [table(randomKeys(using: &generator))])
            for _ in 0..<10 {
                let text = randomText(using: &generator)
                var converted: [UInt8] = []
                let mayMatch = text.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return true }
                    stage.convert(base, 0..<buffer.count, into: &converted)
                    return stage.mayMatch(base, 0..<buffer.count)
                }
                if !mayMatch {
                    skipped += 1
                    #expect(converted == text, "\(text)")
                }
            }
        }
        #expect(skipped > 0)
    }

    /// A chain of two whose first stage seldom applies (regional variants,
    /// then Traditional to Simplified) converts text where no variant
    /// applies as the second stage alone: `tw2s` and `hk2s` as `t2s`.
    @Test(arguments: ["tw2s", "hk2s"])
    func textWithoutVariantsConvertsAsTheSecondStageAlone(config: String) {
        let tables = BuiltinTables.shared
        let pass = tables.pass(for: tables.config(ConfigSpec.extendedName(config)), segmentation: .frequency)
        let t2s = tables.pass(for: tables.config(ConfigSpec.extendedName("t2s")), segmentation: .frequency)
        #expect(pass.secondStageWeigher != nil)
        // Phrases of T→S, words that cross them, and places to cut; none a variant.
        let fragments = ["軟體", "發明", "被發明", "中文", "採訪", "自制力", "之", "人", "待", "，", "。", " ", "\n", "a1"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...16, using: &generator)).map { _ in fragments.randomElement(using: &generator)! }.joined()
            #expect(convert(text, pass) == convert(text, t2s), "\(text)")
        }
    }

    func convert(_ text: String, _ pass: ConfigPass) -> String {
        var output: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { pass.run($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The same with stages of random keys: between runs of ASCII, text in
    /// which no key of the first stage occurs converts as the second stage
    /// alone, weighed as it converts, and text in which one does as the
    /// whole config. The characters are those of words that cross phrases
    /// (中文 against 文采), so that the first stage's keys fall inside the
    /// second's phrases and inside weighed windows; as in OpenCC's configs,
    /// the second stage's phrases cut the text.
    @Test func aSeldomFirstStageIsSkippedWhereItMatchesNothing() {
        let tables = BuiltinTables.shared
        func segmenter(_ phrases: [(table: PhraseTable, view: CharacterFold?)]) -> FrequencySegmenter {
            FrequencySegmenter(words: tables.table(named: WordFrequencies.tableName)!, wordStarts: tables.pairs(named: WordFrequencies.tableName),
                               wordPairs: tables.pairs(named: FrequencySegmenter.wordPairsName), phrases: phrases.filter { $0.table.maxKeyLength > 1 },
                               view: tables.simplifiedView)
        }
        let characters = ["中", "文", "采", "访", "被", "发", "明", "自", "制", "力", "，"]
        let outputs = ["甲", "乙丙", "𠀁", "", "文"]
        var generator = SystemRandomNumberGenerator()
        func keys() -> [(String, String)] {
            (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                ((0..<Int.random(in: 1...3, using: &generator)).map { _ in characters.randomElement(using: &generator)! }.joined(),
                 outputs.randomElement(using: &generator)!)
            }
        }
        for _ in 0..<300 {
            let firstKeys = keys(), secondKeys = keys()
            let first = table(firstKeys), second = table(secondKeys)
            let chain = [ConversionStage(levels: [first]), ConversionStage(levels: [second])]
            let whole = ConfigPass(normalization: [], segmenter: segmenter([(second, nil), (first, nil), (second, CharacterFold(table: first))]), chain: chain)
            let weigher = segmenter([(second, nil)])
            let pass = ConfigPass(normalization: whole.normalization, segmenter: whole.segmenter, chain: chain, secondStageWeigher: weigher)
            #expect(pass.secondStageWeigher != nil)
            let alone = ConfigPass(normalization: [], segmenter: weigher, chain: [chain[1]])
            for _ in 0..<10 {
                let stretches = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    (0..<Int.random(in: 1...8, using: &generator)).map { _ in characters.randomElement(using: &generator)! }.joined() + " "
                }
                let expected = stretches.map { stretch in
                    convert(stretch, firstKeys.contains { stretch.contains($0.0) } ? whole : alone)
                }.joined()
                #expect(convert(stretches.joined(), pass) == expected, "\(stretches) \(firstKeys) \(secondKeys)")
            }
        }
    }

    /// A config converts each segment through its whole chain, as the
    /// stages would one after another on that segment alone, explained or not.
    @Test func chainsOfAnyLengthConvertEachSegmentThroughEveryStage() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let chain = (0..<Int.random(in: 1...3, using: &generator)).map { _ in ConversionStage(levels: [table(randomKeys(using: &generator))]) }
            let segmenter = Bool.random(using: &generator) ? MaxMatchSegmenter(table: table(randomKeys(using: &generator))) : nil
            let pass = ConfigPass(normalization: [], segmenter: segmenter, chain: chain)
            for _ in 0..<10 {
                let text = randomText(using: &generator)
                var expected: [UInt8] = [], converted: [UInt8] = [], explained: [UInt8] = []
                text.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var start = 0
                    for end in segmenter?.segmentEnds(base, count: buffer.count) ?? [buffer.count] {
                        var piece = Array(buffer[start..<end])
                        for stage in chain {
                            var next: [UInt8] = []
                            piece.withUnsafeBufferPointer { if let base = $0.baseAddress { stage.convert(base, 0..<$0.count, into: &next) } }
                            piece = next
                        }
                        expected += piece
                        start = end
                    }
                    pass.run(buffer, into: &converted)
                    pass.run(buffer, into: &explained, record: { _ in })
                }
                #expect(converted == expected, "\(text)")
                #expect(explained == expected, "\(text)")
            }
        }
    }

    @Test func pairSetsHoldEveryPairThatStartsAKeyThroughAFold() {
        let tables = PhraseTableTests()
        // 國 and 国 both read as 国; 乙 reads as 丁, so 乙 itself is no longer 乙.
        let fold = CharacterFold(table: tables.table([("國", "国"), ("乙", "丁"), ("人", "人")]))
        let keys = tables.table([("国人", "1"), ("丁中a", "2"), ("乙国", "3"), ("中", "4")])
        var pairs = ScalarPairSet()
        pairs.insertKeyStarts(of: keys, through: CharacterFold.Preimages(fold))
        let starts = KeyStarts(table: keys, through: CharacterFold.Preimages(fold))
        let firsts = FirstScalarFilter()
        firsts.insertFirstScalarsOfLongerKeys(of: keys, through: CharacterFold.Preimages(fold))
        let spellings: [(Unicode.Scalar, Unicode.Scalar)] = [("国", "人"), ("國", "人"), ("丁", "中"), ("乙", "中")]
        for (first, second) in spellings {
            #expect(pairs.contains(first.value, second.value), "\(first)\(second)")
            #expect(starts.pairs.contains(first.value, second.value, lane: KeyStarts.beginsKey), "\(first)\(second)")
            #expect(firsts.mayStartKey(first.value), "\(first)")
        }
        // 国人 is a key as either spelling gives it; 丁中a begins with either spelling of 丁 and 中 before a.
        for first: Unicode.Scalar in ["国", "國"] { #expect(starts.pairs.contains(first.value, ("人" as Unicode.Scalar).value, lane: KeyStarts.isKey), "\(first)人") }
        for first: Unicode.Scalar in ["丁", "乙"] {
            #expect(starts.triples.contains(first.value, KeyStarts.mix(("中" as Unicode.Scalar).value, ("a" as Unicode.Scalar).value)), "\(first)中a")
        }
        // 中 is a key of one character: it begins no pair.
        #expect(!firsts.mayStartKey(("中" as Unicode.Scalar).value))
        // 乙国 is a key, but no text folds to it: 乙 in text reads as 丁.
        #expect(CharacterFold.Preimages(fold).scalars(foldingTo: ("乙" as Unicode.Scalar).value).isEmpty)
    }

    /// Sets compiled with the tables and read in place are the sets their tables give.
    @Test func compiledSetsAreThoseTheTablesGive() throws {
        let tables = BuiltinTables.shared
        let keyStartSections = tables.archive.sectionNames.filter { $0.hasPrefix(BuiltinTables.keyStartsPrefix) }
        #expect(!keyStartSections.isEmpty)
        for name in keyStartSections {
            let (base, count) = try #require(tables.archive.section(name))
            let compiled = try #require(KeyStarts(bytes: UnsafeRawBufferPointer(start: base, count: count)))
            let table = try #require(tables.table(named: String(name.dropFirst(BuiltinTables.keyStartsPrefix.count))))
            #expect(compiled.bytes == KeyStarts(table: table).bytes, "\(name)")
        }
        let words = try #require(tables.table(named: WordFrequencies.tableName))
        #expect(tables.pairs(named: WordFrequencies.tableName).bytes == FrequencySegmenter.wordStarts(of: words, through: tables.simplifiedView).bytes)
        #expect(tables.pairs(named: NameTermFinder.termStartsName).bytes == NameTermFinder.termStarts(of: NameTables(tables: tables)).bytes)
    }

    @Test func firstScalarFiltersPassEveryKeyStart() {
        let tables = PhraseTableTests()
        let filter = FirstScalarFilter([tables.table([("中国", "1"), ("a", "2")]), tables.table([("é", "3")])])
        for scalar in ["中", "a", "é", "𠀀"] as [Unicode.Scalar] {
            #expect(filter.mayStartKey(scalar.value), "\(scalar)")
        }
        #expect(!filter.mayStartKey(("国" as Unicode.Scalar).value))
        #expect(!filter.mayStartKey(("b" as Unicode.Scalar).value))
    }
}
