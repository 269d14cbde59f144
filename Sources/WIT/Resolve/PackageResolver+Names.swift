/// Name rules the reference enforces on members and items: kebab-case names are
/// case-insensitive, so `kind` and `KIND` collide as surely as two `kind`s do.
extension PackageResolver {
    /// The most flags one `flags` type may have (the canonical ABI's limit).
    static let maximumFlagCount = 32

    /// Checks the member names of one record, variant, enum or flags type: each is
    /// unique, also when case is ignored. `kind` names the member in messages
    /// (`field`, `case`, `flag`); an exact repeat is a "duplicate", a repeat that differs
    /// in case a conflict with the earlier member.
    static func checkMemberNames<Member: NamedMember>(_ members: [Member], kind: String) throws(Diagnostic) {
        // Without an upper-case letter only exact repeats can collide (the common case,
        // checked without folding); few members are compared pairwise, many through a set.
        let folds = members.contains { hasUppercase($0.name.name) }
        if !folds, members.count <= 16 {
            for index in members.indices.dropFirst() {
                let name = members[index].name
                for earlier in 0..<index where members[earlier].name.name == name.name {
                    throw Diagnostic("duplicate \(kind) `\(name.name)`", at: name.span)
                }
            }
            return
        }
        var seen = Set<FoldedName>(minimumCapacity: members.count)
        for member in members {
            let name = member.name
            let (inserted, previous) = seen.insert(FoldedName(name.name))
            if inserted { continue }
            if previous.name == name.name { throw Diagnostic("duplicate \(kind) `\(name.name)`", at: name.span) }
            throw Diagnostic("\(kind) `\(name.name)` conflicts with previous \(kind) `\(previous.name)`", at: name.span)
        }
    }

    /// The flags of one `flags` type: at most ``maximumFlagCount``, then unique names.
    static func checkFlags(_ flags: [NameDecl]) throws(Diagnostic) {
        if flags.count > maximumFlagCount {
            throw Diagnostic("cannot have more than \(maximumFlagCount) flags", at: flags[maximumFlagCount].name.span)
        }
        try checkMemberNames(flags, kind: "flag")
    }

    /// Whether a name has an ASCII upper-case letter (without one, folding changes nothing).
    static func hasUppercase(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in bytes.contains { $0 &- UInt8(ascii: "A") < 26 } }
    }

    /// Whether a type declaration's name, or a name of its resource's functions, has an
    /// upper-case letter.
    static func hasUppercase(_ decl: TypeDecl) -> Bool {
        if hasUppercase(decl.name.name) { return true }
        guard case .resource(let members, _) = decl.body else { return false }
        return members.contains { hasUppercase($0.named.name.name) }
    }

    /// Whether two names are equal when ASCII letters are compared without case (WIT
    /// identifiers are ASCII), without allocating.
    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                for index in 0..<x.count where x[index] != y[index] {
                    guard FoldedName.fold(x[index]) == FoldedName.fold(y[index]) else { return false }
                }
                return true
            }
        }
    }
}

/// A name that hashes and compares with ASCII case ignored, without building a
/// lower-cased copy: the folded hash is computed once, in one pass over the bytes. A
/// resource function's name is its resource and its own name (`r` and `entry` for
/// `[method]r.entry` and `[static]r.entry` alike), which never equals a plain name.
struct FoldedName: Hashable {
    /// The resource of a resource function; `nil` for every other name.
    let resource: String?
    /// The name as written.
    let name: String
    private let folded: UInt64

    init(_ name: String, resource: String? = nil) {
        self.resource = resource
        self.name = name
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let resource {
            hash = Self.fold(resource, into: hash)
            hash = (hash ^ UInt64(UInt8(ascii: "."))) &* 0x0000_0100_0000_01B3
        }
        folded = Self.fold(name, into: hash)
    }

