import Testing
@testable import Tongwen

struct ExplainTests {
    @Test func reportsEachKindOfChoice() {
        let names = UserDictionary(entries: [DictionaryEntry(key: "鼠标", candidates: ["滑鼠"])])
        let choices = Converter(target: .tw, from: .hans, dictionaries: [names]).explain("这个东西被发明了，于书记的鼠标")
        #expect(choices.contains(ConversionChoice(source: "被发", start: 4, end: 6, output: "被", alternatives: ["被髮"], rule: .segmentation)))
        #expect(choices.contains(ConversionChoice(source: "发明", start: 5, end: 7, output: "發明", alternatives: [], rule: .phrase)))
        #expect(choices.contains(ConversionChoice(source: "了", start: 7, end: 8, output: "了", alternatives: ["瞭"], rule: .character)))
        #expect(choices.contains(ConversionChoice(source: "于书记", start: 9, end: 12, output: "于書記", alternatives: [], rule: .name)))
        #expect(choices.contains(ConversionChoice(source: "鼠标", start: 13, end: 15, output: "滑鼠", alternatives: [], rule: .user)))
        #expect(choices.map(\.start) == choices.map(\.start).sorted())
    }

    @Test func laterStagesCoverTheirInputSegment() {
        let choices = Converter(config: .s2twp).explain("用软件")
        #expect(choices.contains(ConversionChoice(source: "用软件", start: 0, end: 3, output: "軟體", alternatives: [], rule: .phrase)))
    }

    @Test func explainingDoesNotChangeTheConversion() {
        let converter = Converter(target: .twp, from: .hans)
        let text = "的士兵和少数组织的电视频段，于书记"
        _ = converter.explain(text)
        #expect(converter.convert(text) == "的士兵和少數組織的電視頻段，于書記")
    }
}
