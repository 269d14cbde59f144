#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a run of `witgen` writes: its standard output and its standard error.
///
/// The executables pass ``StandardStreams``; a test passes one that keeps the bytes.
public protocol CommandOutput: AnyObject {
    /// Writes `bytes` to standard output; `false` when they cannot be written (a closed
    /// pipe, a full disk), which fails the command.
    func writeOutput(_ bytes: [UInt8]) -> Bool
    /// Writes `bytes` to standard error (nothing more can be done when that fails).
    func writeError(_ bytes: [UInt8])
}

extension CommandOutput {
    /// Writes `text` and a line break to standard output; whether it could.
    @discardableResult
    func printLine(_ text: String) -> Bool {
        writeOutput(Array((text + "\n").utf8))
    }

    /// Writes `text` to standard error, as it is (the caller makes what it quotes inert).
    func printError(_ text: String) {
        writeError(Array(text.utf8))
    }
}

/// The process's standard output and standard error, written straight to their file
/// descriptors: no buffer to flush before the process exits, and no `String` or `Data`
/// copy of the megabytes of JSON that `json` writes.
public final class StandardStreams: CommandOutput {
    /// Writes to file descriptors 1 and 2.
    public init() {}

    /// Writes all of `bytes`, retrying after interruptions and partial writes.
    public func writeOutput(_ bytes: [UInt8]) -> Bool {
        FileSystem.writeAll(bytes, to: STDOUT_FILENO) == nil
    }

    /// Writes all of `bytes`, retrying after interruptions and partial writes.
    public func writeError(_ bytes: [UInt8]) {
        _ = FileSystem.writeAll(bytes, to: STDERR_FILENO)
    }
}
