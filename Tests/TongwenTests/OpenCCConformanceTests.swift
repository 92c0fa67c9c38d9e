import Foundation
import Testing
import Tongwen
import TongwenTestSupport

/// OpenCC 1.4.2's own test cases (Data/opencc/test_data/testcases.json, Apache-2.0).
struct OpenCCConformanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var config: OpenCCConfig
        var input: String
        var expected: String
        var testDescription: String { "\(id) \(config.rawValue)" }
    }

    static let cases: [Case] = {
        var json = try! Repository.text("Data/opencc/test_data/testcases.json")
        // The file has one trailing comma, which JSONSerialization rejects.
        json = json.replacingOccurrences(of: #",(\s*[}\]])"#, with: "$1", options: .regularExpression)
        let root = try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).flatMap { item in
            (item["expected"] as! [String: String]).sorted { $0.key < $1.key }.map { config, expected in
                Case(id: item["id"] as! String, config: OpenCCConfig(rawValue: config)!,
                     input: item["input"] as! String, expected: expected)
            }
        }
    }()

    @Test func suiteHasAllPairs() {
        #expect(Self.cases.count == 556)
        #expect(Set(Self.cases.map(\.config)) == Set(OpenCCConfig.allCases))
    }

    @Test(arguments: cases)
    func reproducesOpenCC(_ testCase: Case) {
        #expect(Converter(config: testCase.config).convert(testCase.input) == testCase.expected)
    }
}
