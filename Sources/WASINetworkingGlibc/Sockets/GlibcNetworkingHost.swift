import WASINetworking

/// The reference runtime: the `networking` world's imports on Glibc sockets,
/// every operation checked against a ``NetworkPolicy`` (deny by default).
public struct GlibcNetworkingHost: NetworkingWorld.Imports, Sendable {
    let context: RuntimeContext

    /// A host that allows exactly what `policy` allows.
    public init(policy: NetworkPolicy) {
        context = RuntimeContext(policy: policy)
    }

    public func defaultTCPNetwork() -> GlibcTCPNetwork { GlibcTCPNetwork(context: context) }
    public func defaultUDPNetwork() -> GlibcUDPNetwork { GlibcUDPNetwork(context: context) }
    public func defaultResolver() -> GlibcResolver { GlibcResolver(context: context) }
}