    /// FNV-1a over the folded bytes of `text`, from its contiguous UTF-8 (no per-byte
    /// index arithmetic of the string's views).
    private static func fold(_ text: String, into hash: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash = hash
            for byte in bytes { hash = (hash ^ UInt64(fold(byte))) &* 0x0000_0100_0000_01B3 }
            return hash
        }
    }

    /// An ASCII upper-case letter as its lower case; every other byte as it is.
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    func hash(into hasher: inout Hasher) { hasher.combine(folded) }

    static func == (a: FoldedName, b: FoldedName) -> Bool {
        guard a.folded == b.folded, PackageResolver.equalIgnoringASCIICase(a.name, b.name) else { return false }
        switch (a.resource, b.resource) {
        case (nil, nil): return true
        case let (x?, y?): return PackageResolver.equalIgnoringASCIICase(x, y)
        default: return false
        }
    }
}

/// A member of a record, variant, enum or flags type: something with a name.
protocol NamedMember {
    var name: Identifier { get }
}

extension FieldDecl: NamedMember {}
extension CaseDecl: NamedMember {}
extension NameDecl: NamedMember {}

extension ResourceFunction {
    /// Whether this is the resource's constructor (which has no name of its own).
    var isConstructor: Bool {
        if case .constructor = self { return true }
        return false
    }
}

/// The names of one interface's types and functions, folded to lower case, in the order
/// the reference compares them: `use`d names and type definitions first (in the order
/// they are written), then functions as they are resolved. A method or static function
/// is compared by resource and name (`[method]r.entry` collides with `[static]r.ENTRY`).
struct CaseInsensitiveNames {
    /// Each name recorded, by its folded key, with the name as written in full.
    private var seen: [FoldedName: String] = [:]

    /// The names of an interface's types: its `use`d names, then its type definitions, in
    /// the order they are written (throws on two that differ only in case).
    init(uses: [UseDecl], definitions: [TypeDecl], capacity: Int) throws(Diagnostic) {
        seen.reserveCapacity(capacity)
        for use in uses {
            for name in use.names { try add(name.effective.name, at: name.effective.span) }
        }
        for definition in definitions { try add(definition.name.name, at: definition.name.span) }
    }

    /// Records a type's or a freestanding function's name; throws when it differs only in
    /// case from one recorded before. An exact repeat is not reported here: the scope
    /// already reports it as a duplicate.
    mutating func add(_ name: String, at span: Span) throws(Diagnostic) {
        try add(FoldedName(name), fullName: name, at: span)
    }

    /// Records a method's or static function's name (`fullName` is `[method]r.entry`); a
    /// constructor has nothing to record, its resource's name was recorded already.
    mutating func add(resourceFunction fullName: String, _ name: String, of resource: String, at span: Span) throws(Diagnostic) {
        try add(FoldedName(name, resource: resource), fullName: fullName, at: span)
    }

    /// Records a function already resolved, by its full name (`f`, `[method]r.entry`), for
    /// names recorded only from the first upper-case one on; no two names before that one
    /// can differ only in case, so `span` is never reported.
    mutating func add(function fullName: String, at span: Span) throws(Diagnostic) {
        guard fullName.hasPrefix("[") else { return try add(fullName, at: span) }
        guard !fullName.hasPrefix("[constructor]"), let close = fullName.firstIndex(of: "]"),
              let dot = fullName[close...].firstIndex(of: ".") else { return }
        let resource = String(fullName[fullName.index(after: close)..<dot])
        try add(resourceFunction: fullName, String(fullName[fullName.index(after: dot)...]), of: resource, at: span)
    }

    private mutating func add(_ key: FoldedName, fullName: String, at span: Span) throws(Diagnostic) {
        if let previous = seen.updateValue(fullName, forKey: key) {
            seen[key] = previous
            if previous == fullName { return }
            throw Diagnostic("name `\(fullName)` conflicts with previous name `\(previous)`", at: span)
        }
    }
}
