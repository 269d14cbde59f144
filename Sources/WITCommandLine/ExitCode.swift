/// How a run of `witgen` ends: the status the process exits with.
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The status, as `exit` takes it.
    public var rawValue: Int32

    /// Creates the code for a status.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// 0: the command did what it was asked (`generate --check`: the output is up to date).
    public static let success = ExitCode(rawValue: 0)
    /// 1: invalid input, an output that cannot be written, or stale output under `--check`.
    public static let failure = ExitCode(rawValue: 1)
    /// 64 (`EX_USAGE`): the command line itself is wrong; the usage text follows the message.
    public static let usage = ExitCode(rawValue: 64)

    /// The status as a number.
    public var description: String { "\(rawValue)" }
}
