/// The largest receive that goes through the stack (see ``receivedBytes(capacity:_:)``).
let largestStackReceive = 512

/// Receives at most `capacity` bytes into a new array: `call` fills the buffer it is given
/// and returns what the system call returned (for a datagram, possibly more than fits).
///
/// A small receive goes to the stack and is copied into an array of the exact size: for small
/// reads that is faster than receiving into a new array's own storage. A large one is
/// received in place, never zero-filled.
@inline(__always)
func receivedBytes(capacity: Int, _ call: (UnsafeMutableRawBufferPointer) throws(Errno) -> Int) throws(Errno) -> (bytes: [UInt8], count: Int) {
    if capacity <= largestStackReceive {
        return try withUnsafeTemporaryAllocation(byteCount: max(capacity, 1), alignment: 1) { buffer throws(Errno) in
            let count = try call(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<capacity]))
            return (Array(UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, capacity)])), count)
        }
    }
    var failure: Errno?
    var count = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
        do throws(Errno) {
            count = try call(UnsafeMutableRawBufferPointer(buffer))
            initialized = min(count, capacity)
        } catch {
            failure = error
        }
    }
    if let failure { throw failure }
    return (bytes, count)
}
