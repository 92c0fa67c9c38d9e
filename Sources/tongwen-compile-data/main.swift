import Foundation
import Tongwen

// Usage: tongwen-compile-data [DATA_DIR [OUTPUT]]
// Defaults: Data/ and Sources/CTongwenData/tables.bin of the current directory.
let arguments = CommandLine.arguments.dropFirst()
let dataDirectory = URL(fileURLWithPath: arguments.first ?? "Data")
let output = URL(fileURLWithPath: arguments.dropFirst().first ?? "Sources/CTongwenData/tables.bin")
do {
    let bytes = try TableCompiler.compile(dataDirectory: dataDirectory)
    try Data(bytes).write(to: output, options: .atomic)
    print("wrote \(bytes.count) bytes to \(output.path)")
} catch {
    FileHandle.standardError.write(Data("tongwen-compile-data: \(error)\n".utf8))
    exit(1)
}
