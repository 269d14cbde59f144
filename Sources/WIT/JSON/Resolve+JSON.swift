/// The model as the reference tool prints it (`wasm-tools component wit --json`):
/// the same keys, the same indices, fields left out where it leaves them out.
///
/// The mapping is written once, as events for a ``JSONOutput``: printed
/// directly as bytes for the command line, or built into a ``JSONValue``.
extension Resolve {
    /// The JSON document for this model, as a tree.
    public func json() -> JSONValue {
        var builder = JSONValueBuilder()
        write(to: &builder)
        return builder.result
    }

    /// The JSON document for this model, pretty-printed (as ``JSONValue/pretty()``
    /// prints ``json()``), handed to `output` in chunks of UTF-8 bytes without
    /// building the tree first.
    public func writeJSON(to output: @escaping ([UInt8]) -> Void) {
        var writer = JSONWriter(flush: output)
        write(to: &writer)
        writer.finish()
    }

    func write<Output: JSONOutput>(to out: inout Output) {
        out.beginObject()
        out.key("worlds")
        out.beginArray()
        for world in worlds { write(world: world, to: &out) }
        out.endArray()
        out.key("interfaces")
        out.beginArray()
        for interface in interfaces { write(interface: interface, to: &out) }
        out.endArray()
        out.key("types")
        out.beginArray()
        for type in types { write(type: type, to: &out) }
        out.endArray()
        out.key("packages")
        out.beginArray()
        for package in packages { write(package: package, to: &out) }
        out.endArray()
        out.endObject()
    }

    private func write<Output: JSONOutput>(reference: TypeReference, to out: inout Output) {
        switch reference {
        case .primitive(let primitive): out.string(primitive.rawValue)
        case .id(let id): out.number(id.index)
        }
    }

    private func write<Output: JSONOutput>(optional reference: TypeReference?, to out: inout Output) {
        if let reference { write(reference: reference, to: &out) } else { out.null() }
    }

    private func write<Output: JSONOutput>(name: String?, to out: inout Output) {
        if let name { out.string(name) } else { out.null() }
    }

    /// `{ "key": number }`
    private func write<Output: JSONOutput>(_ key: StaticString, number: Int, to out: inout Output) {
        out.beginObject()
        out.key(key)
        out.number(number)
        out.endObject()
    }

    private func write<Output: JSONOutput>(docs: Docs, to out: inout Output) {
        guard let contents = docs.contents else { return }
        out.key("docs")
        out.beginObject()
        out.key("contents")
        out.string(contents)
        out.endObject()
    }

    private func write<Output: JSONOutput>(stability: Stability, to out: inout Output) {
        switch stability {
        case .unknown:
            return
        case let .stable(since, deprecated):
            out.key("stability")
            out.beginObject()
            out.key("stable")
            out.beginObject()
            out.key("since")
            out.string(since.description)
            if let deprecated {
                out.key("deprecated")
                out.string(deprecated.description)
            }
            out.endObject()
            out.endObject()
        case let .unstable(feature, deprecated):
            out.key("stability")
            out.beginObject()
            out.key("unstable")
            out.beginObject()
            out.key("feature")
            out.string(feature)
            if let deprecated {
                out.key("deprecated")
                out.string(deprecated.description)
            }
            out.endObject()
            out.endObject()
        }
    }

    private func write<Output: JSONOutput>(type: TypeDef, to out: inout Output) {
        out.beginObject()
        out.key("name")
        write(name: type.name, to: &out)
        out.key("kind")
        write(kind: type.kind, to: &out)
        out.key("owner")
        switch type.owner {
        case .none: out.null()
        case .interface(let id): write("interface", number: id.index, to: &out)
        case .world(let id): write("world", number: id.index, to: &out)
        }
        write(docs: type.docs, to: &out)
        write(stability: type.stability, to: &out)
        out.endObject()
    }

    /// `{ "outer": { "inner": [ items ] } }`, the shape of records, flags, variants and enums.
    private func writeList<Output: JSONOutput, Item>(_ outer: StaticString, _ inner: StaticString, _ items: [Item],
                                                     to out: inout Output, _ writeItem: (Item, inout Output) -> Void) {
        out.beginObject()
        out.key(outer)
        out.beginObject()
        out.key(inner)
        out.beginArray()
        for item in items { writeItem(item, &out) }
        out.endArray()
        out.endObject()
        out.endObject()
    }

