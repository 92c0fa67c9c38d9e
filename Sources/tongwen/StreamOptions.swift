import ArgumentParser
import Glibc
import Tongwen

/// Input, output and parallelism options shared by the commands that filter text.
struct StreamOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Input encoding: auto, utf-8, gbk, gb18030, big5, big5-hkscs.", valueName: "name"))
    var encoding: String = Self.defaultEncoding

    @Option(name: .customLong("output-encoding"), help: ArgumentHelp("Output encoding (default utf-8).", valueName: "name"))
    var outputEncoding: String = Self.defaultOutputEncoding

    @Flag(name: .long, help: "Replace bytes invalid in a legacy input encoding with U+FFFD instead of stopping.")
    var lenient = false

    @Flag(name: .long, help: "Stop at the first invalid UTF-8 sequence, naming its byte offset (default: pass it through).")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("How many cores to use (default: all).", valueName: "n"))
    var jobs: Int = StreamOptions.availableCores

    @Flag(name: .shortAndLong, help: "No progress bar (it shows only on a terminal, for jobs longer than a second).")
    var quiet = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("in-place"), help: "Write each file's result over it (atomically, one file after another).")
    var inPlace = false

    @Argument(help: ArgumentHelp("Input files; none or '-' reads stdin.", valueName: "file"))
    var files: [String] = []

    /// The cores that are online. Asked of the kernel directly: ProcessInfo's
    /// answer costs a third of a millisecond of start-up.
    static var availableCores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    static let encodings = [defaultEncoding, defaultOutputEncoding, "gbk", "gb18030", "big5", "big5-hkscs"]
    /// `--encoding`'s default: detected from the input.
    static let defaultEncoding = "auto"
    /// `--output-encoding`'s default.
    static let defaultOutputEncoding = "utf-8"

    func validate() throws {
        if encoding != "auto", TextEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'; valid encodings: \(Self.encodings.joined(separator: ", "))")
        }
        if TextEncoding(name: outputEncoding) == nil {
            throw ValidationError("unknown output encoding '\(outputEncoding)'; valid encodings: \(Self.encodings.dropFirst().joined(separator: ", "))")
        }
        if inPlace && output != nil { throw ValidationError("--in-place and -o cannot be used together") }
        if inPlace && (files.isEmpty || files.contains("-")) { throw ValidationError("--in-place needs files to write over, not stdin") }
        if strict && lenient { throw ValidationError("--strict and --lenient cannot be used together") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    /// Opens every input (before any output is created).
    func openInputs() throws -> [InputReader] {
        try (files.isEmpty ? ["-"] : files).map { InputReader(file: try InputFile.open($0), encoding: encoding, lenient: lenient, strict: strict) }
    }

    /// Runs `transform` over every input in order, writing to stdout or `-o`,
    /// or with `--in-place` each file's result over it.
    func run<Transform: TextTransform>(_ transform: Transform) throws {
        let inputs = try openInputs()
        let sizes = inputs.map(\.size)
        let progress = ProgressBar.make(total: sizes.contains(nil) ? nil : sizes.reduce(0) { $0 + $1! }, quiet: quiet)
        defer { progress?.finish() }
        for input in inputs { input.progress = progress }
        if inPlace {
            for (input, file) in zip(inputs, files) { try run(transform, over: [input], into: file) }
        } else {
            try run(transform, over: inputs, into: output)
        }
    }

    /// Writes the result of `inputs` to `path` (stdout when nil); a file
    /// appears only complete, and stays as it was on any failure.
    private func run<Transform: TextTransform>(_ transform: Transform, over inputs: [InputReader], into path: String?) throws {
        let sink = try OutputSink(path: path)
        let encoder: LegacyEncoder?
        if case .legacy(let legacy) = TextEncoding(name: outputEncoding) {
            encoder = try LegacyEncoder(legacy)
        } else {
            encoder = nil
        }
        var encoded: [UInt8] = []
        do {
            let stream = ConversionStream(transform, jobs: jobs)
            for input in inputs {
                try stream.run(read: input.read) { bytes in
                    guard let encoder else { return try sink.write(bytes) }
                    encoded.removeAll(keepingCapacity: true)
                    do {
                        try encoder.encode(bytes, into: &encoded)
                    } catch {
                        throw RunFailure(message: "\(path ?? "stdout"): \(error)")
                    }
                    try encoded.withUnsafeBufferPointer { try sink.write($0) }
                }
            }
            try sink.commit()
        } catch {
            sink.discard()
            throw error
        }
    }
}
