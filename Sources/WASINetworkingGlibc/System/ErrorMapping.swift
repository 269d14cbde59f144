#if canImport(Glibc)
import Glibc
#endif
import WASINetworking

/// The one table from POSIX errors to the interface's error cases.
enum ErrorMapping {
    static func errorCode(for errno: Errno) -> WASINetworking.Socket.ErrorCode {
        switch errno.rawValue {
        case EACCES, EPERM: return .accessDenied
        case EOPNOTSUPP: return .notSupported
        case EINVAL: return .invalidArgument
        case ENOMEM, ENOBUFS: return .outOfMemory
        case ETIMEDOUT: return .timeout
        case EAGAIN: return .wouldBlock
        case EAFNOSUPPORT: return .addressFamilyNotSupported
        case EADDRINUSE: return .addressInUse
        case EADDRNOTAVAIL: return .addressNotBindable
        case ENOTCONN: return .notConnected
        case ECONNREFUSED: return .connectionRefused
        case ECONNRESET: return .connectionReset
        case ECONNABORTED: return .connectionAborted
        case EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN: return .remoteUnreachable
        case EPIPE: return .brokenPipe
        case EMSGSIZE: return .datagramTooLarge
        case EMFILE, ENFILE: return .tooManySockets
        default: return .unknown
        }
    }

    /// `getaddrinfo`'s `EAI_*` codes.
    static func errorCode(forResolverStatus status: Int32) -> WASINetworking.Socket.ErrorCode {
        switch status {
        // EAI_NODATA (-5) and EAI_ADDRFAMILY (-9) are GNU extensions the Glibc module does not export.
        case EAI_NONAME, EAI_FAIL, -5, -9: return .nameUnresolvable
        case EAI_AGAIN: return .temporaryResolverFailure
        case EAI_MEMORY: return .outOfMemory
        default: return .unknown
        }
    }
}

extension WASINetworking.Socket.ErrorCode {
    /// The interface's error for a POSIX error.
    init(_ errno: Errno) { self = ErrorMapping.errorCode(for: errno) }
}

/// Runs a system call and maps its failure straight to the interface's error.
@inline(__always)
func mapped<T: ~Copyable>(_ body: () throws(Errno) -> T) throws(WASINetworking.Socket.ErrorCode) -> T {
    do {
        return try body()
    } catch {
        throw WASINetworking.Socket.ErrorCode(error)
    }
}
