import Foundation
import Testing
@testable import Tongwen
import TongwenTestSupport

struct WebTextRepairTests {
    let repair = WebTextRepair()

    @Test func seedIsRepairedByteForByte() throws {
        let damaged = try Repository.text("seeds/000_1bf7682267f199a3.txt")
        let expected = try Data(contentsOf: Repository.url("seeds/000_1bf7682267f199a3.repaired.txt"))
        #expect(Data(repair.repair(damaged).utf8) == expected)
    }

    @Test(arguments: [
        ("協(xié)作工作", "協作工作"),
        ("產(chǎn)業(yè)", "產業"),
        ("深入對接?xùn)|西部協(xié)作", "深入對接東西部協作"),
        ("拓寬當(dāng)?shù)厝罕娋蜆I(yè)渠道", "拓寬當地群眾就業渠道"),
    ])
    func undoesBothKindsOfDamage(damaged: String, original: String) {
        #expect(repair.repair(damaged) == original)
    }

    @Test(arguments: ["伯恩光學(惠州)", "廣東(Guangdong)", "(注：見下)", "A(1)", "他說(xié", "xié)", "what?(fun)", "問題?xùn)", "?xùn)|"])
    func leavesEverythingElse(text: String) {
        #expect(repair.repair(text) == text)
    }

    @Test func invalidBytesPassThrough() {
        let input: [UInt8] = Array("協(xié)".utf8) + [0xFF] + Array("作".utf8)
        var output: [UInt8] = []
        input.withUnsafeBufferPointer { repair.repair($0, into: &output) }
        #expect(output == Array("協".utf8) + [0xFF] + Array("作".utf8))
    }

    /// The gateway, as worked out from the seed's bytes: on GBK bytes, each
    /// annotated character's two bytes are replaced by themselves plus
    /// `(pinyin)` — a raw byte replace, so pairs that straddle two characters
    /// match too — and the result is decoded again, an invalid pair becoming `?`.
    static func damage(_ text: String, annotations: [(character: Unicode.Scalar, reading: String)]) -> String {
        var bytes = text.unicodeScalars.flatMap { GBK.encode($0)! }
        for (character, reading) in annotations {
            let code = GBK.encode(character)!
            let insertion = code + [0x28] + reading.unicodeScalars.flatMap { GBK.encode($0)! } + [0x29]
            var result: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if index + 1 < bytes.count, bytes[index] == code[0], bytes[index + 1] == code[1] {
                    result += insertion
                    index += 2
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            bytes = result
        }
        var decoded = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                decoded.append(Unicode.Scalar(bytes[index]))
                index += 1
            } else if index + 1 < bytes.count, let pair = GBK.decode([bytes[index], bytes[index + 1]]), pair.count == 1 {
                decoded.append(pair[0])
                index += 2
            } else {
                decoded.append("?")
                index += 2
            }
        }
        return String(decoded)
    }

    /// The characters the seed's gateway annotated, with their readings, plus
    /// the two it matched across character boundaries (數, 訓).
    static let annotations: [(character: Unicode.Scalar, reading: String)] = {
        let seed = try! Repository.text("seeds/000_1bf7682267f199a3.txt")
        let pattern = try! NSRegularExpression(pattern: #"(\p{Han})\(([a-z\x{00E0}-\x{00FC}\x{0101}-\x{01DC}]+)\)"#)
        var pairs: [(Unicode.Scalar, String)] = [("數", "shù"), ("訓", "xùn")]
        var seen = Set(pairs.map(\.0))
        for match in pattern.matches(in: seed, range: NSRange(seed.startIndex..., in: seed)) {
            let character = (seed as NSString).substring(with: match.range(at: 1)).unicodeScalars.first!
            if seen.insert(character).inserted {
                pairs.append((character, (seed as NSString).substring(with: match.range(at: 2))))
            }
        }
        return pairs
    }()

    static let sentences: [String] = {
        let text = try! Repository.text("seeds/000_1bf7682267f199a3.repaired.txt")
        return text.split { "。，,\n".contains($0) }.map(String.init).filter { $0.count > 1 }
    }()

    @Test func gatewaySimulationReproducesTheSeed() throws {
        let seed = try Repository.text("seeds/000_1bf7682267f199a3.txt")
        #expect(Self.annotations.count > 30)
        #expect(Self.damage("深入對接東西部協作", annotations: Self.annotations) == "深入對接?xùn)|西部協(xié)作")
        #expect(seed.contains(Self.damage("拓寬當地群眾就業渠道", annotations: Self.annotations)))
    }

    @Test func repairRestoresEverySentenceTheGatewayDamaged() {
        var straddled = 0
        for sentence in Self.sentences + zip(Self.sentences, Self.sentences.dropFirst()).map({ $0 + $1 }) {
            let damaged = Self.damage(sentence, annotations: Self.annotations)
            if damaged.contains("?") { straddled += 1 }
            #expect(repair.repair(damaged) == sentence, "\(damaged)")
        }
        #expect(straddled >= 2)
    }

    @Test func repairIsIdempotent() throws {
        let once = repair.repair(try Repository.text("seeds/000_1bf7682267f199a3.txt"))
        #expect(repair.repair(once) == once)
    }
}
