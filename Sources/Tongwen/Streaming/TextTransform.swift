/// A transformation of UTF-8 text that ``ConversionStream`` can run over a
/// stream: conversion, repair, normalization, ICU transforms.
public protocol TextTransform: Sendable {
    /// Transforms `input`, appending the result to `output`.
    func apply(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8])

    /// The length of the longest prefix of `buffer` whose result does not depend
    /// on what follows it; 0 when there is none yet.
    func safePrefixLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int

    /// The transform to use for a stream whose first bytes are `sample` (a
    /// converter with an `auto` source decides it here).
    func prepared(forSample sample: UnsafeBufferPointer<UInt8>) -> Self

    /// How much of the start of a stream makes its sample: a length, 0 when
    /// no sample is needed, nil when `buffer` is not enough yet.
    func sampleEnd(_ buffer: UnsafeBufferPointer<UInt8>) -> Int?
}

extension TextTransform {
    /// Lines are independent unless a transform says otherwise.
    public func safePrefixLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        buffer.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    }

    public func prepared(forSample sample: UnsafeBufferPointer<UInt8>) -> Self { self }

    public func sampleEnd(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? { 0 }
}

extension Converter: TextTransform {
    public func apply(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        convert(input, into: &output)
    }

    public func prepared(forSample sample: UnsafeBufferPointer<UInt8>) -> Converter {
        resolvingSource(sample: sample)
    }

    public func sampleEnd(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        needsSample ? ScriptDetector.sampleEnd(buffer) : 0
    }
}

extension Transliterator: TextTransform {
    public func apply(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        transform(input, into: &output)
    }
}

extension WebTextRepair: TextTransform {
    public func apply(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        repair(input, into: &output)
    }
}

/// One transform after another, such as repair before conversion.
///
/// A cut is taken where both agree; that is sound for transforms that keep
/// lines as lines, which every Tongwen transform does.
public struct TransformChain<First: TextTransform, Second: TextTransform>: TextTransform {
    public let first: First
    public let second: Second

    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    public func apply(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var middle: [UInt8] = []
        middle.reserveCapacity(input.count)
        first.apply(input, into: &middle)
        middle.withUnsafeBufferPointer { second.apply($0, into: &output) }
    }

    public func safePrefixLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        min(first.safePrefixLength(buffer), second.safePrefixLength(buffer))
    }

    public func sampleEnd(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = first.sampleEnd(buffer), let second = second.sampleEnd(buffer) else { return nil }
        return max(first, second)
    }

    public func prepared(forSample sample: UnsafeBufferPointer<UInt8>) -> Self {
        let first = first.prepared(forSample: sample)
        var middle: [UInt8] = []
        first.apply(sample, into: &middle)
        return middle.withUnsafeBufferPointer { TransformChain(first, second.prepared(forSample: $0)) }
    }
}
