import Foundation
import WASINetworking
import WASINetworkingGlibc

/// What the tool is doing, for messages.
nonisolated(unsafe) var activity = "starting"

struct CommandError: Error {
    var message: String
}

/// Resolves through the runtime's resolver (a literal address is used as it is).
func resolve<Host: NetworkingWorld.Imports>(_ host: Host, _ name: String) throws -> [Socket.IPAddress] {
    if let address = literal(name) { return [address] }
    activity = "resolve \(name)"
    return try host.defaultResolver().resolveAddresses(name: name, options: .init(addressFamily: nil, includeUnavailable: false))
}

func connect<Host: NetworkingWorld.Imports>(_ host: Host, name: String, port: UInt16) throws {
    let addresses = try resolve(host, name)
    var lastError = Socket.ErrorCode.nameUnresolvable
    for address in addresses {
        let remote = address.socketAddress(port: port)
        activity = "connect to \(describe(remote))"
        let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: address.family)
        do {
            let connection = try Host.TCPSocket.connect(socket: socket, remoteAddress: remote)
            pipe(connection)
            return
        } catch {
            lastError = error.error
            if lastError == .accessDenied { break }
        }
    }
    throw lastError
}

/// Copies stdin to the connection and the connection to stdout until both ends are done.
func pipe<Connection: SocketTCP.TCPConnectionResource>(_ connection: Connection) {
    let done = DispatchSemaphore(value: 0)
    let box = UncheckedBox(connection)
    Thread.detachNewThread {
        while true {
            let data = FileHandle.standardInput.availableData
            if data.isEmpty { break }
            _ = try? box.value.write(data: [UInt8](data))
        }
        try? box.value.shutdown(shutdownType: .send)
    }
    Thread.detachNewThread {
        while let bytes = try? box.value.read(maxBytes: 65_536), !bytes.isEmpty {
            FileHandle.standardOutput.write(Data(bytes))
        }
        done.signal()
    }
    done.wait()
}

/// Hands a value to another thread; the resources are `Sendable`, the box only avoids generic capture noise.
final class UncheckedBox<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

func listen<Host: NetworkingWorld.Imports>(_ host: Host, address: String?, port: UInt16, echo: Bool) throws {
    let ip = try address.map { text in try resolve(host, text).first! } ?? .ipv4((0, 0, 0, 0))
    let local = ip.socketAddress(port: port)
    activity = "listen on \(describe(local))"
    let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: ip.family)
    try socket.bind(localAddress: local)
    let listener: Host.TCPListener
    do {
        listener = try Host.TCPSocket.listen(socket: socket, backlogSizeHint: 16)
    } catch {
        throw error.error
    }
    FileHandle.standardError.write(Data("wasi-net: listening on \(describe(try listener.localAddress()))\n".utf8))
    activity = "accept"
    let connection = try listener.accept()
    if echo {
        while true {
            let bytes = try connection.read(maxBytes: 65_536)
            if bytes.isEmpty { break }
            _ = try connection.write(data: bytes)
        }
    } else {
        pipe(connection)
    }
}

func udpSend<Host: NetworkingWorld.Imports>(_ host: Host, name: String, port: UInt16, data: [UInt8]) throws {
    guard let address = try resolve(host, name).first else { throw Socket.ErrorCode.nameUnresolvable }
    let remote = address.socketAddress(port: port)
    activity = "send a datagram to \(describe(remote))"
    let socket = try host.defaultUDPNetwork().createUDPSocket(addressFamily: address.family)
    _ = try socket.send(data: data, options: .init(remoteAddress: remote))
}

func udpReceive<Host: NetworkingWorld.Imports>(_ host: Host, address: String?, port: UInt16) throws {
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
