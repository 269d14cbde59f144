import Glibc

/// Writes bytes straight to the standard output file descriptor (no `String`,
/// no `Data` copy): the JSON command produces megabytes of it.
enum StandardOutput {
    /// Writes all of `bytes`, retrying after interruptions and partial writes.
    /// Returns `false` when the output cannot be written (a closed pipe, a full disk).
    static func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