    private func write<Output: JSONOutput>(kind: TypeDefKind, to out: inout Output) {
        switch kind {
        case .resource:
            out.string("resource")
        case .unknown:
            out.string("unknown")
        case .record(let fields):
            writeList("record", "fields", fields, to: &out) { field, out in
                out.beginObject()
                out.key("name")
                out.string(field.name)
                out.key("type")
                write(reference: field.type, to: &out)
                write(docs: field.docs, to: &out)
                out.endObject()
            }
        case .handle(.own(let id)):
            out.beginObject()
            out.key("handle")
            write("own", number: id.index, to: &out)
            out.endObject()
        case .handle(.borrow(let id)):
            out.beginObject()
            out.key("handle")
            write("borrow", number: id.index, to: &out)
            out.endObject()
        case .flags(let flags):
            writeList("flags", "flags", flags, to: &out) { flag, out in
                write(namedItem: flag, to: &out)
            }
        case .tuple(let types):
            writeList("tuple", "types", types, to: &out) { type, out in
                write(reference: type, to: &out)
            }
        case .variant(let cases):
            writeList("variant", "cases", cases, to: &out) { variantCase, out in
                out.beginObject()
                out.key("name")
                out.string(variantCase.name)
                out.key("type")
                write(optional: variantCase.type, to: &out)
                write(docs: variantCase.docs, to: &out)
                out.endObject()
            }
        case .enumeration(let cases):
            writeList("enum", "cases", cases, to: &out) { enumCase, out in
                write(namedItem: enumCase, to: &out)
            }
        case .option(let element):
            out.beginObject()
            out.key("option")
            write(reference: element, to: &out)
            out.endObject()
        case let .result(ok, err):
            out.beginObject()
            out.key("result")
            out.beginObject()
            out.key("ok")
            write(optional: ok, to: &out)
            out.key("err")
            write(optional: err, to: &out)
            out.endObject()
            out.endObject()
        case .list(let element):
            out.beginObject()
            out.key("list")
            write(reference: element, to: &out)
            out.endObject()
        case let .map(key, value):
            out.beginObject()
            out.key("map")
            out.beginArray()
            write(reference: key, to: &out)
            write(reference: value, to: &out)
            out.endArray()
            out.endObject()
        case let .fixedSizeList(element, size):
            out.beginObject()
            out.key("fixed-length-list")
            out.beginArray()
            write(reference: element, to: &out)
            out.number(Int(size))
            out.endArray()
            out.endObject()
        case .future(let element):
            out.beginObject()
            out.key("future")
            write(optional: element, to: &out)
            out.endObject()
        case .stream(let element):
            out.beginObject()
            out.key("stream")
            write(optional: element, to: &out)
            out.endObject()
        case .alias(let target):
            out.beginObject()
            out.key("type")
            write(reference: target, to: &out)
            out.endObject()
        }
    }

    private func write<Output: JSONOutput>(namedItem: NamedItem, to out: inout Output) {
        out.beginObject()
        out.key("name")
        out.string(namedItem.name)
        write(docs: namedItem.docs, to: &out)
        out.endObject()
    }

    private func write<Output: JSONOutput>(function: Function, to out: inout Output) {
        out.beginObject()
        out.key("name")
        out.string(function.name)
        out.key("kind")
        switch function.kind {
        case .freestanding: out.string("freestanding")
        case .asyncFreestanding: out.string("async-freestanding")
        case .method(let id): write("method", number: id.index, to: &out)
        case .asyncMethod(let id): write("async-method", number: id.index, to: &out)
        case .static(let id): write("static", number: id.index, to: &out)
        case .asyncStatic(let id): write("async-static", number: id.index, to: &out)
        case .constructor(let id): write("constructor", number: id.index, to: &out)
        }
        out.key("params")
        out.beginArray()
        for param in function.params {
            out.beginObject()
            out.key("name")
            out.string(param.name)
            out.key("type")
            write(reference: param.type, to: &out)
            out.endObject()
        }
        out.endArray()
        if let result = function.result {
            out.key("result")
            write(reference: result, to: &out)
        }
        write(docs: function.docs, to: &out)
        write(stability: function.stability, to: &out)
        out.endObject()
    }

    /// `{ "name": index, … }` for a name-to-id table.
    private func write<Output: JSONOutput, ID>(ids: OrderedDictionary<String, ID>, index: (ID) -> Int, to out: inout Output) {
        out.beginObject()
        for (name, id) in ids {
            out.dynamicKey(name)
            out.number(index(id))
        }
        out.endObject()
    }

    private func write<Output: JSONOutput>(interface: Interface, to out: inout Output) {
        out.beginObject()
        out.key("name")
        write(name: interface.name, to: &out)
        out.key("types")
        write(ids: interface.types, index: \.index, to: &out)
        out.key("functions")
        out.beginObject()
        for (name, function) in interface.functions {
            out.dynamicKey(name)
            write(function: function, to: &out)
        }
        out.endObject()
        write(docs: interface.docs, to: &out)
        write(stability: interface.stability, to: &out)
        if let package = interface.package {
            out.key("package")
            out.number(package.index)
        }
        out.endObject()
    }

    private func write<Output: JSONOutput>(worldItems: OrderedDictionary<WorldKey, WorldItem>, to out: inout Output) {
        out.beginObject()
        for (key, item) in worldItems {
            switch key {
            case .name(let text): out.dynamicKey(text)
            case .interface(let id): out.dynamicKey("interface-\(id.index)")
            }
            out.beginObject()
            switch item {
            case let .interface(id, stability, docs):
                out.key("interface")
                out.beginObject()
                out.key("id")
                out.number(id.index)
                write(stability: stability, to: &out)
                write(docs: docs, to: &out)
                out.endObject()
            case .function(let function):
                out.key("function")
                write(function: function, to: &out)
            case .type(let id):
                out.key("type")
                out.number(id.index)
            }
            out.endObject()
        }
        out.endObject()
    }

    private func write<Output: JSONOutput>(world: World, to out: inout Output) {
        out.beginObject()
        out.key("name")
        out.string(world.name)
        out.key("imports")
        write(worldItems: world.imports, to: &out)
        out.key("exports")
        write(worldItems: world.exports, to: &out)
        if let package = world.package {
            out.key("package")
            out.number(package.index)
        }
        write(docs: world.docs, to: &out)
        write(stability: world.stability, to: &out)
        out.endObject()
    }

    private func write<Output: JSONOutput>(package: Package, to out: inout Output) {
        out.beginObject()
        out.key("name")
        out.string(package.name.description)
        write(docs: package.docs, to: &out)
        out.key("interfaces")
        write(ids: package.interfaces, index: \.index, to: &out)
        out.key("worlds")
        write(ids: package.worlds, index: \.index, to: &out)
        out.endObject()
    }
}
