import CTongwenData

/// A set of named binary sections: the compiled dictionaries and the config list.
///
/// Layout: magic `TWAR`, section count, then per section its name length, name
/// (padded to 4 bytes), offset and length; sections start on 16-byte boundaries.
struct TableArchive: Sendable {
    static let magic: UInt32 = 0x5241_5754 // "TWAR"

    let storage: TableStorage
    private let sections: [String: Range<Int>]

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    init(storage: TableStorage) throws(Malformed) {
        self.storage = storage
        var reader = ByteReader(base: storage.base, end: storage.count, offset: 0)
        var sections: [String: Range<Int>] = [:]
        do {
            guard try reader.uint32() == Self.magic else { throw Malformed(description: "not a table archive") }
            let count = Int(try reader.uint32())
            for _ in 0..<count {
                let nameLength = Int(try reader.uint32())
                let name = String(decoding: UnsafeBufferPointer(start: try reader.array(of: UInt8.self, count: nameLength), count: nameLength), as: UTF8.self)
                let offset = Int(try reader.uint32())
                let length = Int(try reader.uint32())
                guard offset + length <= storage.count else { throw Malformed(description: "section \(name) out of bounds") }
                sections[name] = offset..<offset + length
            }
        } catch is ByteReader.Truncated {
            throw Malformed(description: "truncated table archive")
        } catch {
            throw error as! Malformed
        }
        self.sections = sections
    }

    /// The names of all sections.
    var sectionNames: Dictionary<String, Range<Int>>.Keys { sections.keys }

    /// The archive compiled into the binary.
    static let embedded: TableArchive = {
        let storage = TableStorage(staticBytes: UnsafeRawPointer(tongwen_tables_bytes()), count: tongwen_tables_count())
        do {
            return try TableArchive(storage: storage)
        } catch {
            fatalError("The embedded tables are damaged (\(error)); rebuild with `swift run tongwen-compile-data`.")
        }
    }()

    func section(_ name: String) -> (base: UnsafeRawPointer, count: Int)? {
        sections[name].map { (storage.base + $0.lowerBound, $0.count) }
    }

    /// Builds an archive from named sections, in the given order.
    static func write(_ namedSections: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var header = ByteWriter()
        // The header's size does not depend on offsets, so compute it first.
        let headerSize = 8 + namedSections.reduce(0) { $0 + 12 + ($1.name.utf8.count + 3) & ~3 }
        var offset = (headerSize + 15) & ~15
        var offsets: [Int] = []
        for section in namedSections {
            offsets.append(offset)
            offset = (offset + section.bytes.count + 15) & ~15
        }
        header.uint32(magic)
        header.uint32(UInt32(namedSections.count))
        for (section, sectionOffset) in zip(namedSections, offsets) {
            header.uint32(UInt32(section.name.utf8.count))
            header.array(Array(section.name.utf8))
            header.uint32(UInt32(sectionOffset))
            header.uint32(UInt32(section.bytes.count))
        }
        var result = header.bytes
        for (section, sectionOffset) in zip(namedSections, offsets) {
            result.append(contentsOf: repeatElement(0, count: sectionOffset - result.count))
            result.append(contentsOf: section.bytes)
        }
        result.append(contentsOf: repeatElement(0, count: ((result.count + 15) & ~15) - result.count))
        return result
    }
}
