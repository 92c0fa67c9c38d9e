/// Compiles dictionary entries into the bytes of a ``PhraseTable``.
///
/// Entries added first win: adding several dictionaries in order gives OpenCC's
/// `union` policy (the longest key wins, the earlier dictionary on a tie).
struct PhraseTableBuilder {
    private struct Node {
        var children: [UInt32: Int] = [:]
        var value: Int?
    }

    private var nodes = [Node()]
    private var values: [[[UInt8]]] = []
    private var maxKeyLength = 0
    private var asciiInKeys = ASCIISet()

    var isEmpty: Bool { values.isEmpty }

    /// Adds entries whose keys are not in the table yet.
    mutating func add(_ entries: [DictionaryEntry]) {
        for entry in entries {
            add(key: entry.key, candidates: entry.candidates.map { Array($0.utf8) })
        }
    }

    /// Adds a key whose candidates are raw bytes (such as a binary number), unless the key is in the table.
    mutating func add(key: String, candidates: [[UInt8]]) {
        var node = 0
        var length = 0
        for scalar in key.unicodeScalars {
            length += 1
            if let next = nodes[node].children[scalar.value] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[scalar.value] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        guard nodes[node].value == nil else { return }
        for byte in key.utf8 where byte < 0x80 { asciiInKeys.insert(byte) }
        nodes[node].value = values.count
        values.append(candidates)
        maxKeyLength = max(maxKeyLength, length)
    }

    /// The compiled table.
    func build() -> [UInt8] {
        // Number the nodes breadth first, so that each node's children are contiguous.
        var order: [Int] = []
        var newIndex = [Int](repeating: 0, count: nodes.count)
        var queue = nodes[0].children.sorted { $0.key < $1.key }.map(\.value)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            order.append(node)
            newIndex[node] = order.count // node 0 stands for "none"
            queue.append(contentsOf: nodes[node].children.sorted { $0.key < $1.key }.map(\.value))
        }

        var pageIndex = [UInt16](repeating: 0, count: PhraseTable.pageCount)
        var pages = [UInt32](repeating: 0, count: 256)
        for (scalar, node) in nodes[0].children.sorted(by: { $0.key < $1.key }) {
            let page = Int(scalar >> 8)
            if pageIndex[page] == 0 {
                pageIndex[page] = UInt16(pages.count / 256)
                pages.append(contentsOf: repeatElement(0, count: 256))
            }
            pages[Int(pageIndex[page]) * 256 + Int(scalar & 0xFF)] = UInt32(newIndex[node])
        }

        var nodeValue: [UInt32] = [0]
        var childStart: [UInt32] = [0, 0]
        var childScalar: [UInt32] = []
        var childNode: [UInt32] = []
        for node in order {
            nodeValue.append(nodes[node].value.map { UInt32($0 + 1) } ?? 0)
            for (scalar, child) in nodes[node].children.sorted(by: { $0.key < $1.key }) {
                childScalar.append(scalar)
                childNode.append(UInt32(newIndex[child]))
            }
            childStart.append(UInt32(childScalar.count))
        }

        var candidateStart: [UInt32] = [0]
        var byteStart: [UInt32] = [0]
        var text: [UInt8] = []
        for candidates in values {
            for candidate in candidates {
                text.append(contentsOf: candidate)
                byteStart.append(UInt32(text.count))
            }
            candidateStart.append(UInt32(byteStart.count - 1))
        }

        // The header, then the arrays at the offsets it records.
        let arrayBytes = [pageIndex.count * 2] + [pages, nodeValue, childStart, childScalar, childNode, candidateStart, byteStart].map { $0.count * 4 } + [text.count]
        var offset = PhraseTable.Field.allCases.count * 4
        var offsets: [UInt32] = []
        for size in arrayBytes {
            offsets.append(UInt32(offset))
            offset += (size + 3) & ~3
        }
        var writer = ByteWriter()
        for word in [PhraseTable.magic, UInt32(nodeValue.count), UInt32(childScalar.count), UInt32(values.count),
                     UInt32(byteStart.count - 1), UInt32(text.count), UInt32(maxKeyLength), UInt32(pages.count / 256)] + asciiInKeys.words + offsets {
            writer.uint32(word)
        }
        writer.array(pageIndex)
        writer.array(pages)
        writer.array(nodeValue)
        writer.array(childStart)
        writer.array(childScalar)
        writer.array(childNode)
        writer.array(candidateStart)
        writer.array(byteStart)
        writer.array(text)
        return writer.bytes
    }
}
