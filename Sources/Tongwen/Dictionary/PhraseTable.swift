/// A compiled dictionary: a trie over Unicode scalars whose first level is a
/// page table indexed by code point, read in place from its bytes.
///
/// Layout (little-endian, arrays aligned to 4 bytes): magic `TWP3`, node count,
/// value count, candidate count, byte count, longest key in scalars, used
/// page count, the ASCII bytes that occur in keys (4 × `UInt32` bit mask),
/// and the byte offset from the table's start of each array below; then the
/// page index (`UInt16` × 4352), the pages (`UInt32` × 256 each, page 0
/// empty), the scalar that leads to each node, each node's record (value + 1
/// or 0, its first child, its child count: `UInt32` × 3), the start of each
/// value's other candidates (value count + 1), byte starts per candidate
/// (candidate count + 1), and the UTF-8 bytes of all candidates.
///
/// Node 0 means "none"; the root's children live in the pages. Nodes are
/// numbered breadth first, so a node's children are consecutive nodes, and
/// the scalars that lead to them are one sorted run to search; the record
/// of the child found holds all the next step needs, one place in memory
/// where three arrays were (their cache misses were most of a phrase
/// lookup's time). Candidate `v` is value `v`'s default, and the others
/// follow all the defaults, so that a default is found without the
/// candidate starts, one cache miss less.
///
/// A table is one pointer, so copying it, or a struct of many tables, in a hot
/// loop costs nothing; its bytes must outlive it. The embedded archive lives as
/// long as the process; tables built at run time come as an ``OwnedPhraseTable``.
struct PhraseTable: @unchecked Sendable {
    static let magic: UInt32 = 0x3350_5754 // "TWP3"
    static let pageCount = 0x110000 >> 8

    /// The header's words, in order.
    enum Field: Int, CaseIterable {
        case magic, nodeCount, valueCount, candidateCount, byteCount, maxKeyLength, usedPages
        case ascii0, ascii1, ascii2, ascii3
        case pageIndex, pages, nodeScalar, nodeRecord, candidateStart, byteStart, bytes
    }

    private let base: UnsafeRawPointer

    @inline(__always)
    private func header(_ field: Field) -> Int {
        Int(UInt32(littleEndian: base.load(fromByteOffset: field.rawValue * 4, as: UInt32.self)))
    }

    @inline(__always)
    private func array<T>(_ field: Field, of _: T.Type) -> UnsafePointer<T> {
        (base + header(field)).assumingMemoryBound(to: T.self)
    }

    private var pageIndex: UnsafePointer<UInt16> { array(.pageIndex, of: UInt16.self) }
    private var pages: UnsafePointer<UInt32> { array(.pages, of: UInt32.self) }
    private var nodeScalar: UnsafePointer<UInt32> { array(.nodeScalar, of: UInt32.self) }
    private var nodeRecord: UnsafePointer<UInt32> { array(.nodeRecord, of: UInt32.self) }
    private var candidateStart: UnsafePointer<UInt32> { array(.candidateStart, of: UInt32.self) }
    private var byteStart: UnsafePointer<UInt32> { array(.byteStart, of: UInt32.self) }
    private var bytes: UnsafePointer<UInt8> { array(.bytes, of: UInt8.self) }
    /// The number of values (distinct keys) in the table.
    var valueCount: Int { header(.valueCount) }
    /// The longest key, in Unicode scalars.
    var maxKeyLength: Int { header(.maxKeyLength) }
    /// Bit `b` is set when ASCII byte `b` occurs in some key.
    var asciiInKeys: ASCIISet {
        ASCIISet(words: (UInt32(header(.ascii0)), UInt32(header(.ascii1)), UInt32(header(.ascii2)), UInt32(header(.ascii3))))
    }

    /// A key found in text: its length in bytes of the text and its value.
    struct Match: Equatable {
        var length: Int
        var value: UInt32
    }

    /// Checks that the header describes arrays that lie within `count` bytes, where the layout puts them.
    init(base: UnsafeRawPointer, count: Int) throws(TableArchive.Malformed) {
        var reader = ByteReader(base: base, end: count, offset: 0)
        do {
            var words: [Int] = []
            for _ in Field.allCases { words.append(Int(try reader.uint32())) }
            func word(_ field: Field) -> Int { words[field.rawValue] }
            guard word(.magic) == Int(Self.magic) else { throw TableArchive.Malformed(description: "not a phrase table") }
            let sizes: [(Field, Int, Int)] = [
                (.pageIndex, MemoryLayout<UInt16>.stride, Self.pageCount), (.pages, 4, word(.usedPages) * 256),
                (.nodeScalar, 4, word(.nodeCount)), (.nodeRecord, 12, word(.nodeCount)),
                (.candidateStart, 4, word(.valueCount) + 1), (.byteStart, 4, word(.candidateCount) + 1), (.bytes, 1, word(.byteCount)),
            ]
            for (field, stride, elements) in sizes {
                guard word(field) == reader.offset else { throw TableArchive.Malformed(description: "phrase table arrays out of place") }
                _ = try reader.array(of: UInt8.self, count: stride * elements)
            }
        } catch is ByteReader.Truncated {
            throw TableArchive.Malformed(description: "truncated phrase table")
        } catch {
            throw error as! TableArchive.Malformed
        }
        self.base = base
    }

