/// The name of an import or export in the component model, in the forms a WIT
/// package encoding uses: a kebab-case label, an interface id
/// `namespace:package/interface@version`, or a resource function's
/// `[constructor]r`, `[method]r.m` or `[static]r.s`.
enum ComponentName: Equatable {
    case label(String)
    case interface(package: PackageName, name: String)
    case constructor(resource: String)
    case method(resource: String, name: String)
    case staticFunction(resource: String, name: String)

    /// Parses `text`; `nil` when it is none of the supported forms.
    init?(_ text: String) {
        if let rest = text.dropPrefix("[constructor]") {
            guard Self.isLabel(rest) else { return nil }
            self = .constructor(resource: String(rest))
        } else if let rest = text.dropPrefix("[method]") {
            guard let (resource, name) = Self.dotted(rest) else { return nil }
            self = .method(resource: resource, name: name)
        } else if let rest = text.dropPrefix("[static]") {
            guard let (resource, name) = Self.dotted(rest) else { return nil }
            self = .staticFunction(resource: resource, name: name)
        } else if let colon = text.firstIndex(of: ":") {
            var rest = text[text.index(after: colon)...]
            var version: Version?
            if let at = rest.firstIndex(of: "@") {
                guard let parsed = Version(parsing: String(rest[rest.index(after: at)...])) else { return nil }
                version = parsed
                rest = rest[..<at]
            }
            let namespace = text[..<colon]
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            let package = rest[..<slash]
            let interface = rest[rest.index(after: slash)...]
            guard Self.isLabel(namespace), Self.isLabel(package), Self.isLabel(interface) else { return nil }
            self = .interface(package: PackageName(namespace: String(namespace), name: String(package), version: version),
                              name: String(interface))
        } else {
            guard Self.isLabel(Substring(text)) else { return nil }
            self = .label(text)
        }
    }

    private static func dotted(_ text: Substring) -> (String, String)? {
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let resource = text[..<dot]
        let name = text[text.index(after: dot)...]
        guard isLabel(resource), isLabel(name) else { return nil }
        return (String(resource), String(name))
    }

    /// Whether `text` is a kebab-case name as WIT writes identifiers: words
    /// separated by single hyphens, each all lowercase or all uppercase (digits
    /// allowed after the first character), the first word starting with a letter.
    static func isLabel(_ text: Substring) -> Bool {
        var wordStart = true
        var isFirstWord = true
        var upper: Bool?
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                if wordStart { return false }
                wordStart = true
                isFirstWord = false
                upper = nil
                continue
            }
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if isDigit {
                if wordStart && isFirstWord { return false }
            } else if isLower || isUpper {
                if upper == nil { upper = isUpper }
                if upper != isUpper { return false }
            } else {
                return false
            }
            wordStart = false
        }
        return !wordStart
    }
}

extension StringProtocol {
    /// The rest of the string after `prefix`, or `nil` when it does not start with it.
    func dropPrefix(_ prefix: String) -> SubSequence? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
