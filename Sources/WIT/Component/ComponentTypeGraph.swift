/// The types of a component with their identities, as a component validator
/// sees them: every definition is a node, a type imported or exported with an
/// `eq` bound is a new node that aliases the one it equals, `(sub resource)`
/// is a new resource, and aliases (`alias export`, `alias outer`) name an
/// existing node again. ``WITPackageDecoder`` maps nodes to WIT types; node
/// identity is what tells a `use` of a type (an alias of a node it has seen)
/// from a new definition.
///
/// Building the graph checks every index against its index space and the kind
/// of what it names (a value type, a resource, a function, instance or
/// component type), so the decoder reads only well-formed references.
struct ComponentTypeGraph {
    typealias NodeID = Int

    /// A use of a value type: a primitive, or a node that is a defined type.
    enum ValueRef: Hashable {
        case primitive(PrimitiveType)
        case node(NodeID)
    }

    /// A defined value type, with its references resolved to nodes.
    enum DefinedNode {
        case primitive(PrimitiveType)
        case record([(name: String, type: ValueRef)])
        case variant([(name: String, type: ValueRef?)])
        case list(ValueRef)
        case fixedSizeList(ValueRef, UInt32)
        case tuple([ValueRef])
        case flags([String])
        case enumeration([String])
        case option(ValueRef)
        case result(ok: ValueRef?, err: ValueRef?)
        case own(NodeID)
        case borrow(NodeID)
        case future(ValueRef?)
        case stream(ValueRef?)
        case map(key: ValueRef, value: ValueRef)
    }

    struct FunctionNode {
        var isAsync: Bool
        var params: [(name: String, type: ValueRef)]
        var result: ValueRef?
    }

    /// What an import, export or alias names.
    enum Entity {
        /// A type: `referenced` is the node it was declared equal to (for a new
        /// resource, the resource itself); `created` is the node it introduces.
        case type(referenced: NodeID, created: NodeID)
        case function(NodeID)
        case instance(NodeID)
        case component(NodeID)
    }

    /// A named import or export, with where it was declared.
    struct Item {
        var name: String
        var entity: Entity
        var span: Span
    }

    enum Node {
        case defined(DefinedNode)
        case function(FunctionNode)
        case resource
        /// A type introduced by an `eq` bound: the same type as its target.
        case alias(of: NodeID)
        case instance(exports: [Item])
        case component(imports: [Item], exports: [Item])
    }

    private(set) var nodes: [Node] = []
    /// Where each node was defined.
    private(set) var spans: [Span] = []
    /// The component's exported types, in order.
    private(set) var exports: [(name: String, node: NodeID, span: Span)] = []
    /// The custom sections, in order.
    private(set) var customSections: [(name: String, data: [UInt8], span: Span)] = []

    /// The node a chain of `eq` aliases ends at: the definition that gives the type its shape.
    func definition(of node: NodeID) -> Node {
        var current = node
        while case .alias(let target) = nodes[current] { current = target }
        return nodes[current]
    }

    /// The index spaces of one component or instance type being built.
    private struct Scope {
        var types: [NodeID] = []
        var instances: [NodeID] = []
        var functions: [NodeID] = []
        var components: [NodeID] = []
        var imports: [Item] = []
        var exports: [Item] = []
    }

    private var scopes: [Scope] = []

    /// Builds the graph of a component's top-level items.
    init(_ items: [ComponentSyntax.TopItem]) throws(Diagnostic) {
        scopes = [Scope()]
        for item in items {
            switch item {
            case .type(let definition, let span):
                scopes[0].types.append(try add(definition, span))
            case .export(let name, let index, let span):
                try Self.externName(name, span)
                let node = try lookup(index, in: \.types, "type", span)
                if exports.contains(where: { $0.name == name }) {
                    throw Diagnostic("the component exports `\(name)` twice", at: span)
                }
                exports.append((name, node, span))
                // An export introduces a new index for what it exports.
                scopes[0].types.append(node)
            case .custom(let name, let data, let span):
                customSections.append((name, data, span))
            }
        }
        scopes = []
    }

    private mutating func newNode(_ node: Node, _ span: Span) -> NodeID {
        nodes.append(node)
        spans.append(span)
        return nodes.count - 1
    }

