/// The one naming table every back end uses: how a WIT kebab-case name is
/// spelled in Swift (types and members) and in C.
public enum Naming {
    /// Words written in capitals in Swift type names (`IPAddress`, `TCPSocket`),
    /// following the Swift API guidelines for acronyms and initialisms.
    static let acronyms: [String: String] = [
        "ip": "IP", "ipv4": "IPv4", "ipv6": "IPv6", "tcp": "TCP", "udp": "UDP", "dns": "DNS", "http": "HTTP",
        "https": "HTTPS", "url": "URL", "uri": "URI", "id": "ID", "io": "IO", "json": "JSON", "xml": "XML",
        "utf8": "UTF8", "utf16": "UTF16", "api": "API", "cli": "CLI", "tls": "TLS", "ssl": "SSL", "uuid": "UUID",
        "html": "HTML", "tty": "TTY", "os": "OS", "wasi": "WASI", "wit": "WIT", "abi": "ABI", "eof": "EOF",
        "ttl": "TTL", "mtu": "MTU", "ascii": "ASCII", "fd": "FD", "rpc": "RPC", "kv": "KV",
    ]

    /// Swift keywords that must be escaped with backticks when used as names.
    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "Type", "Protocol", "consume", "copy", "discard", "borrowing", "consuming", "some", "any", "async",
    ]

    /// Type names a generated type must not take, because the standard library
    /// or the generated support code already means something by them.
    static let reservedTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "AnyObject", "Result", "Error", "String", "Character", "Bool", "Int",
        "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Float", "Double",
        "Array", "Dictionary", "Set", "Optional", "Never", "Void", "Sendable", "Hashable", "Equatable", "Codable",
        "Identifiable", "OptionSet", "CaseIterable", "Host", "WITResult", "WITNone", "WITFuture", "WITStream",
        "WITErrorContext", "WITUnitError",
    ]

    /// The longest word in `acronyms`; longer words are never looked up.
    static let longestAcronym = acronyms.keys.map(\.count).max() ?? 0

    /// `tcp-socket` → `TCPSocket`, `ipv6-socket-address` → `IPv6SocketAddress`.
    public static func upperCamel(_ name: String) -> String {
        camel(name, capitalizeFirst: true)
    }

    /// `tcp-socket` → `tcpSocket`, `ipv6-socket-address` → `ipv6SocketAddress`, `local-ip` → `localIP`.
    public static func lowerCamel(_ name: String) -> String {
        camel(name, capitalizeFirst: false)
    }

    /// Camel case in one pass over the bytes: each word after the first (and the first
    /// too when `capitalizeFirst`) is capitalized, or spelled as its acronym, or kept
    /// when written in capitals; the first word of lower camel case is lower-cased.
    static func camel(_ name: String, capitalizeFirst: Bool) -> String {
        let bytes = Array(name.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var start = 0
        var isFirst = true
        while start < bytes.count {
            if bytes[start] == UInt8(ascii: "-") { start += 1; continue }
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "-") { end += 1 }
            let word = bytes[start..<end]
            if isFirst && !capitalizeFirst {
                for byte in word { result.append(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
            } else {
                appendCapitalized(word, to: &result)
            }
            isFirst = false
            start = end
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func appendCapitalized(_ word: ArraySlice<UInt8>, to result: inout [UInt8]) {
        // An all-capitals WIT word (an acronym part such as `GET`) stays as written.
        if word.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }) {
            result.append(contentsOf: word)
            return
        }
        let lower = word.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if lower.count <= longestAcronym, let acronym = acronyms[String(decoding: lower, as: UTF8.self)] {
            result.append(contentsOf: acronym.utf8)
            return
        }
        for (offset, byte) in lower.enumerated() {
            result.append(offset == 0 && byte >= 97 && byte <= 122 ? byte - 32 : byte)
        }
    }

    /// A member name, escaped with backticks when it is a Swift keyword.
    public static func swiftMember(_ name: String) -> String {
        escaped(lowerCamel(name))
    }

    /// A type name that avoids keywords and standard-library names (by appending `Type`).
    public static func swiftType(_ name: String) -> String {
        let candidate = upperCamel(name)
        if reservedTypeNames.contains(candidate) || swiftKeywords.contains(candidate) { return candidate + "Type" }
        return candidate
    }

    /// `name` with backticks when Swift reserves it.
    public static func escaped(_ name: String) -> String {
        swiftKeywords.contains(name) ? "`\(name)`" : name
    }

    /// `tcp-socket` → `tcp_socket` (C and wit-bindgen's C generator).
    public static func snake(_ name: String) -> String {
        // Most names are one lower-case word: nothing to change, nothing to allocate.
        if !name.utf8.contains(where: { $0 == 45 || ($0 >= 65 && $0 <= 90) }) { return name }
        var bytes = Array(name.utf8)
        for index in bytes.indices {
            if bytes[index] >= 65 && bytes[index] <= 90 { bytes[index] += 32 } else if bytes[index] == 45 { bytes[index] = 95 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
