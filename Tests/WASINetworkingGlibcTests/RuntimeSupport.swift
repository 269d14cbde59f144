import WASINetworking
@testable import WASINetworkingGlibc

typealias Address = Socket.IPSocketAddress

func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, port: UInt16) -> Address {
    .ipv4(.init(port: port, address: (a, b, c, d)))
}

func v6Loopback(port: UInt16) -> Address {
    .ipv6(.init(port: port, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 1), scopeID: 0))
}

func host(_ rules: String...) throws -> GlibcNetworkingHost {
    GlibcNetworkingHost(policy: try NetworkPolicy(arguments: rules))
}

/// A listener on 127.0.0.1 with a system-chosen port, and its address.
func loopbackListener(_ host: GlibcNetworkingHost, family: Socket.IPAddressFamily = .ipv4) throws -> (GlibcTCPListener, Address) {
    let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: family)
    try socket.bind(localAddress: family == .ipv4 ? v4(127, 0, 0, 1, port: 0) : v6Loopback(port: 0))
    let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 64)
    return (listener, try listener.localAddress())
}

func connect(_ host: GlibcNetworkingHost, to address: Address) throws -> GlibcTCPConnection {
    let family: Socket.IPAddressFamily
    if case .ipv4 = address { family = .ipv4 } else { family = .ipv6 }
    let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: family)
    do {
        return try GlibcTCPSocket.connect(socket: socket, remoteAddress: address)
    } catch {
        throw error.error
    }
}

/// Reads exactly `count` bytes (or until the end of the stream).
func readAll(_ connection: GlibcTCPConnection, count: Int) throws -> [UInt8] {
    var result: [UInt8] = []
    while result.count < count {
        let bytes = try connection.read(maxBytes: UInt64(count - result.count))
        if bytes.isEmpty { break }
        result += bytes
    }
    return result
}

/// The sockets this process has open, as their `/proc/self/fd` link targets (`socket:[inode]`):
/// a socket keeps its inode for its whole life, even when its descriptor number is reused.
func openSockets() -> Set<String> {
    var sockets = Set<String>()
    for name in (try? FileManagerLite.entries(of: "/proc/self/fd")) ?? [] {
        var target = [UInt8](repeating: 0, count: 128)
        let count = target.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { readlink("/proc/self/fd/\(name)", $0.baseAddress!, $0.count) }
        }
        guard count > 0 else { continue }
        let link = String(decoding: target.prefix(count), as: UTF8.self)
        if link.hasPrefix("socket:") { sockets.insert(link) }
    }
    return sockets
}

/// Directory listing without Foundation's heavier types.
enum FileManagerLite {
    static func entries(of path: String) throws -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

#if canImport(Glibc)
import Glibc
#endif
