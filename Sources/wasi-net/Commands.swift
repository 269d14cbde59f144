import Foundation
import WASINetworking
import WASINetworkingGlibc

/// What the tool is doing, for messages.
nonisolated(unsafe) var activity = "starting"

struct CommandError: Error {
    var message: String
}

/// A failure as a person reads it: an interface error in words with its POSIX name.
func describe(_ error: any Error) -> String {
    (error as? WASINetworking.Socket.ErrorCode)?.message ?? "\(error)"
}

/// Resolves through the runtime's resolver (a literal address is used as it is).
func resolve<Host: WASINetworking.NetworkingWorld.Imports>(_ host: Host, _ name: String) throws -> [WASINetworking.Socket.IPAddress] {
    if let address = literal(name) { return [address] }
    activity = "resolve \(name)"
    return try host.defaultResolver().resolveAddresses(name: name, options: .init(addressFamily: nil, includeUnavailable: false))
}

func connect<Host: WASINetworking.NetworkingWorld.Imports>(_ host: Host, name: String, port: UInt16) throws {
    let addresses = try resolve(host, name)
    var lastError = WASINetworking.Socket.ErrorCode.nameUnresolvable
    for address in addresses {
        let remote = address.socketAddress(port: port)
        activity = "connect to \(describe(remote))"
        let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: address.family)
        let connection: Host.TCPConnection
        do {
            connection = try host.tcpSocketConnect(socket: socket, remoteAddress: remote)
        } catch {
            lastError = error.error
            if lastError == .accessDenied { break }
            continue
        }
        return try pipe(connection)
    }
    throw lastError
}

/// Copies stdin to the connection and the connection to stdout until both directions are
/// done, so that nothing either side sent is lost. The end of stdin shuts the sending side down
/// (the peer sees the end of the stream) and printing goes on until the peer's end; the peer's
/// end stops the printing and sending goes on until the end of stdin. A failure in either
/// direction ends the command with that failure (nothing more can be delivered).
func pipe<Connection: WASINetworking.SocketTCP.TCPConnectionResource>(_ connection: Connection) throws {
    let sending = SendOutcome()
    Thread.detachNewThread {
        sending.finish(copyStandardInput(to: connection))
    }
    while true {
        let bytes: [UInt8]
        do {
            bytes = try connection.read(maxBytes: 65_536)
        } catch {
            activity = "read from the connection"
            throw error
        }
        if bytes.isEmpty { break }
        guard writeStandardOutput(bytes) else { throw CommandError(message: "write to stdout: \(Errno(rawValue: errno))") }
    }
    if let failure = sending.wait() { throw failure }
}

/// Copies stdin to the connection until its end, then shuts the sending side down; the
/// failure that stopped it, if any.
func copyStandardInput<Connection: WASINetworking.SocketTCP.TCPConnectionResource>(to connection: Connection) -> (any Error)? {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            return CommandError(message: "read from stdin: \(Errno(rawValue: errno))")
        }
        if count == 0 { break }
        do {
            _ = try connection.write(data: Array(buffer[0..<count]))
        } catch {
            return CommandError(message: "write to the connection: \(describe(error))")
        }
    }
    do {
        try connection.shutdown(shutdownType: .send)
    } catch {
        return CommandError(message: "shut the connection's sending side down: \(describe(error))")
    }
    return nil
}

/// Writes all of `bytes` to stdout; `false` when it cannot (`errno` says why).
func writeStandardOutput(_ bytes: [UInt8]) -> Bool {
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + written, $0.count - written) }
        if count < 0 {
            if errno == EINTR { continue }
            return false
        }
        written += count
    }
    return true
}

/// How the sending direction of ``pipe(_:)`` ended, handed from its thread to the caller.
final class SendOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the sending thread before `done` is signalled, read after the wait.
    private var failure: (any Error)?

    func finish(_ failure: (any Error)?) {
        self.failure = failure
        done.signal()
    }

    /// Waits until the sending direction is done; its failure, if any.
    func wait() -> (any Error)? {
        done.wait()
        return failure
    }
}

func listen<Host: WASINetworking.NetworkingWorld.Imports>(_ host: Host, address: String?, port: UInt16, echo: Bool) throws {
    let ip = try address.map { text in try resolve(host, text).first! } ?? .ipv4((0, 0, 0, 0))
    let local = ip.socketAddress(port: port)
    activity = "listen on \(describe(local))"
    let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: ip.family)
    try socket.bind(localAddress: local)
    let listener: Host.TCPListener
    do {
        listener = try host.tcpSocketListen(socket: socket, backlogSizeHint: 16)
    } catch {
        throw error.error
    }
    FileHandle.standardError.write(Data("wasi-net: listening on \(describe(try listener.localAddress()))\n".utf8))
    activity = "accept"
    let connection = try listener.accept()
    activity = "read or write on the connection"
    if echo {
        while true {
            let bytes = try connection.read(maxBytes: 65_536)
            if bytes.isEmpty { break }
            _ = try connection.write(data: bytes)
        }
    } else {
        try pipe(connection)
    }
}

func udpSend<Host: WASINetworking.NetworkingWorld.Imports>(_ host: Host, name: String, port: UInt16, data: [UInt8]) throws {
    guard let address = try resolve(host, name).first else { throw WASINetworking.Socket.ErrorCode.nameUnresolvable }
    let remote = address.socketAddress(port: port)
    activity = "send a datagram to \(describe(remote))"
    let socket = try host.defaultUDPNetwork().createUDPSocket(addressFamily: address.family)
    _ = try socket.send(data: data, options: .init(remoteAddress: remote))
}

func udpReceive<Host: WASINetworking.NetworkingWorld.Imports>(_ host: Host, address: String?, port: UInt16) throws {
    let ip = try address.map { text in try resolve(host, text).first! } ?? .ipv4((0, 0, 0, 0))
    let local = ip.socketAddress(port: port)
    activity = "bind \(describe(local))"
    let socket = try host.defaultUDPNetwork().createUDPSocket(addressFamily: ip.family)
    try socket.bind(localAddress: local)
    FileHandle.standardError.write(Data("wasi-net: receiving on \(describe(try socket.localAddress()))\n".utf8))
    activity = "receive"
    let (data, result) = try socket.receive(maxBytes: 65_536)
    print("\(describe(result.remoteAddress)): \(String(decoding: data, as: UTF8.self))")
}
