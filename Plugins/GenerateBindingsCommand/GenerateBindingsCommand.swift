import Foundation
import PackagePlugin

/// `swift package generate-bindings [--target NAME]... [witgen generate options]`.
///
/// Without `--target`: runs `witgen generate` in the package folder, which reads
/// `Interfaces/` (or `wit/`) and writes `Generated/`, with the options given.
/// With `--target NAME` (repeatable): for each target, generates the Swift bindings of its
/// `wit/` folder (with `wit/deps/`) into its `Bindings/` folder; the other
/// options are passed on. Asks for permission to write the package.
@main
struct GenerateBindingsCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let passedOn = extractor.remainingArguments
        let tool = try context.tool(named: "witgen-plugin-tool")
        if targetNames.isEmpty {
            try run(tool.url, ["generate"] + passedOn, in: context.package.directoryURL)
            return
        }
        for target in try context.package.targets(named: targetNames) {
            guard let source = target as? SourceModuleTarget else {
                throw CommandError.notASourceTarget(target.name)
            }
            let directory = source.directoryURL
            let wit = directory.appendingPathComponent("wit")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: wit.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError.noWITFolder(target.name, wit.path)
            }
            let bindings = directory.appendingPathComponent("Bindings")
            // The same mappings as the build plugin's: `wit/swift-map.txt`, read by witgen.
            let mapFile = wit.appendingPathComponent("swift-map.txt")
            let mapArguments = FileManager.default.fileExists(atPath: mapFile.path) ? ["--swift-map-file", mapFile.path] : []
            try run(tool.url, ["generate", "--input", wit.path, "--only", "swift", "--swift-output", bindings.path]
                        + mapArguments + passedOn,
                    in: context.package.directoryURL)
        }
    }

    func run(_ tool: URL, _ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = tool
        process.currentDirectoryURL = directory
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            Diagnostics.error("witgen generate failed (exit \(process.terminationStatus))")
            throw CommandError.failed(process.terminationStatus)
        }
    }
}

enum CommandError: Error, CustomStringConvertible {
    case failed(Int32)
    case notASourceTarget(String)
    case noWITFolder(String, String)

    var description: String {
        switch self {
        case .failed(let status): return "witgen generate exited with status \(status)"
        case .notASourceTarget(let name): return "target \(name) has no sources to generate bindings into"
        case let .noWITFolder(name, path): return "target \(name) has no WIT folder: \(path) is not a folder"
        }
    }
}
