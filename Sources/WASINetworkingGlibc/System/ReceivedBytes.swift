import Synchronization

/// Receives at most `capacity` bytes into a new array: `call` fills the buffer it is given
/// and returns what the system call returned (for a datagram, possibly more than fits).
///
/// A small receive goes to the stack and is copied into an array of the exact size (the
/// copy costs less than `Array(unsafeUninitializedCapacity:)`, which looks its storage
/// type up at run time on every call), or into the storage of the socket's previous result
/// (see ``ReceiveStorage``). A large one is received in place, never zero-filled.
@inline(__always)
func receivedBytes(capacity: Int, reusing storage: borrowing ReceiveStorage,
                   _ call: (UnsafeMutableRawBufferPointer) throws(Errno) -> Int) throws(Errno) -> (bytes: [UInt8], count: Int) {
    if capacity <= ReceiveStorage.largest {
        return try withUnsafeTemporaryAllocation(byteCount: max(capacity, 1), alignment: 1) { buffer throws(Errno) in
            let count = try call(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<capacity]))
            return (storage.array(of: UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, capacity)])), count)
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

/// The array a socket's last small receive returned, kept so that the next one can fill the
/// same storage instead of allocating and freeing an array per call: in the usual case (a
/// caller reads, uses and drops the bytes) only the socket still refers to it by then.
///
/// The result is a value like any array: storage the caller still holds is never written
/// (it is copied on write, as arrays are), and a kept storage is never more than twice the
/// size of the bytes it holds (or 64 bytes), so callers that keep what they receive do not
/// keep much more memory than the bytes.
struct ReceiveStorage: ~Copyable, Sendable {
    /// The largest receive that goes through the stack and this storage.
    static let largest = 512

    private let spare = Mutex<[UInt8]>([])

    init() {}

    /// An array holding `bytes`, in the spare storage when it fits (see the type's description).
    @inline(__always)
    func array(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        spare.withLock { spare in
            let capacity = spare.capacity
            if spare.count == bytes.count, capacity <= max(2 * bytes.count, 64) {
                // The same size as last time (the common case): overwritten in place, or
                // copied first when the caller still holds it.
                spare.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
            } else if capacity >= bytes.count, capacity <= max(2 * bytes.count, 64) {
                // In place when only the spare refers to the storage; otherwise into a new
                // storage of the same capacity (the caller's array is left as it is).
                spare.removeAll(keepingCapacity: true)
                spare.append(contentsOf: bytes)
            } else {
                spare = Array(bytes)
            }
            return spare
        }
    }
}
