import WITModel

/// C spellings shared by the C back end and the Markdown docs: wit-bindgen's C
/// generator's naming (snake case identifiers, interface prefixes, `_t` types,
/// `[method]r.f` → `method_r_f`), so code written against wit-bindgen's
/// bindings reads the same against witgen's.
public enum CNaming {
    /// Names a generated identifier must not take as written: C and C++
    /// keywords, and the out-parameter names the generator itself uses.
    static let reserved: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
        "true", "false", "class", "delete", "new", "namespace", "template", "this", "throw", "try", "catch",
        "private", "protected", "public", "virtual", "operator", "friend", "mutable", "explicit", "typename",
        "using", "export", "ret", "err", "NULL",
    ]

    /// The length of the longest reserved name: longer names need no lookup.
    static let longestReserved = reserved.map(\.utf8.count).max() ?? 0

    /// A WIT name as a C identifier (`local-address` → `local_address`, `err` → `err_`).
    public static func identifier(_ name: String) -> String {
        let snake = Naming.snake(name)
        return snake.utf8.count <= longestReserved && reserved.contains(snake) ? snake + "_" : snake
    }

    /// A WIT name in upper snake case, for macros (`would-block` → `WOULD_BLOCK`).
    public static func macro(_ name: String) -> String {
        var name = name
        // ASCII names (all WIT names) byte by byte; others as `uppercased()` spells them.
        let bytes: [UInt8]? = name.withUTF8 { utf8 in
            var macro = [UInt8]()
            macro.reserveCapacity(utf8.count)
            for byte in utf8 {
                guard byte < 0x80 else { return nil }
                switch byte {
                case UInt8(ascii: "-"): macro.append(UInt8(ascii: "_"))
                case UInt8(ascii: "a")...UInt8(ascii: "z"): macro.append(byte - 32)
                default: macro.append(byte)
                }
            }
            return macro
        }
        guard let bytes else { return Naming.snake(name).uppercased() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The C name of a function below its prefix: `[method]r.f` → `method_r_f`,
    /// `[constructor]r` → `constructor_r`, `f` → `f`; `async` leaves no trace
    /// (`[async method]r.f` → `method_r_f`, `[async]f` → `f`).
    public static func functionSuffix(_ name: String) -> String {
        var name = name
        if name.utf8.first == UInt8(ascii: "["), name.hasPrefix("[async") {
            var rest = Substring(name)
            for (marker, replacement) in [("[async method]", "[method]"), ("[async static]", "[static]"), ("[async]", "")]
            where rest.hasPrefix(marker) {
                rest = Substring(replacement) + rest.dropFirst(marker.count)
            }
            name = String(rest)
        }
        // WIT names are ASCII: byte by byte (a non-ASCII name takes the `Character` path).
        let original = name
        return name.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return characterFunctionSuffix(Substring(original)) }
            var suffix = [UInt8]()
            suffix.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "["): continue
                case UInt8(ascii: "]"), UInt8(ascii: "."), UInt8(ascii: "-"): suffix.append(UInt8(ascii: "_"))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): suffix.append(byte + 32)
                default: suffix.append(byte)
                }
            }
            return String(decoding: suffix, as: UTF8.self)
        }
    }

    private static func characterFunctionSuffix(_ name: Substring) -> String {
        var text = ""
        for character in name {
            switch character {
            case "[": continue
            case "]", ".", "-": text += "_"
            default: text.append(character)
            }
        }
        return text.lowercased()
    }

    /// The default prefix of an interface imported by path: namespace, package
    /// and interface in snake case (`wasi_sockets_tcp`), with the package version
    /// (`wasi_sockets_0_2_0_tcp`) only when `withVersion` is set.
    public static func interfacePrefix(_ package: PackageName, interface: String, withVersion: Bool) -> String {
        var text = Naming.snake(package.namespace)
        text += "_"
        text += Naming.snake(package.name)
        if withVersion, let version = package.version {
            text += "_"
            // Semver text is ASCII: `.`, `-` and `+` become `_`, byte by byte.
            var bytes = Array(version.description.utf8)
            for index in bytes.indices where bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "-")
                || bytes[index] == UInt8(ascii: "+") {
                bytes[index] = UInt8(ascii: "_")
            }
            text += String(decoding: bytes, as: UTF8.self)
        }
        text += "_"
        text += Naming.snake(interface)
        return text
    }

    /// The prefix of every interface of `resolve`, by interface index, as wit-bindgen gives
    /// it when the interface is imported by path and not renamed (`wasi_sockets_tcp`). A
    /// prefix carries its package's version only when the model holds another version of
    /// the same package.
    public static func defaultPrefixes(in resolve: Resolve) -> [String] {
        var versions: [String: [PackageName]] = [:]
        for package in resolve.packages { versions[package.name.unversioned, default: []].append(package.name) }
        let packagesNeedingVersion = resolve.packages.map { package in
            versions[package.name.unversioned]!.contains { $0.version != package.name.version }
        }
        return resolve.interfaces.map { interface in
            guard let packageID = interface.package else { return Naming.snake(interface.name ?? "") }
            return interfacePrefix(resolve[packageID].name, interface: interface.name ?? "",
                                   withVersion: packagesNeedingVersion[packageID.index])
        }
    }
}
