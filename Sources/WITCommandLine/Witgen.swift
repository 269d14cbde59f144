import Glibc
import WIT

/// What `witgen --help` prints, and usage errors after their message.
let usage = """
    usage: witgen <command> [options]

    commands:
      json [--features a,b | --all-features] PATH   print the resolved model as JSON (wasm-tools compatible)
      check PATH                                    validate WIT and print only diagnostics
      generate [--input DIR] [--output DIR] [--only swift,c,docs] [--world NAME] [--check]
               [--c-rename INTERFACE=PREFIX]... [--c-world-name NAME] [--swift-module NAME]
               [--features a,b | --all-features] [--single-file NAME] [--lock-wait SECONDS]
                                                    write bindings and docs (default: Interfaces -> Generated/{Swift,C,Docs});
                                                    C headers: one per world of the package, or only --world NAME
                                                    (`wasi:cli/imports@0.2.12` or a world of the package);
                                                    --single-file NAME: the Swift bindings as one file NAME;
                                                    one run at a time writes an output folder: another waits
                                                    for it, at most --lock-wait SECONDS (default 60), then fails
      --help                                        show this help
      --version                                     show the version

    PATH is a .wit file, a package directory (with an optional deps/ folder of directories,
    .wit files and encoded .wasm/.wat packages), or a WIT package encoded as a component
    (.wasm, or its .wat text).
    """

let version = "witgen 0.1.0"

/// Prints `error: message` (inert: it may hold paths from disk or names from a file) and exits.
func fail(_ message: String, code: Int32) -> Never {
    FileSystem.writeError("error: \(TerminalText.inert(message))\n")
    exit(code)
}

func usageError(_ message: String) -> Never {
    FileSystem.writeError("error: \(TerminalText.inert(message))\n\n\(usage)\n")
    exit(64)
}

func loadModel(path: String, features: Set<String>, allFeatures: Bool) -> FrontEnd.Output {
    let input: FrontEnd.Input
    do {
        input = try WITFiles.load(path: path)
    } catch {
        fail(error.message, code: 1)
    }
    switch FrontEnd.load(input, features: features, allFeatures: allFeatures) {
    case .success(let output):
        return output
    case .failure(let failure):
        FileSystem.writeError(failure.rendered)
        exit(1)
    }
}

/// `witgen`: reads WIT, prints its model, and generates bindings and docs.
///
/// The whole command line lives here, so that the `witgen` executable and the one the
/// package's plugins run (linked differently; see `Package.swift`) are the same program.
public enum Witgen {
    /// Runs the command line `commandLine` (the program's name first, as in
    /// `CommandLine.arguments`), then exits the process.
    /// Exit codes: 0 success, 1 invalid input, 64 usage error.
    public static func main(_ commandLine: [String]) -> Never {
        var arguments = Array(commandLine.dropFirst())
        guard let command = arguments.first else { usageError("missing command") }
        arguments.removeFirst()

        switch command {
        case "--help", "-h", "help":
            print(usage)
        case "--version", "-V":
            print(version)
        case "generate":
            GenerateCommand(arguments: arguments).run()
        case "json", "check":
            var features = Set<String>()
            var allFeatures = false
            var path: String?
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                switch argument {
                case "--features" where command == "json":
                    guard index + 1 < arguments.count else { usageError("--features needs a value") }
                    features.formUnion(arguments[index + 1].commaSeparatedNames)
                    index += 1
                case "--all-features" where command == "json":
                    allFeatures = true
                default:
                    if argument.hasPrefix("--features="), command == "json" {
                        features.formUnion(argument.dropFirst("--features=".count).commaSeparatedNames)
                    } else if argument.hasPrefix("-") {
                        usageError("unknown option \(argument)")
                    } else if path == nil {
                        path = argument
                    } else {
                        usageError("unexpected argument \(argument)")
                    }
                }
                index += 1
            }
            guard let path else { usageError("\(command) needs a PATH") }
            let output = loadModel(path: path, features: features, allFeatures: allFeatures)
            if command == "json" {
                var failed = false
                output.resolve.writeJSON { chunk in
                    if !failed { failed = !StandardOutput.write(chunk) }
                }
                if failed || !StandardOutput.write([UInt8(ascii: "\n")]) { fail("cannot write the output", code: 1) }
            }
        default:
            usageError("unknown command \(command)")
        }
        exit(0)
    }
}

extension StringProtocol {
    /// The comma-separated names in the text, each without surrounding spaces and tabs,
    /// empty ones left out: `--features "a, b,"` names `a` and `b`, in every form of the option.
    var commaSeparatedNames: [String] {
        split(separator: ",").map { $0.trimmedOfSpaces }.filter { !$0.isEmpty }
    }

    /// The text without leading and trailing spaces and tabs.
    var trimmedOfSpaces: String {
        let utf8 = Substring(self).utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return String(Substring(utf8[first...last]))
    }
}
