import Foundation
import PackagePlugin

/// A build-tool plugin: a target with WIT gets Swift host bindings generated at build time
/// into the plugin's work directory.
///
/// The target's WIT package is its `wit/` folder when it has one (with `wit/deps/`, as
/// wit-bindgen, cargo-component and jco lay it out); otherwise the folder of its `.wit`
/// files, whose dependencies are in that folder's `deps/`. Every file of the package and of
/// its dependencies, and the `witgen` tool itself, are the command's inputs, so an
/// unchanged build does not rerun it and a changed generator, spec or dependency does.
///
/// A build plugin takes no arguments, so `--swift-map` mappings come from a file beside
/// the WIT package, `swift-map.txt` (`wit/swift-map.txt`): one `WIT=MODULE` a line, `#`
/// comments and blank lines ignored. It is an input too.
@main
struct WITBindingsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let witFiles = sourceTarget.sourceFiles(withSuffix: "wit").map(\.url)
        guard !witFiles.isEmpty else { return [] }
        let input = try WITPackageFolder.find(in: sourceTarget.directoryURL, witFiles: witFiles, target: target.name)
        // Encoded dependencies (`deps/*.wasm`, `deps/*.wat`) are inputs too.
        let encoded = (sourceTarget.sourceFiles(withSuffix: "wasm").map(\.url) + sourceTarget.sourceFiles(withSuffix: "wat").map(\.url))
            .filter { $0.standardizedFileURL.path.hasPrefix(input.appendingPathComponent("deps").standardizedFileURL.path + "/") }
        let tool = try context.tool(named: "witgen-plugin-tool")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("WITBindings")
        let generated = output.appendingPathComponent("\(target.name)Bindings.swift")
        let mapFile = input.appendingPathComponent(SwiftMapFile.name)
        var mapArguments: [String] = []
        var mapInputs: [URL] = []
        if FileManager.default.fileExists(atPath: mapFile.path) {
            mapArguments = ["--swift-map-file", mapFile.path]
            mapInputs = [mapFile]
        }
        return [
            .buildCommand(
                displayName: "Generating Swift bindings for \(target.name) from WIT",
                executable: tool.url,
                arguments: ["generate", "--input", input.path, "--only", "swift", "--swift-output", output.path,
                            "--single-file", "\(target.name)Bindings.swift"] + mapArguments,
                inputFiles: witFiles + encoded + mapInputs + [tool.url],
                outputFiles: [generated]
            )
        ]
    }
}

/// `swift-map.txt`: the `--swift-map` mappings of a target, one `WIT=MODULE` a line;
/// witgen reads it (`--swift-map-file`).
enum SwiftMapFile {
    static let name = "swift-map.txt"
}

/// Where a target's WIT package is.
enum WITPackageFolder {
    /// The target's `wit/` folder when it has `.wit` files there; otherwise the shallowest
    /// folder holding `.wit` files, when every other one is in its `deps/`.
    static func find(in targetDirectory: URL, witFiles: [URL], target: String) throws -> URL {
        let wit = targetDirectory.appendingPathComponent("wit").standardizedFileURL
        let paths = witFiles.map { $0.standardizedFileURL.path }
        if paths.contains(where: { $0.hasPrefix(wit.path + "/") }) {
            let outside = paths.filter { !$0.hasPrefix(wit.path + "/") }
            guard outside.isEmpty else { throw PluginError.outsideThePackage(target, wit.path, outside.sorted()) }
            return wit
        }
        let folders = Set(witFiles.map { $0.deletingLastPathComponent().standardizedFileURL.path })
        let main = folders.min { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }!
        let outside = paths.filter { path in
            let folder = (path as NSString).deletingLastPathComponent
            return folder != main && !path.hasPrefix(main + "/deps/")
        }
        guard outside.isEmpty else { throw PluginError.outsideThePackage(target, main, outside.sorted()) }
        return URL(fileURLWithPath: main)
    }
}

enum PluginError: Error, CustomStringConvertible {
    case outsideThePackage(String, String, [String])

    var description: String {
        switch self {
        case let .outsideThePackage(target, folder, files):
            return "target \(target): its WIT package is \(folder) (dependencies in its deps/), but these .wit files are elsewhere: \(files.joined(separator: ", ")); one target holds one WIT package"
        }
    }
}
