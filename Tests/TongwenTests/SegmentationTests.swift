@testable import Tongwen
import Testing

struct SegmentationTests {
    @Test(arguments: [
        (OpenCCConfig.s2t, "这个东西被发明出来了", "這個東西被發明出來了", "這個東西被髮明出來了"),
        (.s2t, "接受BBC中文采访", "接受BBC中文採訪", "接受BBC中文采訪"),
        (.s2t, "而非中国自制的光刻机", "而非中國自製的光刻機", "而非中國自制的光刻機"),
        (.s2t, "七纳米制程", "七納米製程", "七納米制程"),
        (.s2t, "那只不过是个玩笑", "那只不過是個玩笑", "那隻不過是個玩笑"),
        (.s2t, "这出戏", "這齣戲", "這出戲"),
        (.s2tw, "迈上新征程", "邁上新征程", "邁上新徵程"),
        (.s2twp, "的士兵", "的士兵", "計程車兵"),
        (.s2twp, "少数组织", "少數組織", "少陣列織"),
        (.s2twp, "电视频段", "電視頻段", "電影片段"),
    ])
    func frequencyFixesWhatGreedyGetsWrong(config: OpenCCConfig, input: String, expected: String, greedy: String) {
        #expect(Converter(config: config).convert(input) == expected)
        #expect(Converter(config: config, segmentation: .greedy).convert(input) == greedy)
    }

    /// Lines the segmentation once made worse on manpages-zh (Benchmarks/segmentation-review.md).
    @Test(arguments: [
        ("只对表 tab", "只對表 tab"), ("调用菜单项", "呼叫選單項"), ("高级别", "高級別"), ("用户名将作为", "使用者名稱將作為"),
        ("元数据", "後設資料"), ("无线新闻", "無線新聞"),
    ])
    func neverWorseThanGreedyOnTheseLines(input: String, expected: String) {
        #expect(Converter(config: .s2twp).convert(input) == expected)
    }

    @Test(arguments: [
        (Target.hant, "这个东西被发明出来了", "這個東西被發明出來了"),
        (.tw, "接受BBC中文采访，迈上新征程", "接受BBC中文採訪，邁上新征程"),
        (.twp, "的士兵和少数组织的电视频段", "的士兵和少數組織的電視頻段"),
        (.hant, "这出戏而非中国自制的", "這齣戲而非中國自製的"),
    ])
    func targetsUseTheFrequencySegmentation(target: Target, input: String, expected: String) {
        #expect(Converter(target: target, from: .hans).convert(input) == expected)
    }

    /// The weighed cut replaces OpenCC's only when clearly likelier than it,
    /// priced with OpenCC's phrases as segments: 只读 and 默认 stay whole
    /// (manpages-zh lines; priced as characters, they gave 隻讀 and 默認).
    @Test(arguments: [
        (Target.hant, "它是只读的", "它是只讀的"),
        (.twp, "默认同时显示", "預設同時顯示"),
        (.twp, "清除整个屏幕后显示", "清除整個螢幕後顯示"),
    ])
    func openCCsCutIsPricedWithItsPhrases(target: Target, input: String, expected: String) {
        #expect(Converter(target: target, from: .hans).convert(input) == expected)
    }

    @Test(arguments: [
        (Target.hans, "這個東西被發明出來了", "这个东西被发明出来了"),
        (.hans, "這齣戲", "这出戏"),
        (.hans, "邁上新征程", "迈上新征程"),
        (.hans, "七納米製程", "七纳米制程"),
        (.cn, "計程車司機", "出租车司机"),
    ])
    func backToSimplified(target: Target, input: String, expected: String) {
        #expect(Converter(target: target).convert(input) == expected)
    }

    @Test(arguments: ["他很有自制力", "缺乏自制能力"])
    func selfControlStays自制(input: String) {
        #expect(Converter(target: .hant, from: .hans).convert(input).contains("自制"))
    }

    func segments(_ text: String, phrases: String = "STPhrases+STPhrases_GeneratedFromRegionalPhrases") -> [String] {
        let tables = BuiltinTables.shared
        return segments(text, by: tables.frequencySegmenter(phrases: [(tables.table(named: phrases)!, nil)]))
    }

    func segments(_ text: String, by segmenter: FrequencySegmenter) -> [String] {
        let bytes = Array(text.utf8)
        let ends = bytes.withUnsafeBufferPointer { segmenter.segmentEnds($0.baseAddress!, count: $0.count) }
        return zip([0] + ends.dropLast(), ends).map { String(decoding: bytes[$0..<$1], as: UTF8.self) }
    }

    @Test func overlappingPhrasesGoToTheLikelierWord() {
        #expect(segments("被发明") == ["被", "发明"])
        #expect(segments("中文采访") == ["中文", "采访"])
        #expect(segments("那只不过") == ["那", "只不过"])
    }

    /// A later stage's phrase that no word crosses stays in the run of
    /// characters around it, as OpenCC's cut leaves it (the later stage
    /// matches it there); a first stage's phrase is a segment of its own.
    @Test func laterStagesPhrasesStayInTheirRun() {
        let tables = BuiltinTables.shared
        let segmenter = tables.frequencySegmenter(phrases: [
            (tables.table(named: "STPhrases+STPhrases_GeneratedFromRegionalPhrases")!, nil),
            (tables.table(named: "TWPhrases")!, tables.characterFold(tables.table(named: "STCharacters")!)),
        ])
        #expect(segments("用软件写", by: segmenter) == ["用软件写"])
        #expect(segments("用发明写", by: segmenter) == ["用", "发明", "写"])
    }

    @Test func runsOfSingleCharactersAreOneSegment() {
        #expect(segments("abc") == ["abc"])
        #expect(segments("x发明y") == ["x", "发明", "y"])
    }

    /// ASCII that starts no phrase is passed over, eight bytes at a time
    /// where no phrase starts with ASCII (TSPhrases), one at a time where
    /// some do (SQL注入 in STPhrases); the cut after it stays where it was.
    @Test(arguments: 0...17)
    func phrasesRightAfterRunsOfASCII(length: Int) {
        let ascii = String("abcdefghijklmnopq".prefix(length))
        let alone = ascii.isEmpty ? [] : [ascii]
        #expect(segments(ascii + "上鍊了", phrases: "TSPhrases") == alone + ["上鍊", "了"])
        #expect(segments(ascii + "被发明") == [ascii + "被", "发明"])
        #expect(segments(ascii + "SQL注入") == alone + ["SQL注入"])
    }

    /// Found by the fuzzer: two invalid bytes (E7 B8, a sequence cut short)
    /// before a phrase that a word crosses. The weighing walked back over the
    /// B8 as if it continued the E7, never cut at it, and looped, allocating
    /// until memory ran out.
    @Test(arguments: OpenCCConfig.allCases)
    func invalidBytesBeforeAPhraseAreCharactersOfTheirOwn(config: OpenCCConfig) {
        let input: [UInt8] = [0xE7, 0xB8] + Array("軟體委".utf8)
        var output: [UInt8] = []
        Converter(config: config).convert(input, into: &output)
        #expect(output.prefix(2) == [0xE7, 0xB8])
        #expect(output.dropFirst(2).elementsEqual(Converter(config: config).convert("軟體委").utf8))
    }
}