    /// Where the table's bytes are; it names the table as long as they live.
    var address: UnsafeRawPointer { base }

    /// The node for a key's first scalar, or 0.
    @inline(__always)
    func root(_ scalar: UInt32) -> UInt32 {
        guard scalar < 0x110000 else { return 0 }
        let page = UInt32(pageIndex[Int(scalar >> 8)])
        return pages[Int(page << 8 | scalar & 0xFF)]
    }

    /// The value of a node plus one (0: no key ends there), its first child and its child count.
    @inline(__always)
    fileprivate func record(_ node: UInt32) -> (value: UInt32, firstChild: Int, childCount: Int) {
        let record = nodeRecord + 3 &* Int(node)
        return (record[0], Int(record[1]), Int(record[2]))
    }

    @inline(__always)
    func child(of node: UInt32, _ scalar: UInt32) -> UInt32 {
        let (_, firstChild, childCount) = record(node)
        var low = firstChild
        var high = firstChild &+ childCount
        let scalars = nodeScalar
        while low < high {
            let middle = (low &+ high) >> 1
            let found = scalars[middle]
            if found == scalar { return UInt32(middle) }
            if found < scalar { low = middle &+ 1 } else { high = middle }
        }
        return 0
    }

    /// Calls `body` with each scalar that starts a key and its node.
    func forEachFirstScalar(_ body: (_ scalar: UInt32, _ node: UInt32) -> Void) {
        // Four page numbers and four entries a step, passed over when all are
        // empty, as most are: start-up runs this for every table a config uses.
        let pageIndex = UnsafeRawPointer(pageIndex)
        for firstPage in stride(from: 0, to: Self.pageCount, by: 4)
            where pageIndex.loadUnaligned(fromByteOffset: firstPage * 2, as: UInt64.self) != 0 {
            for pageNumber in firstPage..<firstPage + 4 {
                let page = Int(self.pageIndex[pageNumber])
                guard page != 0 else { continue }
                let entries = pages + page << 8
                for group in stride(from: 0, to: 256, by: 4) {
                    let four = UnsafeRawPointer(entries + group)
                    guard four.loadUnaligned(as: UInt64.self) | four.loadUnaligned(fromByteOffset: 8, as: UInt64.self) != 0 else { continue }
                    for low in group..<group + 4 where entries[low] != 0 {
                        body(UInt32(pageNumber << 8 | low), entries[low])
                    }
                }
            }
        }
    }

    /// Calls `body` with each scalar that can follow the key prefix that ends at `node`, and its node.
    func forEachChild(of node: UInt32, _ body: (_ scalar: UInt32, _ node: UInt32) -> Void) {
        let (_, firstChild, childCount) = record(node)
        for child in firstChild..<firstChild + childCount {
            body(nodeScalar[child], UInt32(child))
        }
    }

    /// The scalars that can follow the key prefix that ends at `node`.
    func childScalars(of node: UInt32) -> UnsafeBufferPointer<UInt32> {
        let (_, firstChild, childCount) = record(node)
        return UnsafeBufferPointer(start: nodeScalar + firstChild, count: childCount)
    }

    /// Whether some key starts with this scalar.
    @inline(__always)
    func startsKey(_ scalar: UInt32) -> Bool { root(scalar) != 0 }

    /// The longest key that starts at `start`, reading no further than `end`;
    /// each scalar of the text is first passed through `fold`.
    // `always` (SE-0496), not `__always`: a function this large is only a
    // hint, and the compiler kept the walk a call in the hot loops.
    @inline(always)
    func longestMatch<Fold: ScalarFold>(_ text: UnsafePointer<UInt8>, from start: Int, end: Int, fold: Fold) -> Match? {
        let (first, firstLength) = UTF8Decoding.decodeThreeByteFirst(text, at: start, end: end)
        var node = root(fold.fold(first))
        var best: Match?
        var position = start + firstLength
        while node != 0 {
            let (value, _, childCount) = record(node)
            if value != 0 { best = Match(length: position - start, value: value - 1) }
            guard position < end, childCount != 0 else { break }
            let (scalar, length) = UTF8Decoding.decodeThreeByteFirst(text, at: position, end: end)
            node = child(of: node, fold.fold(scalar))
            position += length
        }
        return best
    }

    /// The value of the key that ends at `node`, if that prefix is a key;
    /// nil for node 0, "none", whose record is empty.
    @inline(__always)
    func value(atNode node: UInt32) -> UInt32? {
        let value = record(node).value
        return value == 0 ? nil : value - 1
    }

    /// The value of the one-scalar key `scalar`, if the table has that key.
    @inline(__always)
    func value(ofScalar scalar: UInt32) -> UInt32? {
        value(atNode: root(scalar))
    }

