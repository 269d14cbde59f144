import Synchronization

/// Receives at most `capacity` bytes into a new array: `call` fills the buffer it is given
/// and returns what the system call returned (for a datagram, possibly more than fits).
///
/// A small receive goes to the stack and is copied into an array of the exact size (the
/// copy costs less than `Array(unsafeUninitializedCapacity:)`, which looks its storage
/// type up at run time on every call), or into the storage of the socket's previous result
/// (see ``ReceiveStorage``) through `reusing`. A large one is received in place, never zero-filled.
@inline(__always)
func receivedBytes(capacity: Int, reusing storage: (UnsafeRawBufferPointer) -> [UInt8],
                   _ call: (UnsafeMutableRawBufferPointer) throws(Errno) -> Int) throws(Errno) -> (bytes: [UInt8], count: Int) {
    if capacity <= ReceiveStorage.largest {
        return try withUnsafeTemporaryAllocation(byteCount: max(capacity, 1), alignment: 1) { buffer throws(Errno) in
            let count = try call(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<capacity]))
            return (storage(UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, capacity)])), count)
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
///
/// The socket object keeps the array itself, as an optional stored property behind this
/// try-lock, rather than in a `Mutex<[UInt8]>`: a mutex's value is destroyed
/// through its type's value witness (a metadata lookup, an indirect call and a release of the
/// empty array, about 45 instructions when every socket closes, most of which never receive),
/// and its lock and unlock are two atomic compare-exchanges per receive against one exchange.
/// A receive that finds the storage in use (another thread receiving on the same socket at
/// that moment) returns a new array instead of waiting.
struct ReceiveStorage: ~Copyable, Sendable {
    /// The largest receive that goes through the stack and this storage.
    static let largest = 512

    /// Set while one receive uses the socket's array: the thread that sets it has the array
    /// to itself until it clears it.
    private let inUse = Atomic(false)

    init() {}

    /// An array holding a small receive's `bytes`, in the storage of `spare` (the socket's
    /// array, which this storage guards) when no other receive is using it at the moment;
    /// otherwise a new array.
    @inline(__always)
    func array(of bytes: UnsafeRawBufferPointer, reusing spare: inout [UInt8]?) -> [UInt8] {
        guard take() else { return Array(bytes) }
        defer { giveBack() }
        return Self.array(of: bytes, reusing: &spare)
    }

    /// Takes the socket's array for the calling thread, unless another thread has it (then `false`).
    @inline(__always)
    private func take() -> Bool {
        !inUse.exchange(true, ordering: .acquiring)
    }

    /// Gives back the array ``take()`` took.
    @inline(__always)
    private func giveBack() {
        inUse.store(false, ordering: .releasing)
    }

    /// An array holding `bytes`, in `spare`'s storage when it fits (see the type's description);
    /// `spare` is then that array. Works on `spare` in place: taking the array out and putting
    /// it back costs a retain and a release more per receive.
    @inline(__always)
    static func array(of bytes: UnsafeRawBufferPointer, reusing spare: inout [UInt8]?) -> [UInt8] {
        guard case .some = spare else {
            let result = Array(bytes)
            spare = result
            return result
        }
        let capacity = spare!.capacity
        if spare!.count == bytes.count, capacity <= max(2 * bytes.count, 64) {
            // The same size as last time (the common case): overwritten in place, or
            // copied first when the caller still holds it.
            spare!.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
        } else if capacity >= bytes.count, capacity <= max(2 * bytes.count, 64) {
            // In place when only the spare refers to the storage; otherwise into a new
            // storage of the same capacity (the caller's array is left as it is).
            spare!.removeAll(keepingCapacity: true)
            spare!.append(contentsOf: bytes)
        } else {
            spare = Array(bytes)
        }
        return spare!
    }
}
