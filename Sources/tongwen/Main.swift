import ArgumentParser
import FoundationEssentials
import Glibc

/// Runs the command and turns every error into one line on stderr and an exit
/// code: 64 for usage errors, 1 for run-time errors, 0 for help.
@main
enum Main {
    static func main() {
        do {
            var command = try parse(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch let code as ExitCode {
            // A decision, not a failure (`name match` exits 1 for different names).
            Glibc.exit(code.rawValue)
        } catch let failure as RunFailure {
            fail(reporting: failure.message, code: 1)
        } catch {
            let code = TongwenCommand.exitCode(for: error)
            if code == .success {
                print(TongwenCommand.fullMessage(for: error))
                Glibc.exit(0)
            }
            // One line: ArgumentParser's messages span several, indented.
            let message = TongwenCommand.message(for: error).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            fail(reporting: message, code: code == .failure ? 1 : code.rawValue)
        }
    }

    /// `convert`, the command that runs most, is parsed on its own: parsing
    /// the whole tree looks for a completion-script request first, which
    /// took a fifth of the start-up. Its plain forms are read without
    /// ArgumentParser at all (``ConvertCommand/quickParse(_:)``).
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        guard arguments.first == ConvertCommand._commandName else { return try TongwenCommand.parseAsRoot(arguments) }
        let convertArguments = Array(arguments.dropFirst())
        return try ConvertCommand.quickParse(convertArguments) ?? ConvertCommand.parseAsRoot(convertArguments)
    }

    static func fail(reporting message: String, code: Int32) -> Never {
        StandardError.write("tongwen: \(message)\n")
        Glibc.exit(code)
    }
}

/// A run-time error (exit 1); the message names the file or value at fault.
struct RunFailure: Error {
    let message: String
}
