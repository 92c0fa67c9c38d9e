import ArgumentParser
import Testing
@testable import tongwen

/// `convert`'s plain forms, read without ArgumentParser, give the command
/// ArgumentParser gives; every other form is left to it.
struct ConvertQuickParseTests {
    /// Every property of a parsed command, as the values its wrappers hold.
    private func properties(_ command: ConvertCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test(arguments: [
        ["--to", "hant"],
        ["--to=tw", "a.txt", "-", "b.txt"],
        ["a.txt", "--config", "s2twp", "--segmentation", "greedy"],
        ["--to", "hans", "--from", "hk", "--dict", "one.txt", "--dict=two.txt", "--no-names"],
        ["--to", "tw", "--to", "hk", "--explain", "--repair", "--repair"],
        ["--to", "cn", "--encoding", "gbk", "--output-encoding", "big5", "--lenient", "--quiet"],
        ["--to", "jp", "--jobs", "3", "--output", "out.txt", "--strict"],
        ["--to", "hant", "--jobs=+2", "--in-place", "a.txt"],
    ])
    func readsAsArgumentParserDoes(_ arguments: [String]) throws {
        let quick = try #require(ConvertCommand.quickParse(arguments))
        #expect(properties(quick) == properties(try ConvertCommand.parse(arguments)))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--to", "hant", "-q"], ["--to", "hant", "-o", "out.txt"],
        ["--to"], ["--to", "--explain"], ["--to="], ["--explain=yes", "--to", "hant"],
        ["--to", "hant", "--", "-file"], ["--to", "hant", "-file"], ["--to", "hant", "--unknown"],
        ["--to", "hant", "--jobs", "two"], ["--to", "hant", "--jobs", "0"], ["--to", "mars"],
        ["--to", "hant", "--config", "s2t"], [], ["--to", "hant", "--strict", "--lenient"],
        ["--to", "hant", "--in-place"], ["--config", "s2t", "--from", "tw"], ["--version"],
        ["--generate-completion-script", "bash"],
    ])
    func leavesEveryOtherFormToArgumentParser(_ arguments: [String]) {
        #expect(ConvertCommand.quickParse(arguments) == nil)
    }
}
