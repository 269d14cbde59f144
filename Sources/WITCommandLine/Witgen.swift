#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WIT

/// `witgen`: reads WIT, prints its model, and generates bindings and docs.
///
/// The whole command line lives here, as one function from a command line to an exit code,
/// so that the `witgen` executable and the one the package's plugins run (linked
/// differently; see `Package.swift`) are the same program, and tests run it in-process.
public enum Witgen {
    /// What `witgen --help` prints, and usage errors after their message.
    static let usage = """
        usage: witgen <command> [options]

        commands:
          json [--features a,b | --all-features] [PATH] print the resolved model as JSON (wasm-tools compatible)
          check [PATH]                                  validate WIT and print only diagnostics
          generate [--input DIR] [--output DIR] [--only swift,c,docs] [--world NAME] [--check]
                   [--c-rename INTERFACE=PREFIX]... [--c-world-name NAME] [--swift-map WIT=MODULE]...
                   [--features a,b | --all-features] [--single-file NAME] [--lock-wait SECONDS]
                   [--swift-output DIR] [--c-output DIR] [--docs-output DIR] [--swift-map-file FILE]
                                                        write bindings and docs (default: Interfaces or wit -> Generated/{Swift,C,Docs});
                                                        C headers: one per world of the package, or only --world NAME
                                                        (`wasi:cli/imports@0.2.12` or a world of the package);
                                                        --swift-output DIR (and --c-output, --docs-output): that
                                                        back end's files straight into DIR, which is its own;
                                                        --single-file NAME: the Swift bindings as one file NAME;
                                                        --swift-map WIT=MODULE: a package (wasi:io, wasi:io@0.2.12)
                                                        or interface (wasi:io/streams@0.2.12) whose Swift bindings
                                                        MODULE holds: not generated, imported from MODULE;
                                                        --swift-map-file FILE: such mappings, one a line (# comments);
                                                        --swift-module NAME is accepted and has no effect
                                                        one run at a time writes an output folder: another waits
                                                        for it, at most --lock-wait SECONDS (default 60), then fails
          --help                                        show this help
          --version                                     show the version

        Without PATH or --input, the input is Interfaces/ when it is a folder here, else wit/.
        PATH is a .wit file, a package directory (with an optional deps/ folder of directories,
        .wit files and encoded .wasm/.wat packages), or a WIT package encoded as a component
        (.wasm, or its .wat text).
        """

    static let version = "witgen 0.1.0"

    /// Runs one command line and returns how it ended; it never exits the process.
    ///
    /// - Parameters:
    ///   - arguments: the arguments after the program's name (`CommandLine.arguments.dropFirst()`).
    ///   - environment: the environment variables. No command reads one; they are taken so
    ///     that everything a run depends on is a parameter (relative paths are still
    ///     resolved against the process's working directory).
    ///   - output: where standard output and standard error go.
    /// - Returns: ``ExitCode/success``, ``ExitCode/failure`` (invalid input, or output that
    ///   cannot be written, or is stale under `generate --check`) or ``ExitCode/usage``.
    public static func run(arguments: [String], environment: [String: String], output: some CommandOutput) -> ExitCode {
        do {
            return try runCommand(arguments, output: output)
        } catch {
            output.printError(error.text)
            return error.code
        }
    }

    /// The process's environment variables, as ``run(arguments:environment:output:)`` takes them.
    public static var processEnvironment: [String: String] {
        var variables: [String: String] = [:]
        guard var entry = environmentEntries else { return variables }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }

    private static func runCommand(_ arguments: [String], output: some CommandOutput) throws(CommandFailure) -> ExitCode {
        guard let command = arguments.first else { throw .usage("missing command") }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--help", "-h", "help":
            output.printLine(usage)
            return .success
        case "--version", "-V":
            output.printLine(version)
            return .success
        case "generate":
            return try GenerateCommand(arguments: rest).run(printingTo: output)
        case "json", "check":
            return try readModel(command, rest, output: output)
        default:
            throw .usage("unknown command \(command)")
        }
    }

    /// `json` and `check`: reads PATH; `json` prints the model.
    private static func readModel(_ command: String, _ arguments: [String],
                                  output: some CommandOutput) throws(CommandFailure) -> ExitCode {
        let parser = OptionParser(command == "json" ? FeatureSelection.options : [:])
        let options = try parser.parse(arguments)
        let path: String
        if let operand = options.operands.first { path = operand } else { path = try WITFiles.defaultInput(option: "PATH") }
        if options.operands.count > 1 { throw .usage("unexpected argument \(options.operands[1])") }
        let model = try loadModel(path: path, features: try FeatureSelection(options), output: output)
        if command == "json" {
            var failed = false
            model.resolve.writeJSON { chunk in
                if !failed { failed = !output.writeOutput(chunk) }
            }
            if failed || !output.writeOutput([UInt8(ascii: "\n")]) { throw .failure("cannot write the output") }
        }
        return .success
    }

    /// The model of the WIT at `path`, with the selected features; a warning on standard
    /// error for each feature named that the input does not use.
    static func loadModel(path: String, features: FeatureSelection,
                          output: some CommandOutput) throws(CommandFailure) -> FrontEnd.Output {
        let input: FrontEnd.Input
        do {
            input = try WITFiles.load(path: path)
        } catch {
            throw .failure(error.message)
        }
        switch FrontEnd.load(input, features: features.names, allFeatures: features.all) {
        case .success(let model):
            output.printError(features.warnings(model, path: path))
            return model
        case .failure(let failure):
            throw .diagnostics(failure.rendered)
        }
    }
}

#if canImport(Glibc)
/// The process's `NAME=value` strings, ending in a null pointer.
private var environmentEntries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { environ }
#elseif canImport(Darwin)
/// The process's `NAME=value` strings, ending in a null pointer (Darwin gives a program's
/// `environ` through this call).
private var environmentEntries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { darwinEnvironment().pointee }

@_silgen_name("_NSGetEnviron")
private func darwinEnvironment() -> UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
#endif
