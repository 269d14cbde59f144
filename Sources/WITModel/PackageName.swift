/// A semantic version, kept as its text and its parsed parts.
public struct Version: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Major, minor, patch.
    public var major: UInt64, minor: UInt64, patch: UInt64
    /// Pre-release identifiers (after `-`), empty when none.
    public var prerelease: [String]
    /// Build metadata (after `+`), empty when none.
    public var build: [String]

    /// The canonical text, `1.2.3-rc.1+build`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Semver precedence (build metadata ignored, as semver says).
    public static func < (lhs: Version, rhs: Version) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        if lhs.prerelease.isEmpty != rhs.prerelease.isEmpty { return !lhs.prerelease.isEmpty }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (UInt64(a), UInt64(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }
        if lhs.prerelease.count != rhs.prerelease.count { return lhs.prerelease.count < rhs.prerelease.count }
        return lhs.build.lexicographicallyPrecedes(rhs.build)
    }

    /// Parses semver text; `nil` when it is not valid semver 2.0.
    public init?(parsing text: String) {
        // Bytes, not Characters: every `@since` and package name carries a version.
        let bytes = Array(text.utf8)
        var rest = bytes[...]
        var build: [String] = []
        if let plus = rest.firstIndex(of: UInt8(ascii: "+")) {
            let parts = Self.dotSeparated(rest[(plus + 1)...])
            guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isIdentifierByte) }) else { return nil }
            build = parts.map { String(decoding: $0, as: UTF8.self) }
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let minus = rest.firstIndex(of: UInt8(ascii: "-")) {
            let parts = Self.dotSeparated(rest[(minus + 1)...])
            for part in parts {
                guard !part.isEmpty, part.allSatisfy(Self.isIdentifierByte) else { return nil }
                if part.allSatisfy(Self.isDigit), part.count > 1, part.first == UInt8(ascii: "0") { return nil }
            }
            prerelease = parts.map { String(decoding: $0, as: UTF8.self) }
            rest = rest[..<minus]
        }
        let numbers = Self.dotSeparated(rest)
        guard numbers.count == 3 else { return nil }
        var parsed: [UInt64] = []
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy(Self.isDigit), !(number.count > 1 && number.first == UInt8(ascii: "0"))
            else { return nil }
            var value: UInt64 = 0
            for digit in number {
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
                guard !overflow, !carry else { return nil }
                value = sum
            }
            parsed.append(value)
        }
        self.major = parsed[0]
        self.minor = parsed[1]
        self.patch = parsed[2]
        self.prerelease = prerelease
        self.build = build
    }

    /// The parts between dots (empty parts kept, so that `1..2` is caught).
    private static func dotSeparated(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// An ASCII letter, digit or `-`: what semver allows in prerelease and build parts.
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "-")
    }
}


/// `namespace:name@version`.
public struct PackageName: Hashable, Sendable, CustomStringConvertible {
    /// The namespace, before the colon.
    public var namespace: String
    /// The package name, after the colon.
    public var name: String
    /// The version, if any.
    public var version: Version?

    /// Creates a package name.
    @inlinable public init(namespace: String, name: String, version: Version?) {
        self.namespace = namespace
        self.name = name
        self.version = version
    }

    /// `ns:name@1.0.0` (or without the version).
    public var description: String {
        var text = "\(namespace):\(name)"
        if let version { text += "@\(version)" }
        return text
    }

    /// `ns:name` without the version.
    public var unversioned: String { "\(namespace):\(name)" }
}
