#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import WASINetworking
@testable import WASINetworkingGlibc

typealias Address = WASINetworking.Socket.IPSocketAddress

func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, port: UInt16) -> Address {
    .ipv4(.init(port: port, address: (a, b, c, d)))
}

func v6Loopback(port: UInt16) -> Address {
    .ipv6(.init(port: port, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 1), scopeID: 0))
}

/// A runtime under `rules` whose resolver looks names up through `lookup`: every runtime of
/// these tests is made here, so that no lookup leaves the machine (see ``TestLookup``).
func testHost(_ rules: [String], lookup: TestLookup = TestLookup()) throws -> GlibcNetworkingHost {
    GlibcNetworkingHost(policy: try NetworkPolicy(arguments: rules), lookup: { name, family, includeUnavailable throws(WASINetworking.Socket.ErrorCode) in
        try lookup.lookUp(name, family: family, includeUnavailable: includeUnavailable)
    })
}

/// The name lookup of every runtime in these tests, so that no test sends a packet off the
/// machine, DNS included. A name in its own table is answered from the table. A name that
/// `/etc/hosts` lists for the family asked goes to the runtime's real lookup, which answers it
/// from that file without asking any server. Any other lookup fails the test that made it,
/// and goes nowhere.
final class TestLookup: Sendable {
    /// The test's own answers, by name.
    let answers: [String: [HostAddress]]
    private let seen = Mutex<[String]>([])

    init(answers: [String: [HostAddress]] = [:]) {
        self.answers = answers
    }

    /// Every name looked up so far, in order.
    var names: [String] { seen.withLock { $0 } }

    func lookUp(_ name: String, family: WASINetworking.Socket.IPAddressFamily?, includeUnavailable: Bool) throws(WASINetworking.Socket.ErrorCode) -> [HostAddress] {
        seen.withLock { $0.append(name) }
        if let answer = answers[name] {
            let found = answer.filter { family == nil || ($0.family == .ipv4) == (family == .ipv4) }
            if found.isEmpty { throw .nameUnresolvable }
            return found
        }
        guard HostsFile.lists(name, family: family) else {
            Issue.record("a lookup of \(name) (\(family.map { "\($0)" } ?? "both families")) would leave the machine: neither the test's answers nor /etc/hosts has it")
            throw .nameUnresolvable
        }
        return try GlibcResolver.systemLookup(name, family: family, includeUnavailable: includeUnavailable)
    }
}

/// The names `/etc/hosts` lists, with the families of their addresses: `getaddrinfo` answers
/// those from the file (for one family, only if the file has an address of that family; for
/// both, if it has any) and asks no server.
enum HostsFile {
    static let families: [String: Set<AddressFamily>] = {
        var table: [String: Set<AddressFamily>] = [:]
        guard let file = fopen("/etc/hosts", "r") else { return table }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) >= 0, let line {
            let text = String(cString: line).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            guard let first = fields.first, let address = HostAddress(String(first)) else { continue }
            for name in fields.dropFirst() { table[name.lowercased(), default: []].insert(address.family) }
        }
        return table
    }()

    static func lists(_ name: String, family: WASINetworking.Socket.IPAddressFamily?) -> Bool {
        guard let listed = families[name] else { return false }
        switch family {
        case nil: return !listed.isEmpty
        case .ipv4?: return listed.contains(.ipv4)
        case .ipv6?: return listed.contains(.ipv6)
        }
    }
}

/// A listener on 127.0.0.1 with a system-chosen port, and its address.
func loopbackListener(_ host: GlibcNetworkingHost, family: WASINetworking.Socket.IPAddressFamily = .ipv4) throws -> (GlibcTCPListener, Address) {
    let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: family)
    try socket.bind(localAddress: family == .ipv4 ? v4(127, 0, 0, 1, port: 0) : v6Loopback(port: 0))
    let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 64)
    return (listener, try listener.localAddress())
}

func connect(_ host: GlibcNetworkingHost, to address: Address) throws -> GlibcTCPConnection {
    let family: WASINetworking.Socket.IPAddressFamily
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
