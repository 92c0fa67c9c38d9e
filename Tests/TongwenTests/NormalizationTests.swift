import Testing
import Tongwen
import TongwenTestSupport

struct TextNormalizerTests {
    let matching = TextNormalizer(options: .matching)

    @Test(arguments: [
        (TextNormalizer.Options.nfkc, "ＡＢ１\u{F900}", "AB1豈"),
        (.compatibilityIdeographs, "\u{F900}\u{2F800}", "豈丽"),
        (.radicals, "⼈⺠⻣", "人民骨"),
        (.width, "ＡＢＣ！　１、。「」", "ABC! 1、。「」"),
        (.interpuncts, "阿諾・施瓦辛格 阿诺•施瓦辛格 馬丁‧路德 Jean･Paul 約翰．甘迺迪", "阿諾·施瓦辛格 阿诺·施瓦辛格 馬丁·路德 Jean·Paul 約翰·甘迺迪"),
        (.interpuncts, "• 列表 ・", "• 列表 ・"),
        (.whitespace, "  李   希 \t書記  ", "李 希 書記"),
    ])
    func eachStep(options: TextNormalizer.Options, input: String, expected: String) {
        #expect(TextNormalizer(options: options).normalize(input) == expected)
    }

    @Test(arguments: [("裏", "裡"), ("峯", "峰"), ("綫", "線"), ("衆", "眾"), ("着", "著"), ("爲", "為"), ("呂", "吕"), ("黃", "黄"), ("吳", "吴")])
    func variantsFoldToOneForm(first: String, second: String) {
        let normalizer = TextNormalizer(options: .variants)
        #expect(normalizer.normalize(first) == normalizer.normalize(second))
    }

    @Test func normalizingTwiceGivesWhatOnceGave() throws {
        let samples = [
            try Repository.text("seeds/000_1bf7682267f199a3.txt"),
            "ＡＢＣ、阿諾・施瓦辛格\u{3000}\u{3000}峯着黃呂⼈⺠\u{F900}  e\u{301} ･ ．",
            String((0..<3000).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0x20...0x2FFFF)) }.map(Character.init)),
        ]
        for sample in samples {
            let once = matching.normalize(sample)
            #expect(matching.normalize(once) == once)
        }
    }

    @Test func linesStayLinesAndInvalidBytesPassThrough() {
        let input: [UInt8] = Array("  甲  \n乙".utf8) + [0xFF] + Array("　丙".utf8)
        var output: [UInt8] = []
        input.withUnsafeBufferPointer { matching.normalize($0, into: &output) }
        #expect(output == Array("甲\n乙".utf8) + [0xFF] + Array(" 丙".utf8))
    }
}

struct ScriptDetectorTests {
    let detector = ScriptDetector()

    @Test(arguments: [
        ("简体中文的发展", ScriptDetection.Script.hans, ScriptDetection.Region?.some(.cn)),
        ("繁體中文的發展", .hant, nil),
        ("裡面看著他", .hant, .tw),
        ("简体中文和繁體中文", .mixed, .cn),
        ("English only, 中文", .none, nil),
    ])
    func detectsScriptAndRegion(text: String, script: ScriptDetection.Script, region: ScriptDetection.Region?) {
        let detection = detector.detect(text)
        #expect(detection.script == script)
        #expect(detection.region == region)
    }

    @Test func seedIsTraditionalWithFewLeftovers() throws {
        let detection = detector.detect(try Repository.text("seeds/000_1bf7682267f199a3.txt"))
        #expect(detection.script == .hant)
        #expect(detection.simplifiedOnly > 0)
        #expect(detection.traditionalOnly > 100 * detection.simplifiedOnly)
    }
}

struct TextEncodingTests {
    @Test(arguments: [
        ([UInt8]("中文 text".utf8), TextEncoding.utf8),
        ([0xD6, 0xD0, 0xCE, 0xC4, 0xB5, 0xC4, 0xB7, 0xA2, 0xD5, 0xB9], .legacy(.gbk)),
        ([0xA4, 0xA4, 0xA4, 0xE5, 0xAA, 0xBA, 0xB5, 0x6F, 0xAE, 0x69], .legacy(.big5)),
        ([0xE4, 0xB8], .utf8),
    ])
    func detectsEncoding(bytes: [UInt8], expected: TextEncoding) {
        #expect(bytes.withUnsafeBufferPointer { TextEncoding.detect($0) } == expected)
    }
}
