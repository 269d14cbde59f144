import Foundation
import WITCommandLine

/// What a run in this process printed, kept.
final class CollectedOutput: CommandOutput {
    private(set) var standardOutput: [UInt8] = []
    private(set) var standardError: [UInt8] = []

    func writeOutput(_ bytes: [UInt8]) -> Bool {
        standardOutput += bytes
        return true
    }

    func writeError(_ bytes: [UInt8]) {
        standardError += bytes
    }
}

/// Runs `witgen`'s command line in this process (`Witgen.run`), as the executable does.
/// A run cannot change the working directory that tests share: paths are given whole.
enum WitgenRun {
    /// Runs `witgen ARGUMENTS`.
    static func run(_ arguments: [String]) -> WitgenProcess.Outcome {
        let output = CollectedOutput()
        let code = Witgen.run(arguments: arguments, environment: [:], output: output)
        return WitgenProcess.Outcome(status: code.rawValue, stdout: String(decoding: output.standardOutput, as: UTF8.self),
                                     stderr: String(decoding: output.standardError, as: UTF8.self))
    }

    /// Runs `witgen generate --input FOLDER/input --output FOLDER/output OPTIONS`.
    static func generate(in folder: URL, _ options: [String] = [], input: String = "Interfaces",
                         output: String = "Generated") -> WitgenProcess.Outcome {
        run(["generate", "--input", folder.appendingPathComponent(input).path,
             "--output", folder.appendingPathComponent(output).path] + options)
    }
}
