import ArgumentParser

struct TongwenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tongwen",
        abstract: "Chinese script work: Simplified and Traditional conversion in regional standards.",
        discussion: """
        Examples:
          tongwen convert --to tw article.txt          Simplified or mixed text to Taiwan Traditional
          tongwen convert --to hans -o out.txt in.txt  Traditional to Simplified, written atomically
          echo 软件 | tongwen convert --to twp          Taiwan vocabulary: 軟體
          tongwen convert --config s2hk in.txt         one of OpenCC's 16 configs, exactly
        """,
        subcommands: [ConvertCommand.self, RepairCommand.self, NormalizeCommand.self, DetectCommand.self, NameCommand.self, TransformCommand.self]
    )
}
