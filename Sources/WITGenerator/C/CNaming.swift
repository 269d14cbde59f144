import WITModel

/// C spellings shared by the C back end and the Markdown docs: wit-bindgen's C
/// generator's naming (snake case identifiers, interface prefixes, `_t` types,
/// `[method]r.f` → `method_r_f`), so code written against wit-bindgen's
/// bindings reads the same against witgen's.
public enum CNaming {
    /// Names a generated identifier must not take as written (it then ends in `_`): every
    /// C and C++ keyword, including C23's and the GNU dialects' (`typeof`, `asm`); the C
    /// library's lower-case macros a guest's program may have defined before the header
    /// (`stdin`, `errno`, `noreturn`, `complex`); and `ret` and `err`, the names of the
    /// out-parameters of results. wit-bindgen escapes these too, except `restrict`,
    /// `typeof`, `typeof_unqual`, `errno`, `noreturn`, `complex` and `imaginary`, and it
    /// matches the WIT name before snake case, so it leaves `and-eq` as `and_eq`.
    static let reserved: Set<String> = [
        // C and C++ keywords, and the alternative tokens of C++ (`and`, `or_eq`, …).
        "alignas", "alignof", "and", "and_eq", "asm", "atomic_cancel", "atomic_commit", "atomic_noexcept", "auto",
        "bitand", "bitor", "bool", "break", "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class",
        "compl", "concept", "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
        "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
        "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
        "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private",
        "protected", "public", "reflexpr", "register", "reinterpret_cast", "requires", "restrict", "return", "short",
        "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "synchronized", "template",
        "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "typeof", "typeof_unqual",
        "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
        // Lower-case macros of the C library.
        "stdin", "stdout", "stderr", "errno", "noreturn", "complex", "imaginary",
        // The out-parameters of options and results.
        "ret", "err",
    ]

    /// The length of the longest reserved name: longer names need no lookup.
    static let longestReserved = reserved.map(\.utf8.count).max() ?? 0

    /// A WIT name as a C identifier (`local-address` → `local_address`, `err` → `err_`).
    public static func identifier(_ name: String) -> String {
        let snake = Naming.snake(name)
        return snake.utf8.count <= longestReserved && reserved.contains(snake) ? snake + "_" : snake
    }

    /// A WIT parameter name as a C parameter: an identifier that is also none of the names the
    /// adapters give their own locals (`params`, `result`, `ret_area`, `ret_value`, `arg0`, …),
    /// which an import adapter declares beside its parameters. Only declarations change:
    /// parameter names are not part of a C function's type.
    public static func parameter(_ name: String) -> String {
        let identifier = identifier(name)
        switch identifier {
        case "params", "result", "ret_area", "ret_value": return identifier + "_"
        default:
            let utf8 = identifier.utf8
            if utf8.count > 3, identifier.hasPrefix("arg"),
               utf8.dropFirst(3).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                return identifier + "_"
            }
            return identifier
        }
    }

    /// A WIT name in upper snake case, for macros (`would-block` → `WOULD_BLOCK`): `-` becomes
    /// `_` and ASCII letters upper case; every other byte is copied, so a non-ASCII character
    /// stays as it is (as `Naming.snake` leaves it).
    public static func macro(_ name: String) -> String {
        var name = name
        return name.withUTF8 { utf8 in
            var macro = [UInt8]()
            macro.reserveCapacity(utf8.count)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "-"): macro.append(UInt8(ascii: "_"))
                case UInt8(ascii: "a")...UInt8(ascii: "z"): macro.append(byte - 32)
                default: macro.append(byte)
                }
            }
            return String(decoding: macro, as: UTF8.self)
        }
    }

    /// The C name of a function below its prefix: `[method]r.f` → `method_r_f`,
    /// `[constructor]r` → `constructor_r`, `f` → `f`; `async` leaves no trace
    /// (`[async method]r.f` → `method_r_f`, `[async]f` → `f`). `[` is dropped, `]`, `.` and
    /// `-` become `_`, ASCII letters lower case; every other byte is copied, so a non-ASCII
    /// character stays as it is (as `Naming.snake` leaves it).
    public static func functionSuffix(_ name: String) -> String {
        var name = name
        return name.withUTF8 { bytes in
            var rest = bytes[...]
            var suffix = [UInt8]()
            suffix.reserveCapacity(bytes.count)
            if bytes.count > 1, bytes[0] == UInt8(ascii: "["), bytes[1] == UInt8(ascii: "a") {
                for (marker, replacement) in asyncMarkers where rest.starts(with: marker.utf8) {
                    suffix.append(contentsOf: replacement.utf8)
                    rest = rest.dropFirst(marker.utf8.count)
                    break
                }
            }
            for byte in rest {
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

    /// The prefixes of `async` functions' names, and what each leaves in the C name.
    private static let asyncMarkers: [(marker: String, replacement: String)] = [
        ("[async method]", "method_"), ("[async static]", "static_"), ("[async]", ""),
    ]

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
