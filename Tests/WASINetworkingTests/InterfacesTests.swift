import Testing
import WIT
import WITTestSupport

/// `Interfaces/` states everything `networking.md` asks for.
@Suite struct InterfacesTests {
    static func load() throws -> Resolve {
        try TestSupport.load(at: TestSupport.packageRoot.appendingPathComponent("Interfaces")).get().resolve
    }

    /// Every type and function networking.md names, as `interface.item` or `interface.resource.method`.
    static let expected = [
        "socket.socket-protocol", "socket.ip-address-family", "socket.ipv4-address", "socket.ipv6-address",
        "socket.ip-address", "socket.ipv4-socket-address", "socket.ipv6-socket-address", "socket.ip-socket-address",
        "socket.receive-result", "socket.send-options", "socket.shutdown-type", "socket.resolve-options",
        "socket.error-code",
        "socket-tcp.tcp-network", "socket-tcp.tcp-network.create-tcp-socket", "socket-tcp.default-tcp-network",
        "socket-tcp.tcp-socket", "socket-tcp.tcp-socket.protocol", "socket-tcp.tcp-socket.bind",
        "socket-tcp.tcp-socket.local-address", "socket-tcp.tcp-socket.connect", "socket-tcp.tcp-socket.listen",
        "socket-tcp.tcp-listener", "socket-tcp.tcp-listener.protocol", "socket-tcp.tcp-listener.accept",
        "socket-tcp.tcp-listener.local-address",
        "socket-tcp.tcp-connection", "socket-tcp.tcp-connection.protocol", "socket-tcp.tcp-connection.read",
        "socket-tcp.tcp-connection.write", "socket-tcp.tcp-connection.flush", "socket-tcp.tcp-connection.peek",
        "socket-tcp.tcp-connection.remote-address", "socket-tcp.tcp-connection.local-address",
        "socket-tcp.tcp-connection.shutdown",
        "socket-udp.udp-network", "socket-udp.udp-network.create-udp-socket", "socket-udp.default-udp-network",
        "socket-udp.udp-socket", "socket-udp.udp-socket.protocol", "socket-udp.udp-socket.bind",
        "socket-udp.udp-socket.local-address", "socket-udp.udp-socket.receive", "socket-udp.udp-socket.peek",
        "socket-udp.udp-socket.send", "socket-udp.udp-socket.connect", "socket-udp.udp-socket.remote-address",
        "ip-resolve-address.resolver", "ip-resolve-address.resolver.resolve-addresses",
        "ip-resolve-address.default-resolver",
    ]

    @Test func everyItemOfTheDesignIsThere() throws {
        let resolve = try Self.load()
        var present = Set<String>()
        for interface in resolve.interfaces {
            guard let name = interface.name else { continue }
            for typeName in interface.types.keys { present.insert("\(name).\(typeName)") }
            for function in interface.functions.values {
                if let resource = function.kind.resource, let resourceName = resolve[resource].name {
                    present.insert("\(name).\(resourceName).\(function.itemName)")
                } else {
                    present.insert("\(name).\(function.name)")
                }
            }
        }
        for item in Self.expected {
            #expect(present.contains(item), "Interfaces/ lacks \(item)")
        }
    }

    @Test func everyItemIsDocumentedAndGated() throws {
        let resolve = try Self.load()
        let expectedSince = Stability.stable(since: Version(parsing: "0.1.0")!, deprecated: nil)
        for interface in resolve.interfaces {
            #expect(interface.docs.contents != nil, "interface \(interface.name ?? "") has no docs")
            #expect(interface.stability == expectedSince)
            for (name, id) in interface.types {
                #expect(resolve[id].stability == expectedSince, "\(name) is not @since(version = 0.1.0)")
                let isUse: Bool
                if case .alias(.id(let target)) = resolve[id].kind, resolve[target].owner != resolve[id].owner { isUse = true } else { isUse = false }
                if !isUse { #expect(resolve[id].docs.contents != nil, "type \(name) has no docs") }
                switch resolve[id].kind {
                case .record(let fields): for field in fields { #expect(field.docs.contents != nil, "\(name).\(field.name) has no docs") }
                case .variant(let cases): for item in cases { #expect(item.docs.contents != nil, "\(name).\(item.name) has no docs") }
                case .enumeration(let cases): for item in cases { #expect(item.docs.contents != nil, "\(name).\(item.name) has no docs") }
                default: break
                }
            }
            for function in interface.functions.values {
                #expect(function.docs.contents != nil, "\(function.name) has no docs")
                #expect(function.stability == expectedSince, "\(function.name) is not @since(version = 0.1.0)")
            }
        }
        for world in resolve.worlds {
            #expect(world.docs.contents != nil, "world \(world.name) has no docs")
        }
    }

    @Test func errorCasesNameTheirPOSIXErrors() throws {
        let resolve = try Self.load()
        let socket = try #require(resolve.interfaces.first { $0.name == "socket" })
        let errorCode = try #require(socket.types["error-code"])
        guard case .enumeration(let cases) = resolve[errorCode].kind else { Issue.record("error-code is not an enum"); return }
        #expect(cases.first?.name == "access-denied")
        #expect(cases.first?.docs.contents?.contains("EACCES") == true)
        for item in cases where item.name != "unknown" {
            let docs = item.docs.contents ?? ""
            #expect(docs.contains("`E"), "\(item.name) names no POSIX error")
        }
    }
}
