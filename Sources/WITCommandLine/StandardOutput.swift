import Glibc

/// Writes bytes straight to the standard output file descriptor (no `String`,
/// no `Data` copy): the JSON command produces megabytes of it.
enum StandardOutput {
    /// Writes all of `bytes`, retrying after interruptions and partial writes.
    /// Returns `false` when the output cannot be written (a closed pipe, a full disk).
    static func write(_ bytes: [UInt8]) -> Bool {
        FileSystem.writeAll(bytes, to: STDOUT_FILENO) == nil
    }
}
