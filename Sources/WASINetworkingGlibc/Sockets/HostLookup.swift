import WASINetworking

/// A name lookup as the resolver makes it, after the policy allowed the name: the name (ASCII,
/// lower case, no trailing dot), the family asked for (`nil` for both) and whether addresses
/// the host believes unreachable are wanted; the addresses found, in the order to try them.
/// The runtime's is ``GlibcResolver/systemLookup(_:family:includeUnavailable:)``.
typealias HostLookup = @Sendable (_ name: String, _ family: WASINetworking.Socket.IPAddressFamily?, _ includeUnavailable: Bool)
    throws(WASINetworking.Socket.ErrorCode) -> [HostAddress]
