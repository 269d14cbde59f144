import Foundation
import Glibc
import Testing
@testable import WITCommandLine

/// `DirectoryHandle`: writes and removals that stay in their folder whatever is planted there.
@Suite struct DirectoryHandleTests {
    /// A fresh scratch folder with an empty `out/` in it, opened.
    func scratch() throws -> (folder: URL, out: DirectoryHandle) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witgen-handle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let out = try #require(try DirectoryHandle.open(folder.appendingPathComponent("out").path))
        return (folder, out)
    }

    func read(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// A link and a file planted at the very name the temporary file gets: the write fails
    /// (every name tried is taken) and neither the link's target nor the file changes.
    @Test func aTemporaryNameAlreadyTakenIsNeverWrittenThrough() throws {
        let (folder, out) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("outside.txt")
        try Data("precious\n".utf8).write(to: outside)
        let linked = ".A.swift.0000000000000000.witgen-tmp", planted = ".B.swift.0000000000000000.witgen-tmp"
        #expect(symlink(outside.path, folder.appendingPathComponent("out/\(linked)").path) == 0)
        try Data("someone's\n".utf8).write(to: folder.appendingPathComponent("out/\(planted)"))
        for (name, temporary) in [("A.swift", linked), ("B.swift", planted)] {
            #expect(throws: FileSystem.Failure.self) {
                try out.writeTemporary(Array("new text\n".utf8), for: name, permissions: nil) { _ in temporary }
            }
        }
        #expect(try read(outside) == "precious\n")
        #expect(try read(folder.appendingPathComponent("out/\(planted)")) == "someone's\n")
        #expect(out.status(of: linked)?.kind == .symbolicLink)
    }

    /// When the first name tried is taken by a link, the next one is used.
    @Test func aTakenTemporaryNameIsPassedOver() throws {
        let (folder, out) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("outside.txt")
        try Data("precious\n".utf8).write(to: outside)
        let taken = ".A.swift.0000000000000000.witgen-tmp", free = ".A.swift.0000000000000001.witgen-tmp"
        #expect(symlink(outside.path, folder.appendingPathComponent("out/\(taken)").path) == 0)
        var names = [taken, free]
        let written = try out.writeTemporary(Array("new text\n".utf8), for: "A.swift", permissions: nil) { _ in names.removeFirst() }
        #expect(written == free)
        #expect(try read(folder.appendingPathComponent("out/\(free)")) == "new text\n")
        #expect(try read(outside) == "precious\n")
    }
}
