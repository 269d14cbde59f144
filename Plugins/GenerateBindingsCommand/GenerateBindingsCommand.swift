import Foundation
import PackagePlugin

/// `swift package generate-bindings [witgen generate options]`: regenerates
/// `Generated/` from `Interfaces/` in place (asks for permission to write the package).
@main
struct GenerateBindingsCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "witgen-plugin-tool")
        let process = Process()
        process.executableURL = tool.url
        process.currentDirectoryURL = context.package.directoryURL
        process.arguments = ["generate"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            Diagnostics.error("witgen generate failed (exit \(process.terminationStatus))")
            throw CommandError.failed(process.terminationStatus)
        }
    }
}

enum CommandError: Error {
    case failed(Int32)
}
