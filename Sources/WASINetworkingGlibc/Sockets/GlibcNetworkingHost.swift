import WASINetworking

/// The reference runtime: the `networking` world's imports on Glibc sockets,
/// every operation checked against a ``NetworkPolicy`` (deny by default).
public struct GlibcNetworkingHost: WASINetworking.NetworkingWorld.Imports, Sendable {
    let context: RuntimeContext
    // The capabilities hold nothing but the context: made once, handed out every time.
    private let tcpNetwork: GlibcTCPNetwork
    private let udpNetwork: GlibcUDPNetwork
    private let resolver: GlibcResolver

    /// A host that allows exactly what `policy` allows.
    public init(policy: NetworkPolicy) {
        self.init(policy: policy, lookup: { name, family, includeUnavailable throws(WASINetworking.Socket.ErrorCode) in
            try GlibcResolver.systemLookup(name, family: family, includeUnavailable: includeUnavailable)
        })
    }

    /// A host whose resolver looks names up with `lookup` instead of the system's resolver
    /// (`getaddrinfo`), so that tests answer lookups themselves and none leaves the machine.
    init(policy: NetworkPolicy, lookup: @escaping HostLookup) {
        context = RuntimeContext(policy: policy)
        tcpNetwork = GlibcTCPNetwork(context: context)
        udpNetwork = GlibcUDPNetwork(context: context)
        resolver = GlibcResolver(context: context, lookup: lookup)
    }

    /// The TCP capability: creates TCP sockets under the policy.
    public func defaultTCPNetwork() -> GlibcTCPNetwork { tcpNetwork }
    /// The UDP capability: creates UDP sockets under the policy.
    public func defaultUDPNetwork() -> GlibcUDPNetwork { udpNetwork }
    /// The name resolver, under the policy's resolve rules.
    public func defaultResolver() -> GlibcResolver { resolver }

    /// Connects a socket (``GlibcTCPSocket/connect(socket:remoteAddress:)``).
    public func tcpSocketConnect(socket: consuming GlibcTCPSocket, remoteAddress: WASINetworking.SocketTCP.IPSocketAddress)
        throws(WASINetworking.SocketTCP.TCPSocketError<GlibcTCPSocket>) -> GlibcTCPConnection {
        try GlibcTCPSocket.connect(socket: socket, remoteAddress: remoteAddress)
    }

    /// Starts listening on a socket (``GlibcTCPSocket/listen(socket:backlogSizeHint:)``).
    public func tcpSocketListen(socket: consuming GlibcTCPSocket, backlogSizeHint: UInt32)
        throws(WASINetworking.SocketTCP.TCPSocketError<GlibcTCPSocket>) -> GlibcTCPListener {
        try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: backlogSizeHint)
    }
}
