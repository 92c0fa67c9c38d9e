/// Compiles dictionary entries into the bytes of a ``PhraseTable``.
///
/// Entries added first win: adding several dictionaries in order gives OpenCC's
/// `union` policy (the longest key wins, the earlier dictionary on a tie).
struct PhraseTableBuilder {
    /// Every key's scalars, one key after another: key `i` is
    /// `scalars[keyStarts[i]..<keyStarts[i + 1]]`. Flat arrays, so that a
    /// million-entry user dictionary builds in seconds and little memory.
    private var scalars: [UInt32] = []
    private var keyStarts: [Int] = [0]
    private var candidates: [[[UInt8]]] = []

    var isEmpty: Bool { candidates.isEmpty }

    /// Adds entries whose keys are not in the table yet.
    mutating func add(_ entries: [DictionaryEntry]) {
        for entry in entries {
            add(key: entry.key, candidates: entry.candidates.map { Array($0.utf8) })
        }
    }

    /// Adds a key whose candidates are raw bytes (such as a binary number),
    /// unless the key is in the table; a key without candidates converts to
    /// nothing known, and is left out.
    mutating func add(key: String, candidates: [[UInt8]]) {
        guard !key.isEmpty, !candidates.isEmpty else { return }
        scalars.append(contentsOf: key.unicodeScalars.lazy.map(\.value))
        keyStarts.append(scalars.count)
        self.candidates.append(candidates)
    }

    private func key(_ index: Int) -> ArraySlice<UInt32> { scalars[keyStarts[index]..<keyStarts[index + 1]] }

    /// Key order, and among equal keys the one added first.
    private func precedes(_ first: Int, _ second: Int) -> Bool {
        let (a, b) = (key(first), key(second))
        for (x, y) in zip(a, b) where x != y { return x < y }
        return a.count != b.count ? a.count < b.count : first < second
    }

    /// The keys of `sorted[range]` that go on past `depth` scalars, grouped by their scalar there.
    private func children(_ sorted: [Int], _ range: Range<Int>, depth: Int) -> [(scalar: UInt32, range: Range<Int>)] {
        var groups: [(scalar: UInt32, range: Range<Int>)] = []
        for index in range {
            let key = key(sorted[index])
            guard key.count > depth else { continue }
            let scalar = key[key.startIndex + depth]
            if let last = groups.last, last.scalar == scalar {
                groups[groups.count - 1].range = last.range.lowerBound..<index + 1
            } else {
                groups.append((scalar, index..<index + 1))
            }
        }
        return groups
    }

    /// The compiled table.
    func build() -> [UInt8] {
        // Keys in order without repeats (the first added wins); values numbered in the order added.
        let ordered = candidates.indices.sorted(by: precedes)
        let sorted = ordered.indices.filter { $0 == 0 || !key(ordered[$0]).elementsEqual(key(ordered[$0 - 1])) }.map { ordered[$0] }
        var kept = [Bool](repeating: false, count: candidates.count)
        for index in sorted { kept[index] = true }
        var valueOf = [Int](repeating: 0, count: candidates.count)
        var values: [[[UInt8]]] = []
        var maxKeyLength = 0
        var asciiInKeys = ASCIISet()
        for index in candidates.indices where kept[index] {
            valueOf[index] = values.count
            values.append(candidates[index])
            maxKeyLength = max(maxKeyLength, key(index).count)
            for scalar in key(index) where scalar < 0x80 { asciiInKeys.insert(UInt8(scalar)) }
        }

        // Nodes breadth first, each a range of sorted keys sharing a prefix, so
        // that each node's children are contiguous; node 0 stands for "none".
        var pageIndex = [UInt16](repeating: 0, count: PhraseTable.pageCount)
        var pages = [UInt32](repeating: 0, count: 256)
        var queue: [(range: Range<Int>, depth: Int, scalar: UInt32)] = []
        for (scalar, range) in children(sorted, sorted.indices, depth: 0) {
            queue.append((range, 1, scalar))
            let page = Int(scalar >> 8)
            if pageIndex[page] == 0 {
                pageIndex[page] = UInt16(pages.count / 256)
                pages.append(contentsOf: repeatElement(0, count: 256))
            }
            pages[Int(pageIndex[page]) * 256 + Int(scalar & 0xFF)] = UInt32(queue.count)
        }
        var nodeScalar: [UInt32] = [0]
        var nodeRecord: [UInt32] = [0, 0, 0]
        var head = 0
        while head < queue.count {
            let (range, depth, scalar) = queue[head]
            head += 1
            nodeScalar.append(scalar)
            // A key that ends here sorts first among those sharing the prefix.
            let first = sorted[range.lowerBound]
            let value = key(first).count == depth ? UInt32(valueOf[first] + 1) : 0
            // Children are queued in order, so they are the next node numbers.
            let firstChild = UInt32(queue.count + 1)
            let groups = children(sorted, range, depth: depth)
            for (childScalar, childRange) in groups { queue.append((childRange, depth + 1, childScalar)) }
            nodeRecord.append(contentsOf: [value, groups.isEmpty ? 0 : firstChild, UInt32(groups.count)])
        }

        // Each value's default first, in value order, then the others.
        var byteStart: [UInt32] = [0]
        var text: [UInt8] = []
        for candidates in values {
            text.append(contentsOf: candidates[0])
            byteStart.append(UInt32(text.count))
        }
        var candidateStart: [UInt32] = [UInt32(values.count)]
        for candidates in values {
            for candidate in candidates.dropFirst() {
                text.append(contentsOf: candidate)
                byteStart.append(UInt32(text.count))
            }
            candidateStart.append(UInt32(byteStart.count - 1))
        }

        // The header, then the arrays at the offsets it records.
        let arrayBytes = [pageIndex.count * 2] + [pages, nodeScalar, nodeRecord, candidateStart, byteStart].map { $0.count * 4 } + [text.count]
        var offset = PhraseTable.Field.allCases.count * 4
        var offsets: [UInt32] = []
        for size in arrayBytes {
            offsets.append(UInt32(offset))
            offset += (size + 3) & ~3
        }
        var writer = ByteWriter()
        for word in [PhraseTable.magic, UInt32(nodeScalar.count), UInt32(values.count),
                     UInt32(byteStart.count - 1), UInt32(text.count), UInt32(maxKeyLength), UInt32(pages.count / 256)] + asciiInKeys.words + offsets {
            writer.uint32(word)
        }
        writer.array(pageIndex)
        writer.array(pages)
        writer.array(nodeScalar)
        writer.array(nodeRecord)
        writer.array(candidateStart)
        writer.array(byteStart)
        writer.array(text)
        return writer.bytes
    }
}
