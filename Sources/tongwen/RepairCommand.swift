import ArgumentParser
import Tongwen

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Undo web-gateway damage: pinyin glued after characters, bytes lost inside GBK characters.",
        discussion: """
        协(xié)作 becomes 協作; 對接?xùn)|西部 becomes 對接東西部. Legitimate parentheses
        such as 伯恩光學(惠州) or 廣東(Guangdong) stay, and so does every other byte.

        Examples:
          tongwen repair seeds/000_1bf7682267f199a3.txt
          tongwen convert --repair --to hans seeds/000_1bf7682267f199a3.txt
        """
    )

    @OptionGroup var stream: StreamOptions

    func run() throws {
        try stream.run(WebTextRepair())
    }
}

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Run any ICU transform over text, as a streaming filter.",
        discussion: """
        Examples:
          echo 马兴瑞 | tongwen transform --icu Han-Latin         mǎ xìng ruì
          tongwen transform --icu 'Fullwidth-Halfwidth' in.txt
          tongwen transform --icu 'Any-Latin; Latin-ASCII' in.txt
        """
    )

    @Option(name: .customLong("icu"), help: ArgumentHelp("An ICU transform ID.", valueName: "id"))
    var id: String

    @OptionGroup var stream: StreamOptions

    func validate() throws {
        do {
            _ = try Transliterator(id: id)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        try stream.run(try Transliterator(id: id))
    }
}
