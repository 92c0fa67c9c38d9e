import FoundationEssentials
import Glibc

/// An input opened for reading: a file, or stdin for "-".
struct InputFile {
    let name: String
    private let descriptor: Int32

    static func open(_ path: String) throws -> InputFile {
        if path == "-" { return InputFile(name: "stdin", descriptor: STDIN_FILENO) }
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw RunFailure(message: "\(path): \(describe(errno))") }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            Glibc.close(descriptor)
            throw RunFailure(message: "\(path): is a directory, not a file")
        }
        return InputFile(name: path, descriptor: descriptor)
    }

    /// Why `path` cannot be opened for reading.
    static func reason(opening path: String) -> String {
        let descriptor = Glibc.open(path, O_RDONLY)
        if descriptor >= 0 {
            Glibc.close(descriptor)
            return "cannot be read"
        }
        return describe(errno)
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "is a directory, not a file"
        default: String(cString: strerror(code))
        }
    }

    /// The size in bytes when the input is a regular file (not a pipe or terminal).
    var size: Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw RunFailure(message: "\(name): \(Self.describe(errno))") }
        }
    }

    func close() {
        if descriptor != STDIN_FILENO { Glibc.close(descriptor) }
    }
}