    /// The value of `key` when the whole of it is a key.
    func value(ofKey key: String) -> UInt32? {
        var key = key
        return key.withUTF8(value(ofKey:))
    }

    /// The value of the UTF-8 `key` when the whole of it is a key.
    func value(ofKey key: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let base = key.baseAddress, let match = longestMatch(base, from: 0, end: key.count, fold: IdentityFold()),
              match.length == key.count else { return nil }
        return match.value
    }

    /// Whether `scalar` is among the candidates of `value`.
    func candidates(of value: UInt32, contain scalar: UInt32) -> Bool {
        (0..<candidateCount(of: value)).contains { index in
            let bytes = candidate(index, of: value)
            guard let base = bytes.baseAddress else { return false }
            let decoded = UTF8Decoding.decode(base, at: 0, end: bytes.count)
            return decoded.length == bytes.count && decoded.scalar == scalar
        }
    }

    /// The keys that start at `start`, shortest first, one at a time and without allocating.
    @inline(__always)
    func matches<Fold: ScalarFold>(in text: UnsafePointer<UInt8>, from start: Int, end: Int, fold: Fold) -> MatchIterator<Fold> {
        let (first, length) = UTF8Decoding.decode(text, at: start, end: end)
        return MatchIterator(table: self, text: text, start: start, end: end, fold: fold, node: root(fold.fold(first)), position: start + length)
    }

    struct MatchIterator<Fold: ScalarFold> {
        let table: PhraseTable
        let text: UnsafePointer<UInt8>
        let start: Int
        let end: Int
        let fold: Fold
        var node: UInt32
        var position: Int

        // `always`, as for `longestMatch`.
        @inline(always)
        mutating func next() -> Match? {
            while node != 0 {
                let (value, _, childCount) = table.record(node)
                let found = value != 0 ? Match(length: position - start, value: value - 1) : nil
                if position < end, childCount != 0 {
                    let (scalar, length) = UTF8Decoding.decode(text, at: position, end: end)
                    node = table.child(of: node, fold.fold(scalar))
                    position += length
                } else {
                    node = 0
                }
                if let found { return found }
            }
            return nil
        }
    }

    /// The number of candidates of a value.
    func candidateCount(of value: UInt32) -> Int {
        1 + Int(candidateStart[Int(value) + 1] - candidateStart[Int(value)])
    }

    /// The UTF-8 bytes of one candidate; candidate 0 is the default.
    @inline(__always)
    func candidate(_ index: Int, of value: UInt32) -> UnsafeBufferPointer<UInt8> {
        let candidate = index == 0 ? Int(value) : Int(candidateStart[Int(value)]) + index - 1
        let start = Int(byteStart[candidate])
        return UnsafeBufferPointer(start: bytes + start, count: Int(byteStart[candidate + 1]) - start)
    }

    /// All candidates of a value as strings.
    func candidates(of value: UInt32) -> [String] {
        (0..<candidateCount(of: value)).map { String(decoding: candidate($0, of: value), as: UTF8.self) }
    }
}

extension Sequence<PhraseTable> {
    /// The ASCII bytes that occur in a key of any of these tables.
    var asciiInKeys: ASCIISet { reduce(ASCIISet()) { $0.union($1.asciiInKeys) } }

    /// The number of keys of all these tables.
    var keyCount: Int { reduce(0) { $0 + $1.valueCount } }

    /// The scalars of the keys of two or more scalars of these tables, at any place.
    var scalarsInLongerKeys: Set<UInt32> {
        var scalars = Set<UInt32>()
        for table in self where table.maxKeyLength > 1 {
            func insertChildren(of node: UInt32) {
                table.forEachChild(of: node) { scalar, child in
                    scalars.insert(scalar)
                    insertChildren(of: child)
                }
            }
            table.forEachFirstScalar { scalar, node in
                guard !table.childScalars(of: node).isEmpty else { return }
                scalars.insert(scalar)
                insertChildren(of: node)
            }
        }
        return scalars
    }
}

/// Maps each scalar of the text before it is looked up; see ``PhraseTable/longestMatch(_:from:end:fold:)``.
protocol ScalarFold {
    func fold(_ scalar: UInt32) -> UInt32
}

/// Looks scalars up as they are.
struct IdentityFold: ScalarFold {
    @inline(__always) func fold(_ scalar: UInt32) -> UInt32 { scalar }
}

/// A set of ASCII bytes.
struct ASCIISet: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(words: (UInt32, UInt32, UInt32, UInt32)) {
        low = UInt64(words.0) | UInt64(words.1) << 32
        high = UInt64(words.2) | UInt64(words.3) << 32
    }

    var words: [UInt32] { [UInt32(truncatingIfNeeded: low), UInt32(low >> 32), UInt32(truncatingIfNeeded: high), UInt32(high >> 32)] }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low >> byte & 1 != 0 : byte < 128 ? high >> (byte - 64) & 1 != 0 : false
    }

    var isEmpty: Bool { low | high == 0 }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << byte } else if byte < 128 { high |= 1 << (byte - 64) }
    }

    func union(_ other: ASCIISet) -> ASCIISet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        return result
    }
}
