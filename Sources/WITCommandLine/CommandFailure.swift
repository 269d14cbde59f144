import WIT

/// Why a command stops before it is done: the text for standard error and the exit code.
/// Thrown down the command line, caught once by ``Witgen/run(arguments:environment:output:)``.
struct CommandFailure: Error {
    /// What standard error gets, whole.
    var text: String
    var code: ExitCode

    /// `error: message`, then the usage text; exit 64. The message may quote arguments:
    /// it is printed inert.
    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(text: "error: \(TerminalText.inert(message))\n\n\(Witgen.usage)\n", code: .usage)
    }

    /// `error: message`; exit 1. The message may hold paths from disk or names from a
    /// file: it is printed inert.
    static func failure(_ message: String) -> CommandFailure {
        CommandFailure(text: "error: \(TerminalText.inert(message))\n", code: .failure)
    }

    /// The front end's diagnostics, rendered (they make what they quote inert); exit 1.
    static func diagnostics(_ rendered: String) -> CommandFailure {
        CommandFailure(text: rendered, code: .failure)
    }
}
