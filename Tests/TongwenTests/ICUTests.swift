import Testing
import Tongwen

struct TransliteratorTests {
    @Test func romanizesWithHanLatin() throws {
        let transliterator = try Transliterator(id: "Han-Latin")
        #expect(transliterator.transform("马兴瑞") == "mǎ xìng ruì")
    }

    @Test func runsAnyTransformID() throws {
        #expect(try Transliterator(id: "Hans-Hant").transform("汉字") == "漢字")
        #expect(try Transliterator(id: "Fullwidth-Halfwidth").transform("ＡＢＣ１２３") == "ABC123")
    }

    @Test func compilesRules() throws {
        #expect(try Transliterator(rules: "a > b;").transform("banana") == "bbnbnb")
    }

    @Test func rejectsAnUnknownID() {
        #expect(throws: ICUError.self) { try Transliterator(id: "Klingon-Latin") }
        do {
            _ = try Transliterator(id: "Klingon-Latin")
        } catch {
            #expect(error.description.hasPrefix("unknown ICU transform ID 'Klingon-Latin'"))
        }
    }

    @Test func longTextIsFedInPiecesWithTheSameResult() throws {
        let transliterator = try Transliterator(id: "Hans-Hant")
        let line = String(repeating: "汉字和简体字，", count: 600)
        #expect(transliterator.transform(line + "\n" + line) == String(repeating: "漢字和簡體字，", count: 600) + "\n" + String(repeating: "漢字和簡體字，", count: 600))
    }

    @Test func oneTransliteratorServesManyTasks() async throws {
        let transliterator = try Transliterator(id: "Han-Latin")
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { transliterator.transform("中文") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: "zhōng wén", count: 8))
    }
}

struct UnicodeNormalizationTests {
    @Test func composesAndFoldsCompatibility() {
        #expect(UnicodeNormalization.nfc.normalize("e\u{301}") == "é")
        #expect(UnicodeNormalization.nfkc.normalize("ＡＢ１") == "AB1")
        #expect(UnicodeNormalization.nfkc.normalize("\u{F900}") == "豈")
    }
}

struct LegacyEncodingTests {
    func decode(_ bytes: [UInt8], _ encoding: LegacyEncoding, lenient: Bool = false) throws -> String {
        var output: [UInt8] = []
        let decoder = try LegacyDecoder(encoding, lenient: lenient)
        try bytes.withUnsafeBufferPointer { try decoder.decode($0, final: true, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    func encode(_ text: String, _ encoding: LegacyEncoding) throws -> [UInt8] {
        var output: [UInt8] = []
        try Array(text.utf8).withUnsafeBufferPointer { try LegacyEncoder(encoding).encode($0, into: &output) }
        return output
    }

    @Test func decodesEachEncoding() throws {
        #expect(try decode([0xD6, 0xD0, 0xCE, 0xC4], .gbk) == "中文")
        #expect(try decode([0xD6, 0xD0, 0xCE, 0xC4], .gb18030) == "中文")
        #expect(try decode([0xA4, 0xA4, 0xA4, 0xE5], .big5) == "中文")
        #expect(try decode([0xA4, 0xA4, 0xA4, 0xE5], .big5HKSCS) == "中文")
    }

    @Test(arguments: [LegacyEncoding.big5HKSCS, .gb18030])
    func roundTripsCantoneseCharacters(encoding: LegacyEncoding) throws {
        let text = "嘅咗𨋢"
        #expect(try decode(encode(text, encoding), encoding) == text)
    }

    @Test(arguments: [
        (LegacyEncoding.gbk, [UInt8]([0x41, 0xD6, 0xD0, 0x81, 0x7F, 0x42]), 3),
        (.gb18030, [0xD6, 0xD0, 0x81, 0x30, 0x41], 2),
        (.big5, [0xA4, 0xA4, 0xA4], 2),
        (.big5HKSCS, [0x41, 0x80, 0x42], 1),
    ])
    func strictDecodingReportsTheOffset(encoding: LegacyEncoding, bytes: [UInt8], offset: Int) throws {
        do {
            _ = try decode(bytes, encoding)
            Issue.record("no error for \(bytes)")
        } catch let error as EncodingError {
            #expect(error.offset == offset)
            #expect(error.description.contains("at byte offset \(offset)"))
        }
    }

    @Test func lenientDecodingReplaces() throws {
        #expect(try decode([0x41, 0xD6, 0x20, 0x42], .gbk, lenient: true) == "A\u{FFFD} B")
    }

    @Test func decodingInPiecesKeepsSplitCharacters() throws {
        let decoder = try LegacyDecoder(.gbk)
        var output: [UInt8] = []
        try [UInt8]([0xD6]).withUnsafeBufferPointer { try decoder.decode($0, into: &output) }
        try [UInt8]([0xD0]).withUnsafeBufferPointer { try decoder.decode($0, final: true, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "中")
    }

    @Test func encodingNamesTheMissingCharacter() throws {
        do {
            _ = try encode("中文😀", .big5)
            Issue.record("no error")
        } catch let error as EncodingError {
            #expect(error.character == "😀")
            #expect(error.offset == 2)
        }
    }
}
