import WASINetworking

extension WASINetworking.Socket.ErrorCode {
    /// What a person reads: the WIT case in words, with the POSIX name the interface's docs
    /// give it (`connection refused (ECONNREFUSED)`).
    var message: String {
        let words = rawValue.replacingOccurrences(of: "-", with: " ")
        return posixName.map { "\(words) (\($0))" } ?? words
    }

    /// The POSIX error the interface's docs name for the case.
    var posixName: String? {
        switch self {
        case .accessDenied: return "EACCES"
        case .notSupported: return "EOPNOTSUPP"
        case .invalidArgument: return "EINVAL"
        case .outOfMemory: return "ENOMEM"
        case .timeout: return "ETIMEDOUT"
        case .wouldBlock: return "EWOULDBLOCK"
        case .addressFamilyNotSupported: return "EAFNOSUPPORT"
        case .addressInUse: return "EADDRINUSE"
        case .addressNotBindable: return "EADDRNOTAVAIL"
        case .alreadyBound, .notBound: return "EINVAL"
        case .notConnected: return "ENOTCONN"
        case .connectionRefused: return "ECONNREFUSED"
        case .connectionReset: return "ECONNRESET"
        case .connectionAborted: return "ECONNABORTED"
        case .remoteUnreachable: return "EHOSTUNREACH"
        case .brokenPipe: return "EPIPE"
        case .datagramTooLarge: return "EMSGSIZE"
        case .tooManySockets: return "EMFILE"
        case .nameUnresolvable: return "EAI_NONAME"
        case .temporaryResolverFailure: return "EAI_AGAIN"
        case .unknown: return nil
        }
    }
}
