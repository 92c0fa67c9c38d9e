import Tongwen

extension ConvertCommand {
    /// `tongwen convert`'s arguments (those after `convert`) read without
    /// ArgumentParser, whose reflection over the command's properties took
    /// two fifths of a conversion's start-up. Only the plain forms are read:
    /// long options with their value after a space or `=`, flags, and file
    /// names. Anything else gives nil and goes to ArgumentParser, which then
    /// gives its help or its error: short and unknown options, `--`, a
    /// missing value or one that starts with `-`, and values that do not
    /// validate. What it does read, it reads as ArgumentParser does, the last
    /// of a repeated option winning (`ConvertQuickParseTests`).
    static func quickParse(_ arguments: [String]) -> ConvertCommand? {
        var command = ConvertCommand()
        var stream = StreamOptions()
        // Every property is given its declared default first: a property
        // that ArgumentParser did not fill in cannot be read.
        command.to = nil
        command.config = nil
        command.from = Self.defaultSource
        command.dictionaries = []
        command.segmentation = Self.defaultSegmentation
        command.noNames = false
        command.explain = false
        command.repair = false
        stream.encoding = StreamOptions.defaultEncoding
        stream.outputEncoding = StreamOptions.defaultOutputEncoding
        stream.lenient = false
        stream.strict = false
        stream.jobs = StreamOptions.availableCores
        stream.quiet = false
        stream.output = nil
        stream.inPlace = false
        stream.files = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("-"), argument != "-" else {
                stream.files.append(argument)
                continue
            }
            guard argument.hasPrefix("--"), argument.count > 2 else { return nil }
            let option = argument.dropFirst(2)
            let name = option.prefix { $0 != "=" }
            let joined = name.count < option.count ? String(option.dropFirst(name.count + 1)) : nil
            if joined == nil, setFlag(name, &command, &stream) { continue }
            guard let value = joined ?? remaining.popFirst(), !value.isEmpty, !value.hasPrefix("-"),
                  setOption(name, to: value, &command, &stream) else { return nil }
        }
        command.stream = stream
        do {
            try command.validate()
            try stream.validate()
        } catch {
            return nil
        }
        return command
    }

    /// `--from`'s default.
    static let defaultSource = SourceScript.auto.rawValue
    /// `--segmentation`'s default.
    static let defaultSegmentation = Segmentation.frequency.rawValue

    /// Sets the flag of this long name; false when there is none.
    private static func setFlag(_ name: Substring, _ command: inout ConvertCommand, _ stream: inout StreamOptions) -> Bool {
        switch name {
        case "no-names": command.noNames = true
        case "explain": command.explain = true
        case "repair": command.repair = true
        case "lenient": stream.lenient = true
        case "strict": stream.strict = true
        case "quiet": stream.quiet = true
        case "in-place": stream.inPlace = true
        default: return false
        }
        return true
    }

    /// Sets the option of this long name to `value`; false when there is
    /// none, or the value is of the wrong type.
    private static func setOption(_ name: Substring, to value: String, _ command: inout ConvertCommand, _ stream: inout StreamOptions) -> Bool {
        switch name {
        case "to": command.to = value
        case "config": command.config = value
        case "from": command.from = value
        case "dict": command.dictionaries.append(value)
        case "segmentation": command.segmentation = value
        case "encoding": stream.encoding = value
        case "output-encoding": stream.outputEncoding = value
        case "output": stream.output = value
        case "jobs":
            guard let jobs = Int(value) else { return false }
            stream.jobs = jobs
        default: return false
        }
        return true
    }
}