    private func lookup(_ index: UInt32, in space: KeyPath<Scope, [NodeID]>, _ what: String, _ span: Span,
                        scope: Int? = nil) throws(Diagnostic) -> NodeID {
        let entries = scopes[scope ?? scopes.count - 1][keyPath: space]
        guard Int(index) < entries.count else {
            throw Diagnostic("\(what) index \(index) is out of bounds (\(entries.count) defined here)", at: span)
        }
        return entries[Int(index)]
    }

    private func value(_ type: ComponentSyntax.ValueType, _ span: Span) throws(Diagnostic) -> ValueRef {
        switch type {
        case .primitive(let primitive): return .primitive(primitive)
        case .index(let index):
            let node = try lookup(index, in: \.types, "type", span)
            guard case .defined = definition(of: node) else {
                throw Diagnostic("type index \(index) is not a value type", at: span)
            }
            return .node(node)
        }
    }

    private func optionalValue(_ type: ComponentSyntax.ValueType?, _ span: Span) throws(Diagnostic) -> ValueRef? {
        guard let type else { return nil }
        return try value(type, span)
    }

    private func resource(_ index: UInt32, _ span: Span) throws(Diagnostic) -> NodeID {
        let node = try lookup(index, in: \.types, "type", span)
        guard case .resource = definition(of: node) else {
            throw Diagnostic("type index \(index) in a handle is not a resource", at: span)
        }
        return node
    }

    private mutating func add(_ definition: ComponentSyntax.TypeDefinition, _ span: Span) throws(Diagnostic) -> NodeID {
        switch definition {
        case .defined(let defined):
            return newNode(.defined(try resolve(defined, span)), span)
        case .function(let function):
            var params: [(name: String, type: ValueRef)] = []
            for param in function.params {
                try Self.label(param.name, "parameter", span)
                if params.contains(where: { $0.name == param.name }) {
                    throw Diagnostic("the function type has two parameters named `\(param.name)`", at: span)
                }
                params.append((param.name, try value(param.type, span)))
            }
            return newNode(.function(FunctionNode(isAsync: function.isAsync, params: params,
                                                  result: try optionalValue(function.result, span))), span)
        case .component(let declarations), .instance(let declarations):
            scopes.append(Scope())
            for declaration in declarations { try declare(declaration) }
            let scope = scopes.removeLast()
            if case .component = definition {
                return newNode(.component(imports: scope.imports, exports: scope.exports), span)
            }
            return newNode(.instance(exports: scope.exports), span)
        }
    }

    /// Checks that `name` is a kebab-case label, as WIT identifiers are.
    private static func label(_ name: String, _ what: String, _ span: Span) throws(Diagnostic) {
        guard ComponentName.isLabel(Substring(name)) else {
            throw Diagnostic("the \(what) `\(name)` is not a valid kebab-case name", at: span)
        }
    }

    /// Checks that an import or export name is one of the forms WIT packages use.
    private static func externName(_ name: String, _ span: Span) throws(Diagnostic) {
        guard ComponentName(name) != nil else {
            throw Diagnostic("`\(name)` is not a valid import or export name (a kebab-case name, `ns:pkg/name@version`, or `[method]r.m` and the like)",
                             at: span)
        }
    }

    private func resolve(_ defined: ComponentSyntax.DefinedType, _ span: Span) throws(Diagnostic) -> DefinedNode {
        func unique(_ names: [String], _ what: String) throws(Diagnostic) {
            var seen = Set<String>()
            for name in names {
                try Self.label(name, what, span)
                if !seen.insert(name).inserted { throw Diagnostic("the \(what) `\(name)` is defined twice", at: span) }
            }
        }
        switch defined {
        case .primitive(let primitive): return .primitive(primitive)
        case .record(let fields):
            try unique(fields.map(\.name), "record field")
            var resolved: [(name: String, type: ValueRef)] = []
            for field in fields { resolved.append((field.name, try value(field.type, span))) }
            return .record(resolved)
        case .variant(let cases):
            try unique(cases.map(\.name), "variant case")
            var resolved: [(name: String, type: ValueRef?)] = []
            for item in cases { resolved.append((item.name, try optionalValue(item.type, span))) }
            return .variant(resolved)
        case .list(let element): return .list(try value(element, span))
        case .fixedSizeList(let element, let size): return .fixedSizeList(try value(element, span), size)
        case .tuple(let elements):
            var resolved: [ValueRef] = []
            for element in elements { resolved.append(try value(element, span)) }
            return .tuple(resolved)
        case .flags(let names):
            try unique(names, "flag")
            return .flags(names)
        case .enumeration(let names):
            try unique(names, "enum case")
            return .enumeration(names)
        case .option(let element): return .option(try value(element, span))
        case .result(let ok, let err): return .result(ok: try optionalValue(ok, span), err: try optionalValue(err, span))
        case .own(let index): return .own(try resource(index, span))
        case .borrow(let index): return .borrow(try resource(index, span))
        case .future(let element): return .future(try optionalValue(element, span))
        case .stream(let element): return .stream(try optionalValue(element, span))
        case .map(let key, let element): return .map(key: try value(key, span), value: try value(element, span))
        }
    }

