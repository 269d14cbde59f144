/// The structure of an anonymous type, so that equal anonymous types are
/// defined once (`list<u8>` everywhere is one type).
enum AnonymousKey: Hashable {
    case variant([String], [TypeReference?])
    case borrow(TypeID)
    case record([String], [TypeReference])
    case flags([String])
    case tuple([TypeReference])
    case enumeration([String])
    case list(TypeReference)
    case map(TypeReference, TypeReference)
    case fixedSizeList(TypeReference, UInt32)
    case option(TypeReference)
    case result(TypeReference?, TypeReference?)
    case future(TypeReference?)
    case stream(TypeReference?)

    /// The key of an anonymous kind; `nil` for kinds that are never interned.
    init?(_ kind: TypeDefKind) {
        switch kind {
        case .variant(let cases): self = .variant(cases.map(\.name), cases.map(\.type))
        case .handle(.borrow(let id)): self = .borrow(id)
        case .record(let fields): self = .record(fields.map(\.name), fields.map(\.type))
        case .flags(let flags): self = .flags(flags.map(\.name))
        case .tuple(let types): self = .tuple(types)
        case .enumeration(let cases): self = .enumeration(cases.map(\.name))
        case .list(let element): self = .list(element)
        case .map(let key, let value): self = .map(key, value)
        case .fixedSizeList(let element, let size): self = .fixedSizeList(element, size)
        case .option(let element): self = .option(element)
        case .result(let ok, let err): self = .result(ok, err)
        case .future(let element): self = .future(element)
        case .stream(let element): self = .stream(element)
        case .handle(.own), .resource, .alias, .unknown: return nil
        }
    }
}
