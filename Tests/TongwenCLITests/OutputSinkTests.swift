import Foundation
import Testing
import TongwenTestSupport
@testable import tongwen

/// The output file appears whole or not at all, whatever fails on the way.
struct OutputSinkTests {
    @Test func aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws {
        let folder = try CommandLineTool.temporaryFolder()
        let target = folder.appendingPathComponent("out.txt")
        try "旧内容".write(to: target, atomically: true, encoding: .utf8)
        let sink = try OutputSink(path: target.path)
        try Array("新内容的一半".utf8).withUnsafeBufferPointer { try sink.write($0) }
        // Whatever failed (a full disk, bad input, a signal), the run discards.
        sink.discard()
        #expect(try String(contentsOf: target, encoding: .utf8) == "旧内容")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test func aCommitReplacesTheTargetWhole() throws {
        let folder = try CommandLineTool.temporaryFolder()
        let target = folder.appendingPathComponent("out.txt")
        try "旧内容".write(to: target, atomically: true, encoding: .utf8)
        let sink = try OutputSink(path: target.path)
        try Array("新".utf8).withUnsafeBufferPointer { try sink.write($0) }
        // Until the commit, readers see the old file.
        #expect(try String(contentsOf: target, encoding: .utf8) == "旧内容")
        try Array("内容".utf8).withUnsafeBufferPointer { try sink.write($0) }
        try sink.commit()
        #expect(try String(contentsOf: target, encoding: .utf8) == "新内容")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }
}