    private mutating func declare(_ declaration: ComponentSyntax.Declaration) throws(Diagnostic) {
        let current = scopes.count - 1
        switch declaration {
        case .type(let definition, let span):
            let node = try add(definition, span)
            scopes[current].types.append(node)
        case .alias(.instanceExport(let index, let name, let sort), let span):
            let instance = try lookup(index, in: \.instances, "instance", span)
            guard case .instance(let exports) = definition(of: instance),
                  let item = exports.first(where: { $0.name == name }) else {
                throw Diagnostic("instance \(index) has no export named `\(name)`", at: span)
            }
            switch (sort, item.entity) {
            case (.type, .type(_, let created)): scopes[current].types.append(created)
            case (.function, .function(let node)): scopes[current].functions.append(node)
            case (.instance, .instance(let node)): scopes[current].instances.append(node)
            case (.component, .component(let node)): scopes[current].components.append(node)
            default: throw Diagnostic("the export `\(name)` of instance \(index) is not a \(sort.rawValue)", at: span)
            }
        case .alias(.outer(let count, let index, let sort), let span):
            guard sort == .type else { throw Diagnostic("unsupported outer alias of a \(sort.rawValue)", at: span) }
            guard Int(count) < scopes.count - 1 else {
                throw Diagnostic("outer alias count \(count) reaches past the outermost type", at: span)
            }
            let node = try lookup(index, in: \.types, "outer type", span, scope: current - Int(count))
            scopes[current].types.append(node)
        case .import(let name, let type, let span):
            try Self.externName(name, span)
            let item = Item(name: name, entity: try entity(type, span), span: span)
            if scopes[current].imports.contains(where: { $0.name == name }) {
                throw Diagnostic("the import `\(name)` is declared twice", at: span)
            }
            scopes[current].imports.append(item)
        case .export(let name, let type, let span):
            try Self.externName(name, span)
            let item = Item(name: name, entity: try entity(type, span), span: span)
            if scopes[current].exports.contains(where: { $0.name == name }) {
                throw Diagnostic("the export `\(name)` is declared twice", at: span)
            }
            scopes[current].exports.append(item)
        }
    }

    /// The entity an import or export declares, added to its index space.
    private mutating func entity(_ type: ComponentSyntax.ExternType, _ span: Span) throws(Diagnostic) -> Entity {
        let current = scopes.count - 1
        switch type {
        case .function(let index):
            let node = try lookup(index, in: \.types, "type", span)
            guard case .function = definition(of: node) else {
                throw Diagnostic("type index \(index) is not a function type", at: span)
            }
            scopes[current].functions.append(node)
            return .function(node)
        case .type(.equal(let index)):
            let referenced = try lookup(index, in: \.types, "type", span)
            switch definition(of: referenced) {
            case .defined, .resource: break
            default: throw Diagnostic("type index \(index) is not a value type or a resource", at: span)
            }
            let created = newNode(.alias(of: referenced), span)
            scopes[current].types.append(created)
            return .type(referenced: referenced, created: created)
        case .type(.subResource):
            let created = newNode(.resource, span)
            scopes[current].types.append(created)
            return .type(referenced: created, created: created)
        case .instance(let index):
            let node = try lookup(index, in: \.types, "type", span)
            guard case .instance = definition(of: node) else {
                throw Diagnostic("type index \(index) is not an instance type", at: span)
            }
            scopes[current].instances.append(node)
            return .instance(node)
        case .component(let index):
            let node = try lookup(index, in: \.types, "type", span)
            guard case .component = definition(of: node) else {
                throw Diagnostic("type index \(index) is not a component type", at: span)
            }
            scopes[current].components.append(node)
            return .component(node)
        }
    }
}
