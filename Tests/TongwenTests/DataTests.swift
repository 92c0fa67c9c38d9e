import Foundation
@testable import Tongwen
import Testing
import TongwenTestSupport

/// Invariants of the data in Data/ and of the tables compiled from it.
struct DataTests {
    static let dataDirectory = Repository.url("Data")

    static var dictionaryFiles: [URL] {
        ["opencc", "tongwen", "tongwen/additions"].flatMap { folder in
            let url = dataDirectory.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
                .filter { $0.hasSuffix(".txt") }.sorted().map { url.appendingPathComponent($0) }
        }
    }

    @Test func embeddedTablesAreFresh() throws {
        let compiled = try TableCompiler.compile(dataDirectory: Self.dataDirectory)
        let embedded = try Data(contentsOf: Repository.url("Sources/CTongwenData/tables.bin"))
        #expect(Data(compiled) == embedded, "run `swift run tongwen-compile-data` after changing Data/")
    }

    /// The weighing passes over a phrase whose two pairs across its ends are
    /// in no listed word, so every pair next to each other in one must be there.
    @Test func everyPairInAListedWordIsAWordPair() throws {
        let pairs = BuiltinTables.shared.pairs(named: FrequencySegmenter.wordPairsName)
        let list = try String(contentsOf: Self.dataDirectory.appendingPathComponent("jieba/words.txt"), encoding: .utf8)
        var checked = 0
        for line in list.split(separator: "\n") where !line.hasPrefix("#") {
            let word = line.prefix { $0 != "\t" }.unicodeScalars.map(\.value)
            for (first, second) in zip(word, word.dropFirst()) where !pairs.contains(first, second) {
                Issue.record("\(line.prefix { $0 != "\t" }) lacks a pair")
            }
            checked += max(0, word.count - 1)
        }
        #expect(checked > 100_000)
    }

    @Test func everyDictionaryLineParses() throws {
        #expect(Self.dictionaryFiles.count > 20)
        for file in Self.dictionaryFiles {
            // Parsing rejects lines without a tab and keys defined twice differently.
            let entries = try TableCompiler.entries(of: file)
            #expect(!entries.isEmpty, "\(file.lastPathComponent)")
            #expect(!entries.contains { $0.key.hasPrefix("#") }, "a comment read as an entry in \(file.lastPathComponent)")
        }
    }

    @Test func everyConfigNamesDictionariesThatExist() throws {
        let configs = try TableCompiler.openCCConfigs(in: Self.dataDirectory)
        #expect(Set(configs.map(\.name)) == Set(OpenCCConfig.allCases.map(\.rawValue)))
        for config in configs {
            #expect(!config.chain.isEmpty)
            for dictionary in config.levels.flatMap(\.dictionaries) {
                let file = TableCompiler.file(of: dictionary, in: Self.dataDirectory)
                #expect(FileManager.default.fileExists(atPath: file.path), "\(config.name) names \(dictionary)")
            }
        }
    }

    @Test func everyAdditionExtendsAnOpenCCDictionary() throws {
        for name in try TableCompiler.additionNames(in: Self.dataDirectory) {
            let original = TableCompiler.file(of: name, in: Self.dataDirectory)
            #expect(FileManager.default.fileExists(atPath: original.path), "Data/tongwen/additions/\(name).txt extends nothing")
        }
    }

    @Test func configLinesRoundTrip() throws {
        for config in try TableCompiler.openCCConfigs(in: Self.dataDirectory) {
            #expect(ConfigSpec(line: Substring(config.line)) == config)
        }
    }
}
