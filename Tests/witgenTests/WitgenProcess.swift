import Foundation

/// Runs the built `witgen` executable as a user would, in a scratch folder.
struct WitgenProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `witgen` binary next to the test bundle (same build products folder).
    static let executable: URL = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = products.appendingPathComponent("witgen")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/witgen")
    }()

    /// Runs `witgen` with `arguments` in `directory`; with `timeout`, killed after that many
    /// seconds (status 137), so that a run that would hang fails instead.
    static func run(_ arguments: [String], in directory: URL, timeout: Int? = nil) throws -> Outcome {
        let process = Process()
        if let timeout {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = ["-s", "KILL", "\(timeout)", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh folder with an `Interfaces/` package holding `text`.
    static func scratch(wit text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witgen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Interfaces"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("Interfaces/api.wit"))
        return folder
    }
}
