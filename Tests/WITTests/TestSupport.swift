import Foundation
@testable import WIT

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root (the folder with Package.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/conformance`, the reference test data (read in place, never copied).
    static let conformance: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")

    /// Whether the tests that read `../shared` run: when it is beside the clone, or when
    /// `WITGEN_REQUIRE_SHARED=1` (as `.ci/run` sets it) asks for them anyway, so that a
    /// missing `../shared` fails them there instead of skipping them. In a clone with nothing
    /// beside it they are reported as skipped, with what they need.
    static let sharedIsPresent = FileManager.default.fileExists(atPath: conformance.path)
        || ProcessInfo.processInfo.environment["WITGEN_REQUIRE_SHARED"] == "1"

    /// Loads one in-memory file.
    static func load(_ text: String, path: String = "t.wit", features: Set<String> = []) -> Result<FrontEnd.Output, FrontEndFailure> {
        FrontEnd.load(FrontEnd.Input(main: FrontEnd.PackageGroup(files: [SourceFile(path: path, text: text)])), features: features)
    }

    /// Every `.wit` file under a folder, recursively, sorted.
    static func witFiles(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "wit" }.sorted { $0.path < $1.path }
    }
}

/// A small deterministic random number generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One in-memory `.wit` file.
struct WITFile: Sendable {
    var path: String
    var bytes: [UInt8]

    init(_ path: String, _ text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    init(_ path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    var sourceFile: SourceFile { SourceFile(path: path, bytes: bytes) }
}

extension TestSupport {
    /// Loads a main package of several files, with dependency packages (each a group of files).
    static func load(files: [WITFile], dependencies: [[WITFile]] = [],
                     features: Set<String> = []) -> Result<FrontEnd.Output, FrontEndFailure> {
        let input = FrontEnd.Input(main: FrontEnd.PackageGroup(files: files.map(\.sourceFile)),
                                   dependencies: dependencies.map { FrontEnd.PackageGroup(files: $0.map(\.sourceFile)) })
        return FrontEnd.load(input, features: features)
    }

    /// A diagnostic as a test compares it: the message, and `path:line:column` or `nil` when it has no place.
    static func located(_ diagnostic: Diagnostic, in sources: SourceMap) -> (message: String, location: String?) {
        (diagnostic.message, diagnostic.span.flatMap { sources.location(of: $0.start) }.map(\.description))
    }
}
