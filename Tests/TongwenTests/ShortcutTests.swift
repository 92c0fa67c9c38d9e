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

    /// Where Taiwan's or Hong Kong's variants back (參 → 蔘, 為 → 爲) give a
    /// character that T→S writes as it writes the variant (参, 为), the
    /// config converts as its whole chain does, though the second stage
    /// alone converts there.
    @Test(arguments: ["tw2s", "hk2s"])
    func variantsTheSecondStageCannotSeeConvertAsTheWholeConfig(config: String) {
        let tables = BuiltinTables.shared
        let pass = tables.pass(for: tables.config(ConfigSpec.extendedName(config)), segmentation: .frequency)
        let whole = ConfigPass(normalization: pass.normalization, segmenter: pass.segmenter, chain: pass.chain)
        #expect(pass.chain[0].singlesUnseen(by: pass.chain[1]).contains(config == "tw2s" ? 0x53C3 : 0x70BA))
        let fragments = ["參", "參數", "為", "為了", "説明", "線", "才能", "核心", "針", "什麼", "軟體", "被發明", "中文", "，", " ", "\n", "a1"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...16, using: &generator)).map { _ in fragments.randomElement(using: &generator)! }.joined()
            #expect(convert(text, pass) == convert(text, whole), "\(text)")
        }
    }

    func convert(_ text: String, _ pass: ConfigPass) -> String {
        var output: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { pass.run($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Characters of words that cross phrases (中文 against 文采, 被发 against
    /// 发明), so that one stage's keys fall inside another's phrases and
    /// inside weighed windows; 甲 and 乙, which keys output too; a full-width comma.
    let crossingCharacters = ["中", "文", "采", "访", "被", "发", "明", "自", "制", "力", "甲", "乙", "，"]

    /// One to six keys of one to three crossing characters, each with an
    /// output of one BMP character, of two, of a four-byte one, none, or 文.
    func crossingKeys(using generator: inout some RandomNumberGenerator) -> [(String, String)] {
        let outputs = ["甲", "乙丙", "𠀁", "", "文"]
        return (0..<Int.random(in: 1...6, using: &generator)).map { _ in
            ((0..<Int.random(in: 1...3, using: &generator)).map { _ in crossingCharacters.randomElement(using: &generator)! }.joined(),
             outputs.randomElement(using: &generator)!)
        }
    }

    /// One to four stretches of one to eight crossing characters, each ending in a space.
    func crossingStretches(using generator: inout some RandomNumberGenerator) -> [String] {
        (0..<Int.random(in: 1...4, using: &generator)).map { _ in
            (0..<Int.random(in: 1...8, using: &generator)).map { _ in crossingCharacters.randomElement(using: &generator)! }.joined() + " "
        }
    }

    /// One to three one-scalar keys of characters of `laterKeys`, each
    /// written as itself, as 甲, or as a stage of `laterKeys` writes it, so
    /// that such a stage after them often cannot tell them from what they
    /// write, and often has them in its phrases.
    func singles(before laterKeys: [(String, String)], using generator: inout some RandomNumberGenerator) -> [(String, String)] {
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in
            let key = String(laterKeys.randomElement(using: &generator)!.0.randomElement(using: &generator)!)
            return (key, ([key, "甲"] + laterKeys.filter { $0.0 == key }.map(\.1)).randomElement(using: &generator)!)
        }
    }

    /// `keys` without the one-scalar keys `dropped` names.
    func keys(_ keys: [(String, String)], without dropped: Set<UInt32>) -> [(String, String)] {
        keys.filter { key, _ in key.unicodeScalars.count > 1 || !dropped.contains(key.unicodeScalars.first!.value) }
    }

    /// A config of two stages of `first` and `second`, cut as OpenCC's are:
    /// by the second stage's phrases and the first's as written, and by the
    /// second's through the first's characters.
    func config(first: PhraseTable, second: PhraseTable) -> ConfigPass {
        ConfigPass(normalization: [], segmenter: segmenter([(second, nil), (first, nil), (second, CharacterFold(table: first))]),
                   chain: [ConversionStage(levels: [first]), ConversionStage(levels: [second])])
    }

    /// A first stage's one-scalar keys that the second cannot see
    /// (``ConversionStage/singlesUnseen(by:)``) change nothing a config
    /// writes, so that the second stage alone may convert where they are the
    /// only keys of the first that occur: with random stages, the whole
    /// config converts as it does with a first stage without them.
    @Test func singlesTheSecondStageCannotSeeChangeNothing() {
        var generator = SystemRandomNumberGenerator()
        var unseenCount = 0
        for _ in 0..<300 {
            let secondKeys = crossingKeys(using: &generator) + [(crossingCharacters.randomElement(using: &generator)!, "甲")]
            let firstKeys = crossingKeys(using: &generator) + singles(before: secondKeys, using: &generator)
            let first = table(firstKeys), second = table(secondKeys)
            let unseen = ConversionStage(levels: [first]).singlesUnseen(by: ConversionStage(levels: [second]))
            unseenCount += unseen.count
            let whole = config(first: first, second: second), without = config(first: table(keys(firstKeys, without: unseen)), second: second)
            for _ in 0..<10 {
                let text = crossingStretches(using: &generator).joined()
                #expect(convert(text, whole) == convert(text, without), "\(text) \(firstKeys) \(secondKeys)")
            }
        }
        #expect(unseenCount > 0)
    }

    /// A frequency segmenter of the built-in word list that also knows `phrases`.
    func segmenter(_ phrases: [(table: PhraseTable, view: CharacterFold?)]) -> FrequencySegmenter {
        let tables = BuiltinTables.shared
        return FrequencySegmenter(words: tables.table(named: WordFrequencies.tableName)!, wordStarts: tables.pairs(named: WordFrequencies.tableName),
                                  wordPairs: tables.pairs(named: FrequencySegmenter.wordPairsName), phrases: phrases.filter { $0.table.maxKeyLength > 1 },
                                  view: tables.simplifiedView)
    }

    /// The same with stages of random keys: between runs of ASCII, text in
    /// which no key of the first stage occurs that the second can see
    /// converts as the second stage alone, weighed as it converts, and text
    /// in which one does as the whole config. The characters are those of words that cross phrases
    /// (中文 against 文采), so that the first stage's keys fall inside the
    /// second's phrases and inside weighed windows; as in OpenCC's configs,
    /// the second stage's phrases cut the text.
    @Test func aSeldomFirstStageIsSkippedWhereItMatchesNothing() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let secondKeys = crossingKeys(using: &generator)
            let firstKeys = crossingKeys(using: &generator) + singles(before: secondKeys, using: &generator)
            let whole = config(first: table(firstKeys), second: table(secondKeys))
            let seenKeys = keys(firstKeys, without: whole.chain[0].singlesUnseen(by: whole.chain[1]))
            let weigher = segmenter([(whole.chain[1].levels[0], nil)])
            let pass = ConfigPass(normalization: whole.normalization, segmenter: whole.segmenter, chain: whole.chain, secondStageWeigher: weigher)
            #expect(pass.secondStageWeigher != nil)
            let alone = ConfigPass(normalization: [], segmenter: weigher, chain: [whole.chain[1]])
            for _ in 0..<10 {
                let stretches = crossingStretches(using: &generator)
                let expected = stretches.map { stretch in
                    convert(stretch, seenKeys.contains { stretch.contains($0.0) } ? whole : alone)
                }.joined()
                #expect(convert(stretches.joined(), pass) == expected, "\(stretches) \(firstKeys) \(secondKeys)")
            }
        }
    }

    /// A chain of two whose second stage seldom applies (Simplified to
    /// Traditional, then a region's variants) converts as the whole config
    /// does: as the first stage alone and the variants over its output where
    /// no variant phrase may start (启动 → 啟動), and where one may (张栋樑,
    /// 纯吃茶) as the whole config.
    @Test(arguments: ["s2tw", "s2hk"])
    func textWithoutVariantPhrasesConvertsAsTheFirstStageAlone(config: String) {
        let tables = BuiltinTables.shared
        let spec = tables.config(ConfigSpec.extendedName(config))
        let pass = tables.pass(for: spec, segmentation: .frequency)
        let whole = ConfigPass(normalization: pass.normalization, segmenter: pass.segmenter, chain: pass.chain)
        #expect(pass.firstStage != nil)
        let fragments = ["软件", "发明", "被发明", "中文", "采访", "启动", "里", "着", "张栋樑", "纯吃茶", "林国樑", "，", "。", " ", "\n", "a1"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...16, using: &generator)).map { _ in fragments.randomElement(using: &generator)! }.joined()
            #expect(convert(text, pass) == convert(text, whole), "\(text)")
        }
        // Weighing as the first stage converts takes 集合 whole, as `s2t` does,
        // where a cut made first did not (字符|集|合中); so it does in a stretch
        // beside one where a variant phrase may start in the text (张栋樑) or in
        // the first stage's output (张栋梁 → 張棟樑), which converts as the whole config.
        #expect(convert("给出的字符集合中字符", pass) == "給出的字符集合中字符")
        #expect(convert("给出的字符集合中字符", whole) == "給出的字符集閤中字符")
        for name in ["张栋樑", "张栋梁"] {
            #expect(convert("给出的字符集合中字符 \(name)", pass) == "給出的字符集合中字符 " + convert(name, whole))
            #expect(convert("\(name) 给出的字符集合中字符", pass) == convert(name, whole) + " 給出的字符集合中字符")
        }
    }

    /// The same with stages of random keys: between runs of ASCII, text in
    /// which no key of two or more characters of the second stage occurs,
    /// through the view in which the segmenter reads it nor in the first
    /// stage's output, converts as the first stage alone, weighed as it
    /// converts, then the second stage over its output; other text as the
    /// whole config.
    @Test func aSeldomSecondStageRunsOverTheFirstStagesOutputWhereItsPhrasesMatchNothing() {
        // 中文采 cuts as 中|文采, so 甲 and 乙丙 meet only in the first stage's
        // output of the whole: the second stage's 甲乙 matches there alone.
        do {
            let first = table([("中", "甲"), ("文采", "乙丙")]), second = table([("甲乙", "丁")])
            let chain = [ConversionStage(levels: [first]), ConversionStage(levels: [second])]
            let whole = ConfigPass(normalization: [], segmenter: segmenter([(first, nil), (second, CharacterFold(table: first))]), chain: chain)
            let pass = ConfigPass(normalization: [], segmenter: whole.segmenter, chain: chain,
                                  firstStage: FirstStageShortcut(weigher: segmenter([(first, nil)]), chainLevels: [[first], [second]],
                                                                 segmenter: whole.segmenter as! FrequencySegmenter))
            #expect(convert("中文采", whole) == "甲乙丙")
            #expect(convert("中文采", pass) == "甲乙丙")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let firstKeys = crossingKeys(using: &generator), secondKeys = crossingKeys(using: &generator)
            let first = table(firstKeys), second = table(secondKeys)
            let view = CharacterFold(table: first)
            let chain = [ConversionStage(levels: [first]), ConversionStage(levels: [second])]
            let whole = ConfigPass(normalization: [], segmenter: segmenter([(first, nil), (second, view)]), chain: chain)
            let weigher = segmenter([(first, nil)])
            let pass = ConfigPass(normalization: [], segmenter: whole.segmenter, chain: chain,
                                  firstStage: FirstStageShortcut(weigher: weigher, chainLevels: [[first], [second]], segmenter: whole.segmenter as! FrequencySegmenter))
            #expect(pass.firstStage != nil)
            let alone = ConfigPass(normalization: [], segmenter: weigher, chain: [chain[0]])
            let secondAlone = ConfigPass(normalization: [], segmenter: nil, chain: [chain[1]])
            let phrases = secondKeys.map(\.0).filter { $0.unicodeScalars.count > 1 }
            for _ in 0..<10 {
                let stretches = crossingStretches(using: &generator)
                let expected = stretches.map { stretch in
                    let viewed = String(String.UnicodeScalarView(stretch.unicodeScalars.map { Unicode.Scalar(view.fold($0.value))! }))
                    let firstOutput = convert(stretch, alone)
                    return phrases.contains { viewed.contains($0) || firstOutput.contains($0) } ? convert(stretch, whole) : convert(firstOutput, secondAlone)
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

    /// Keys of two or more characters are found where text spells their
    /// start through a fold, keys of one are not; `s2tw` looks for TWVariantsPhrases (張棟樑) so in Simplified text.
    @Test func longerKeyStartsAreFoundThroughAFold() throws {
        let tables = PhraseTableTests()
        let fold = CharacterFold(table: tables.table([("國", "国"), ("乙", "丁")]))
        let starts = LongerKeyStarts([(tables.table([("国人", "1"), ("丁中a", "2"), ("中", "3")]), fold), (tables.table([("ab", "4")]), nil)])
        func firstStart(_ text: String, _ starts: LongerKeyStarts) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { starts.firstStart(in: $0.baseAddress!, from: 0, end: $0.count) }
        }
        let found: [(String, Int)] = [("我們國人", 6), ("国人", 0), ("乙中a", 0), ("丁中a", 0), ("xxab", 2), ("一二三四五六七八九十国人", 30), ("一二三四五六七八九国人", 27)]
        for (text, position) in found { #expect(firstStart(text, starts) == position, "\(text)") }
        for text in ["中", "中中中中中中中中中", "国", "人国", "乙中", "a", "ba", "一二三四五六七八九十"] { #expect(firstStart(text, starts) == nil, "\(text)") }
        let tw = BuiltinTables.shared.pass(for: BuiltinTables.shared.config(ConfigSpec.extendedName("s2tw")), segmentation: .frequency)
        let laterKeys = try #require(tw.firstStage?.laterKeysInText)
        #expect(firstStart("说张栋樑", laterKeys) == 3)
        #expect(firstStart("软件启动", laterKeys) == nil)
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
