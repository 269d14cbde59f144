/// The part of the WebAssembly component model that a WIT package encoded as a
/// component uses (the shape `wasm-tools component wit --wasm` writes): type
/// definitions, aliases, imports and exports inside component and instance
/// types, top-level exports of those types, and custom sections.
///
/// Both readers produce it: ``ComponentBinaryReader`` from a `.wasm` binary and
/// ``ComponentTextReader`` from a `.wat` text file (which resolves `$names` and
/// expands inline types into numbered definitions, as the text format defines).
/// Indices are plain numbers into the index spaces of the enclosing scope;
/// ``ComponentTypeGraph`` checks them. Every item keeps the span it was read
/// from, for diagnostics.
enum ComponentSyntax {
    /// A top-level item of the component.
    enum TopItem {
        /// A type definition: the next index of the type index space.
        case type(TypeDefinition, Span)
        /// `(export "name" (type N))` (other sorts are refused when read).
        case export(name: String, typeIndex: UInt32, Span)
        /// A custom section (`package-docs` is the one read; others are ignored).
        case custom(name: String, data: [UInt8], Span)
    }

    /// A declaration inside a component type or an instance type.
    enum Declaration {
        /// A type definition.
        case type(TypeDefinition, Span)
        /// An alias of an export of an instance, or of an item of an enclosing type.
        case alias(Alias, Span)
        /// An import (component types only).
        case `import`(name: String, ExternType, Span)
        /// An export.
        case export(name: String, ExternType, Span)
    }

    /// A type definition.
    indirect enum TypeDefinition {
        /// A value type: record, variant, list, …
        case defined(DefinedType)
        /// A function type.
        case function(FunctionType)
        /// A component type: what a component imports and exports.
        case component([Declaration])
        /// An instance type: what an instance exports.
        case instance([Declaration])
    }

    /// A use of a value type: a primitive, or a type by index.
    enum ValueType: Equatable {
        case primitive(PrimitiveType)
        case index(UInt32)
    }

    /// A defined value type.
    enum DefinedType {
        case primitive(PrimitiveType)
        case record([(name: String, type: ValueType)])
        case variant([(name: String, type: ValueType?)])
        case list(ValueType)
        case fixedSizeList(ValueType, UInt32)
        case tuple([ValueType])
        case flags([String])
        case enumeration([String])
        case option(ValueType)
        case result(ok: ValueType?, err: ValueType?)
        case own(UInt32)
        case borrow(UInt32)
        case future(ValueType?)
        case stream(ValueType?)
        case map(key: ValueType, value: ValueType)
    }

    /// A function type.
    struct FunctionType {
        var isAsync: Bool
        var params: [(name: String, type: ValueType)]
        var result: ValueType?
    }

    /// What an import or export is.
    enum ExternType {
        /// A function of the function type with this index.
        case function(UInt32)
        /// A type: equal to the type with this index, or a fresh resource.
        case type(TypeBound)
        /// An instance of the instance type with this index.
        case instance(UInt32)
        /// A component of the component type with this index.
        case component(UInt32)
    }

    /// The bound of an imported or exported type.
    enum TypeBound {
        /// `(eq N)`: the same type as index N.
        case equal(UInt32)
        /// `(sub resource)`: a new abstract resource.
        case subResource
    }

    /// The index spaces an alias can add to.
    enum Sort: String {
        case type, instance, function = "func", component
    }

    /// An alias.
    enum Alias {
        /// `(alias export I "name" (sort))`: the export `name` of instance I.
        case instanceExport(instance: UInt32, name: String, sort: Sort)
        /// `(alias outer N I (type))`: type I of the scope N levels out.
        case outer(count: UInt32, index: UInt32, sort: Sort)
    }
}
