import ArgumentParser
import FoundationEssentials
import Glibc
import Tongwen

struct NameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name",
        abstract: "Keys, matching, romanization and extraction of Chinese personal names.",
        subcommands: [NameKeyCommand.self, NameMatchCommand.self, NameRomanizeCommand.self, NameExtractCommand.self]
    )
}

/// Names from the arguments, or one per line from stdin when there are none.
struct NameArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Names; none reads one per line from stdin.", valueName: "name"))
    var names: [String] = []

    func each(_ body: (String) -> String) throws {
        if !names.isEmpty {
            names.forEach { print(body($0)) }
            return
        }
        let bytes = try InputReader(file: InputFile.open("-"), encoding: "utf-8", lenient: false).readAll()
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            print(body(String(line)))
        }
    }
}

struct NameKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print a key that is the same for one name in any script or romanization.",
        discussion: """
        The key is the pinyin, surname first: 馬興瑞, 马兴瑞, 'Ma Xingrui', 'MA Xing-rui'
        and 廣東省省長馬興瑞 all give 'ma xingrui'. --characters prints the Simplified
        characters instead (马兴瑞), which tell 马兴瑞 from 马兴锐.

        Examples:
          tongwen name key 廣東省省長馬興瑞 'MA Xing-rui'
          tongwen name key --characters < names.txt
        """
    )

    @Flag(help: "Print the key in Simplified characters (romanized names keep their pinyin key).")
    var characters = false

    @OptionGroup var input: NameArguments

    func run() throws {
        let matcher = NameMatcher()
        try input.each { name in
            let key = matcher.key(name)
            return characters ? key.characters ?? key.phonetic : key.phonetic
        }
    }
}

struct NameMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Exit 0 when two names are the same name, 1 when not.",
        discussion: """
        Chinese against Chinese compares characters (马兴瑞 ≠ 马兴锐); a romanized
        side compares pinyin in any case, with or without tones, hyphens or
        spaces, surname first or last.

        Examples:
          tongwen name match 馬興瑞 'Xingrui Ma'
          tongwen name match --json 李希 李喜
        """
    )

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: "The first name.") var first: String
    @Argument(help: "The second name.") var second: String

    func run() throws {
        let comparison = NameMatcher().compare(first, second)
        if json {
            print(#"{"first":\#(Self.json(first, comparison.first)),"second":\#(Self.json(second, comparison.second)),"same":\#(comparison.isSame),"basis":"\#(comparison.basis.rawValue)"}"#)
        } else {
            print("\(first)\t\(comparison.first.characters ?? "-")\t\(comparison.first.phonetic)")
            print("\(second)\t\(comparison.second.characters ?? "-")\t\(comparison.second.phonetic)")
            print("\(comparison.isSame ? "same" : "different") (\(comparison.basis.rawValue))")
        }
        if !comparison.isSame { throw ExitCode(1) }
    }

    static func json(_ name: String, _ key: NameKey) -> String {
        #"{"name":\#(JSONText.quote(name)),"characters":\#(key.characters.map(JSONText.quote) ?? "null"),"phonetic":\#(JSONText.quote(key.phonetic))}"#
    }
}

struct NameRomanizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "romanize",
        abstract: "Romanize names: surname first, given name as one word (Ma Xingrui).",
        discussion: """
        Examples:
          tongwen name romanize 马兴瑞 欧阳修 尉迟恭 单雄信     Ma Xingrui, Ouyang Xiu, Yuchi Gong, Shan Xiongxin
          tongwen name romanize --tones 覃伟中                 Qín Wěizhōng
        """
    )

    @Flag(help: "Write tone marks.") var tones = false
    @OptionGroup var input: NameArguments

    func run() throws {
        let romanizer = NameRomanizer()
        try input.each { romanizer.romanize($0, tones: tones) }
    }
}
