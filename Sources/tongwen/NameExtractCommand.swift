import ArgumentParser
import Tongwen

struct NameExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find the people in running text: JSON lines {name, title, start, end}.",
        discussion: """
        Names are found after titles (广东省委书记李希, 省领导张硕辅、林克庆), before
        titles (习近平总书记), and again wherever a found name recurs (title null).
        start and end count Unicode scalars from the start of each input.

        Examples:
          tongwen name extract seeds/000_1bf7682267f199a3.repaired.txt
          tongwen convert --repair --to hans article.txt | tongwen name extract
        """
    )

    @OptionGroup var stream: StreamOptions

    func run() throws {
        let extractor = NameExtractor()
        for input in try stream.openInputs() {
            for mention in extractor.extract(String(decoding: try input.readAll(), as: UTF8.self)) {
                print(#"{"name":\#(JSONText.quote(mention.name)),"title":\#(mention.title.map(JSONText.quote) ?? "null"),"start":\#(mention.start),"end":\#(mention.end)}"#)
            }
        }
    }
}
