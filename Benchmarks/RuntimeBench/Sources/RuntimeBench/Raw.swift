#if canImport(Glibc)
import Glibc
#endif

/// The same work written directly on Glibc, for comparison.
/// `accept4`, which the Glibc module does not export (a GNU extension).
@_silgen_name("accept4")
func rawAccept4(_ socket: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: UnsafeMutablePointer<socklen_t>?,
                _ flags: Int32) -> Int32

enum Raw {
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    static func withAddress<R>(_ address: sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var copy = address
        return withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// A listening TCP socket on 127.0.0.1 and its port.
    static func listener() -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, 4)
        _ = withAddress(loopback(port: 0)) { bind(fd, $0, $1) }
        listen(fd, 128)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// The next connection of a listener and its peer's address, close-on-exec like every
    /// descriptor the runtime makes (the raw side does the same work, as its `socket` calls
    /// do; the runtime's accept keeps the peer's address, which a connection reports).
    static func accept(_ listener: Int32) -> Int32 {
        var peer = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &peer) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { rawAccept4(listener, $0, &length, Int32(SOCK_CLOEXEC.rawValue)) }
        }
    }

    /// One byte from a UDP socket and its sender's address, which the runtime's receive returns.
    static func receiveFrom(_ socket: Int32, _ byte: inout UInt8) -> Int {
        var sender = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &sender) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(socket, &byte, 1, 0, $0, &length) }
        }
    }

    /// The descriptor of this process's socket listening on `port` (the runtime's listener),
    /// for the raw side to accept from: both sides then connect to one port. With a listener
    /// each, the kernel's choice of ephemeral ports (it depends on the destination port and
    /// on the TIME_WAIT connections earlier cycles left) alone made up to ±1.5% between two
    /// raw sides.
    static func listeningDescriptor(port: UInt16) -> Int32 {
        for fd in Int32(3)..<1024 {
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening == 1 else { continue }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let status = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            if status == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port { return fd }
        }
        fatalError("no listening socket on port \(port)")
    }

    static func connectTCP(port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        _ = withAddress(loopback(port: port)) { connect(fd, $0, $1) }
        return fd
    }

    static func udpSocket() -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        _ = withAddress(loopback(port: 0)) { bind(fd, $0, $1) }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
