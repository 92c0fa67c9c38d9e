import Testing
import TongwenTestSupport
@testable import Tongwen

/// Every public value type is shared across tasks: one instance used by many
/// tasks at once gives what one per task gives. Run under ThreadSanitizer with
/// `swift test --sanitize=thread --filter ThreadSafetyTests` (see the README).
struct ThreadSafetyTests {
    /// Runs `work` on `tasks` tasks at once and returns their results.
    func concurrently<Result: Sendable>(_ tasks: Int = 12, _ work: @escaping @Sendable () -> Result) async -> [Result] {
        await withTaskGroup(of: Result.self) { group in
            for _ in 0..<tasks { group.addTask(operation: work) }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func sharedConverterWithUserDictionary() async throws {
        let seed = try Repository.text("seeds/000_1bf7682267f199a3.txt")
        let dictionary = try UserDictionary(text: "于书记\t于書記\n谌贻琴\t諶貽琴\n", name: "names.txt")
        let shared = Converter(target: .twp, dictionaries: [dictionary])
        let expected = Converter(target: .twp, dictionaries: [dictionary]).convert(seed)
        #expect(await concurrently { shared.convert(seed) }.allSatisfy { $0 == expected })
    }

    @Test func sharedNameMatcherNormalizerAndRepair() async throws {
        let seed = try Repository.text("seeds/000_1bf7682267f199a3.txt")
        let matcher = NameMatcher(), normalizer = TextNormalizer(options: .matching), repair = WebTextRepair()
        let expected = (NameMatcher().key("廣東省省長馬興瑞"), TextNormalizer(options: .matching).normalize(seed), WebTextRepair().repair(seed))
        let results = await concurrently { (matcher.key("廣東省省長馬興瑞"), normalizer.normalize(seed), repair.repair(seed)) }
        #expect(results.allSatisfy { $0.0 == expected.0 && $0.1 == expected.1 && $0.2 == expected.2 })
    }

    @Test func sharedTransliteratorAndStreamsOnManyJobs() async throws {
        let seed = Array(try Repository.text("seeds/000_1bf7682267f199a3.txt").utf8)
        let input = Array(repeatElement(seed, count: 6).joined())
        let transliterator = try Transliterator(id: "Han-Latin")
        let converter = Converter(target: .hk)
        var expected: [UInt8] = []
        converter.convert(input, into: &expected)
        let results = await concurrently(6) {
            let output = try! streamed(input, through: converter, blockSize: 4093, jobs: 4)
            return (output, transliterator.transform("中文"))
        }
        #expect(results.allSatisfy { $0.0 == expected && $0.1 == "zhōng wén" })
    }
}
