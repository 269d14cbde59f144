/// Name rules the reference enforces on members and items: kebab-case names are
/// case-insensitive, so `kind` and `KIND` collide as surely as two `kind`s do.
extension PackageResolver {
    /// The most flags one `flags` type may have (the canonical ABI's limit).
    static let maximumFlagCount = 32

    /// Checks the member names of one record, variant, enum or flags type: each is
    /// unique, also when case is ignored. `kind` names the member in messages
    /// (`field`, `case`, `flag`); an exact repeat is a "duplicate", a repeat that differs
    /// in case a conflict with the earlier member.
    static func checkMemberNames(_ names: some Collection<Identifier>, kind: String) throws(Diagnostic) {
        var folded: [String: String] = [:]
        var earlier: [Identifier] = []
        let useDictionary = names.count > 16
        if !useDictionary { earlier.reserveCapacity(names.count) }
        for name in names {
            let previous: String?
            if useDictionary {
                let key = name.name.lowercased()
                previous = folded[key]
                if previous == nil { folded[key] = name.name }
            } else {
                previous = earlier.first { Self.equalIgnoringASCIICase($0.name, name.name) }?.name
                earlier.append(name)
            }
            guard let previous else { continue }
            if previous == name.name { throw Diagnostic("duplicate \(kind) `\(name.name)`", at: name.span) }
            throw Diagnostic("\(kind) `\(name.name)` conflicts with previous \(kind) `\(previous)`", at: name.span)
        }
    }

    /// The flags of one `flags` type: at most ``maximumFlagCount``, then unique names.
    static func checkFlags(_ flags: [NameDecl]) throws(Diagnostic) {
        if flags.count > maximumFlagCount {
            throw Diagnostic("cannot have more than \(maximumFlagCount) flags", at: flags[maximumFlagCount].name.span)
        }
        try checkMemberNames(flags.lazy.map(\.name), kind: "flag")
    }

    /// Whether two names are equal when ASCII letters are compared without case (WIT
    /// identifiers are ASCII), without allocating.
    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                for index in 0..<x.count where x[index] != y[index] {
                    if x[index] | 0x20 != y[index] | 0x20 { return false }
                    let lower = x[index] | 0x20
                    if lower < UInt8(ascii: "a") || lower > UInt8(ascii: "z") { return false }
                }
                return true
            }
        }
    }
}

/// The names of one interface's types and functions, folded to lower case, in the order
/// the reference compares them: `use`d names and type definitions first (in the order
/// they are written), then functions as they are resolved. A method or static function
/// is compared by resource and name (`[method]r.entry` collides with `[static]r.ENTRY`).
struct CaseInsensitiveNames {
    private var seen: [String: String] = [:]

    init(capacity: Int) { seen.reserveCapacity(capacity) }

    /// Records a name; throws when it differs only in case from one recorded before.
    /// An exact repeat is not reported here: the scope already reports it as a duplicate.
    mutating func add(_ name: String, key: String, at span: Span) throws(Diagnostic) {
        let folded = key.lowercased()
        if let previous = seen[folded] {
            if previous == name { return }
            throw Diagnostic("name `\(name)` conflicts with previous name `\(previous)`", at: span)
        }
        seen[folded] = name
    }

    /// The key a function is compared by: its name, or for a resource function the
    /// resource and the name after the `[kind]` prefix (a constructor has no key: its
    /// resource's name was compared already).
    static func key(ofFunction name: String) -> String? {
        guard name.hasPrefix("[") else { return name }
        guard !name.hasPrefix("[constructor]"), let close = name.firstIndex(of: "]") else { return nil }
        // A `.` never appears in a plain identifier, so these keys cannot meet a type's name.
        return "." + name[name.index(after: close)...]
    }
}
