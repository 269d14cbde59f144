import WITModel

/// Facts about types the Swift mapping needs, computed once: which resources
/// a type carries (it becomes generic over them), whether it can be
/// `Hashable`, and which named types are thrown as errors. A class, so that
/// every renderer shares one set of caches.
final class SwiftTypeFacts {
    let resolve: Resolve
    private var resourceCache: ArenaTable<TypeID, [TypeID]>
    private var hashableCache: ArenaTable<TypeID, Bool>
    private var thrown: ArenaTable<TypeID, Bool>
    private var membersByResource: ArenaTable<TypeID, [Function]>
    private var associatedCache: ArenaTable<TypeID, [TypeID]>

    init(resolve: Resolve) {
        self.resolve = resolve
        resourceCache = ArenaTable(count: resolve.types.count)
        hashableCache = ArenaTable(count: resolve.types.count)
        thrown = ArenaTable(count: resolve.types.count)
        membersByResource = ArenaTable(count: resolve.types.count)
        associatedCache = ArenaTable(count: resolve.types.count)
        for interface in resolve.interfaces {
            for function in interface.functions.values {
                noteThrown(function)
                noteMember(function)
            }
        }
        for world in resolve.worlds {
            for case .function(let function) in world.imports.values { noteMember(function) }
            for case .function(let function) in Array(world.imports.values) + Array(world.exports.values) {
                noteThrown(function)
            }
        }
    }

    private func noteMember(_ function: Function) {
        guard let resource = function.kind.resource else { return }
        membersByResource[resolve.dealiased(resource), default: []].append(function)
    }

    /// Whether a named type appears as the error of a function's `result`.
    func isThrown(_ id: TypeID) -> Bool {
        thrown[id] ?? false
    }

    /// A resource's constructor, methods and static functions, in definition order.
    func members(of resource: TypeID) -> [Function] {
        membersByResource[resource] ?? []
    }

    private func noteThrown(_ function: Function) {
        guard case .id(let id)? = function.result, case .result(_, let err?) = resolve.types[id.index].kind,
              let nominal = nominalType(err) else { return }
        thrown[nominal] = true
    }

    /// A resource's methods: the requirements of its protocol.
    func methods(of resource: TypeID) -> [Function] {
        members(of: resource).filter(\.kind.isMethod)
    }

    /// A resource's constructor and static functions: requirements of its host protocol.
    func hostMembers(of resource: TypeID) -> [Function] {
        members(of: resource).filter { !$0.kind.isMethod }
    }

    /// The other resources a resource's methods mention, in first-seen order.
    func associatedResources(of resource: TypeID) -> [TypeID] {
        if let cached = associatedCache[resource] { return cached }
        let result = resources(mentionedBy: methods(of: resource)).filter { $0 != resource }
        associatedCache[resource] = result
        return result
    }

    /// The resources (unaliased) that functions' parameters and results contain, in first-seen order.
    func resources(mentionedBy functions: [Function]) -> [TypeID] {
        var found: [TypeID] = []
        for function in functions {
            for parameter in function.params { found.appendNew(resources(in: parameter.type)) }
            found.appendNew(resources(in: function.result))
        }
        return found
    }


    /// The generated nominal type (record, variant, enum, flags) a reference names, if any.
    func nominalType(_ reference: TypeReference) -> TypeID? {
        guard case .id(let id) = reference else { return nil }
        let target = resolve.dealiased(id)
        switch resolve.types[target.index].kind {
        case .record, .variant, .enumeration, .flags: return resolve.types[target.index].name == nil ? nil : target
        default: return nil
        }
    }

    /// The resources (unaliased) a type contains, in first-seen order.
    func resources(in reference: TypeReference?) -> [TypeID] {
        guard case .id(let id)? = reference else { return [] }
        return resources(in: id)
    }

    func resources(in id: TypeID) -> [TypeID] {
        if let cached = resourceCache[id] { return cached }
        resourceCache[id] = []
        var found: [TypeID] = []
        let kind = resolve.types[id.index].kind
        if kind.isResource {
            found = [id]
        } else {
            kind.forEachReference { found.appendNew(resources(in: $0)) }
        }
        resourceCache[id] = found
        return found
    }

    /// How a record field or variant payload takes part in `Hashable`.
    enum MemberHashing {
        /// The member is hashed and compared as it is.
        case whole
        /// A tuple (which Swift cannot make `Hashable`): hashed and compared element by element.
        case elementwise([TypeReference])
    }

    /// How a record field or variant payload takes part in `Hashable`; `nil` when it cannot.
    func hashing(of reference: TypeReference?) -> MemberHashing? {
        if isHashable(reference) { return .whole }
        guard case .id(let id)? = reference,
              case .tuple(let elements) = resolve[resolve.dealiased(id)].kind, elements.count > 1,
              elements.allSatisfy({ isHashable($0) }) else { return nil }
        return .elementwise(elements)
    }

    /// Whether a member is hashed element by element.
    func isHashedElementwise(_ reference: TypeReference?) -> Bool {
        if case .elementwise? = hashing(of: reference) { return true }
        return false
    }

    /// Whether a record or variant needs hand-written `==` and `hash(into:)` (it has tuple members).
    func needsElementwiseHashable(_ id: TypeID) -> Bool {
        guard isHashable(.id(id)) else { return false }
        switch resolve.types[id.index].kind {
        case .record(let fields): return fields.contains { isHashedElementwise($0.type) }
        case .variant(let cases): return cases.contains { $0.type != nil && isHashedElementwise($0.type) }
        default: return false
        }
    }

    /// Whether the Swift type for a reference can conform to `Hashable`
    /// (tuples and resources cannot).
    func isHashable(_ reference: TypeReference?) -> Bool {
        guard case .id(let id)? = reference else { return true }
        if let cached = hashableCache[id] { return cached }
        hashableCache[id] = false
        let result: Bool
        switch resolve.types[id.index].kind {
        case .resource, .handle, .tuple, .unknown: result = false
        case .alias(let target): result = isHashable(target)
        case .record(let fields): result = fields.allSatisfy { hashing(of: $0.type) != nil }
        case .variant(let cases): result = cases.allSatisfy { $0.type == nil || hashing(of: $0.type) != nil }
        case .option(let element), .list(let element), .fixedSizeList(let element, _): result = isHashable(element)
        case .map(_, let value): result = isHashable(value)
        case .result(let ok, let err): result = isHashable(ok) && isHashable(err)
        case .flags, .enumeration, .future, .stream: result = true
        }
        hashableCache[id] = result
        return result
    }
}

extension Array where Element: Equatable {
    /// Appends the elements of `more` not in the array yet, in order (lists of resources are short).
    mutating func appendNew(_ more: [Element]) {
        for element in more where !contains(element) { append(element) }
    }
}
