/// One package after name resolution inside itself, before it is merged with
/// its dependencies: ids are local to the package, and items of other
/// packages appear as placeholders (first in each arena) to be matched later.
struct UnresolvedPackage {
    var name: PackageName
    var nameSpan: Span
    var docs: Docs

    var types: [TypeDef] = []
    var typeSpans: [Span] = []
    /// For records and variants: the span of each field or case, by type index.
    var memberSpans: [Int: [Span]] = [:]
    var interfaces: [Interface] = []
    var interfaceSpans: [InterfaceSpans] = []
    var worlds: [World] = []
    var worldSpans: [WorldSpans] = []
    /// `include` statements of each world, resolved after its own items.
    var worldIncludes: [[WorldInclude]] = []

    /// Interfaces and worlds of other packages, by package and item name.
    var foreignDeps: OrderedDictionary<PackageName, OrderedDictionary<String, ForeignItem>> = .init()
    /// Where each foreign package was first referenced.
    var foreignDepSpans: [Span] = []
    /// Handles to types of other packages, which must turn out to be resources.
    var requiredResourceTypes: [(TypeID, Span)] = []
    /// Spans of the placeholder types for other packages' types, by type index.
    var unknownTypeSpans: [Span] = []

    struct InterfaceSpans {
        var span: Span
        var functions: [Span] = []
    }

    struct WorldSpans {
        var span: Span
        var imports: [Span] = []
        var exports: [Span] = []
    }

    struct WorldInclude {
        var stability: Stability
        var world: WorldID
        var names: [(name: String, alias: String)]
        var span: Span
    }

    struct ForeignItem {
        var item: ItemReference
        var stabilities: [Stability]
        var span: Span
    }
}

/// An interface or a world, by local id.
enum ItemReference: Hashable {
    case interface(InterfaceID)
    case world(WorldID)
}
