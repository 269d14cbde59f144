import Foundation
import PackagePlugin

/// A build-tool plugin: a target with `.wit` files gets Swift host bindings
/// generated at build time into the plugin's work directory. The `.wit` files
/// and the `witgen` tool itself are the command's inputs, so an unchanged build
/// does not rerun it and a changed generator or spec does.
@main
struct WITBindingsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let witFiles = sourceTarget.sourceFiles(withSuffix: "wit").map(\.url)
        guard !witFiles.isEmpty else { return [] }
        let tool = try context.tool(named: "witgen-plugin-tool")
        // All .wit files of a target form one package; witgen reads their common folder.
        let folders = Set(witFiles.map { $0.deletingLastPathComponent().standardizedFileURL.path })
        guard folders.count == 1, let input = folders.first else {
            throw PluginError.scatteredWIT(target.name, folders.sorted())
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("WITBindings")
        let generated = output.appendingPathComponent("Swift/\(target.name)Bindings.swift")
        return [
            .buildCommand(
                displayName: "Generating Swift bindings for \(target.name) from WIT",
                executable: tool.url,
                arguments: ["generate", "--input", input, "--output", output.path, "--only", "swift",
                            "--swift-module", sourceTarget.moduleName, "--single-file", "\(target.name)Bindings.swift"],
                inputFiles: witFiles + [tool.url],
                outputFiles: [generated]
            )
        ]
    }
}

enum PluginError: Error, CustomStringConvertible {
    case scatteredWIT(String, [String])

    var description: String {
        switch self {
        case let .scatteredWIT(target, folders):
            return "target \(target): all .wit files must be in one folder (one WIT package), found: \(folders.joined(separator: ", "))"
        }
    }
}
