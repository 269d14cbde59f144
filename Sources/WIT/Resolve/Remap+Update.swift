extension Remap {
    mutating func processForeignDependencies(_ unresolved: UnresolvedPackage, _ current: PackageID,
                                             _ linker: inout Linker) throws(Diagnostic) {
        var interfaceOwners: [InterfaceID: (PackageName, String, Span, UnresolvedPackage.ForeignItem)] = [:]
        var worldOwners: [WorldID: (PackageName, String, Span, UnresolvedPackage.ForeignItem)] = [:]
        for (index, entry) in unresolved.foreignDeps.enumerated() {
            for (name, item) in entry.value {
                switch item.item {
                case .interface(let id): interfaceOwners[id] = (entry.key, name, unresolved.foreignDepSpans[index], item)
                case .world(let id): worldOwners[id] = (entry.key, name, unresolved.foreignDepSpans[index], item)
                }
            }
        }
        func dependencyID(_ name: PackageName, _ span: Span) throws(Diagnostic) -> PackageID {
            guard let id = linker.packageNames[name] else {
                let known = linker.packageNames.keys.map(\.description).sorted().joined(separator: ", ")
                throw Diagnostic("package '\(name)' not found. known packages: \(known)", at: span,
                                 help: NameSuggestion.help(for: name.unversioned,
                                                           among: linker.packageNames.keys.map(\.unversioned)))
            }
            return id
        }
        for index in 0..<unresolved.interfaces.count {
            guard let (packageName, name, span, item) = interfaceOwners[InterfaceID(index)] else { break }
            let dependency = try dependencyID(packageName, span)
            var enabled = false
            for stability in item.stabilities where try linker.includes(stability, in: current, span: item.span) {
                enabled = true
                break
            }
            guard enabled else {
                interfaces.append(nil)
                continue
            }
            guard let id = linker.resolve[dependency].interfaces[name] else {
                throw Diagnostic("interface '\(name)' not found in package '\(packageName)'", at: item.span,
                                 help: NameSuggestion.help(for: name, among: linker.resolve[dependency].interfaces.keys))
            }
            interfaces.append(id)
        }
        for index in 0..<unresolved.worlds.count {
            guard let (packageName, name, span, item) = worldOwners[WorldID(index)] else { break }
            let dependency = try dependencyID(packageName, span)
            var enabled = false
            for stability in item.stabilities where try linker.includes(stability, in: current, span: item.span) {
                enabled = true
                break
            }
            guard enabled else {
                worlds.append(nil)
                continue
            }
            guard let id = linker.resolve[dependency].worlds[name] else {
                throw Diagnostic("world '\(name)' not found in package '\(packageName)'", at: item.span,
                                 help: NameSuggestion.help(for: name, among: linker.resolve[dependency].worlds.keys))
            }
            worlds.append(id)
        }
        for (index, type) in unresolved.types.enumerated() {
            guard case .unknown = type.kind else { break }
            guard try linker.includes(type.stability, in: current, span: unresolved.typeSpans[index]) else {
                types.append(nil)
                continue
            }
            guard case .interface(let owner) = type.owner else { continue }
            let interface = try map(owner, nil)
            let name = type.name ?? ""
            guard let id = linker.resolve[interface].types[name] else {
                throw Diagnostic("type `\(name)` not defined in interface", at: unresolved.unknownTypeSpans[index],
                                 help: NameSuggestion.help(for: name, among: linker.resolve[interface].types.keys))
            }
            types.append(id)
        }
        for (id, span) in unresolved.requiredResourceTypes {
            guard var current = try? map(id, span) else { continue }
            while true {
                if case .alias(.id(let next)) = linker.resolve[current].kind {
                    current = next
                } else if case .resource = linker.resolve[current].kind {
                    break
                } else {
                    throw Diagnostic("type used in a handle must be a resource", at: span)
                }
            }
        }
    }

    mutating func updateTypeDefinition(_ type: inout TypeDef, _ span: Span, memberSpans: [Span]?,
                                       _ resolve: inout Resolve) throws(Diagnostic) {
        // The kind is taken out of `type` so that its arrays are updated in place, not copied.
        let kind = type.kind
        type.kind = .unknown
        switch consume kind {
        case .handle(.own(let id)): type.kind = .handle(.own(try map(id, span)))
        case .handle(.borrow(let id)): type.kind = .handle(.borrow(try map(id, span)))
        case .resource: type.kind = .resource
        case .flags(let flags): type.kind = .flags(flags)
        case .enumeration(let cases): type.kind = .enumeration(cases)
        case .unknown: break
        case .record(var fields):
            for index in fields.indices { try update(&fields[index].type, memberSpans?[safe: index] ?? span, &resolve) }
            type.kind = .record(fields)
        case .tuple(var elements):
            for index in elements.indices { try update(&elements[index], span, &resolve) }
            type.kind = .tuple(elements)
        case .variant(var cases):
            for index in cases.indices where cases[index].type != nil {
                try update(&cases[index].type!, memberSpans?[safe: index] ?? span, &resolve)
            }
            type.kind = .variant(cases)
        case .option(var element):
            try update(&element, span, &resolve)
            type.kind = .option(element)
        case .list(var element):
            try update(&element, span, &resolve)
            type.kind = .list(element)
        case .fixedSizeList(var element, let size):
            try update(&element, span, &resolve)
            type.kind = .fixedSizeList(element, size: size)
        case .future(var element):
            if element != nil { try update(&element!, span, &resolve) }
            type.kind = .future(element)
        case .stream(var element):
            if element != nil { try update(&element!, span, &resolve) }
            type.kind = .stream(element)
        case .map(var key, var value):
            try update(&key, span, &resolve)
            try update(&value, span, &resolve)
            type.kind = .map(key: key, value: value)
        case .result(var ok, var err):
            if ok != nil { try update(&ok!, span, &resolve) }
            if err != nil { try update(&err!, span, &resolve) }
            type.kind = .result(ok: ok, err: err)
        case .alias(.id(let id)):
            // `type a = b` keeps `a` usable both as the resource and as a handle: no `own` here.
            type.kind = .alias(.id(try map(id, span)))
        case .alias(.primitive(let primitive)):
            type.kind = .alias(.primitive(primitive))
        }
    }

    /// Maps a reference; a reference to a resource becomes `own<resource>`.
    mutating func update(_ reference: inout TypeReference, _ span: Span?, _ resolve: inout Resolve) throws(Diagnostic) {
        guard case .id(let old) = reference else { return }
        let id = try map(old, span)
        var current = id
        var isResource = false
        while true {
            switch resolve[current].kind {
            case .alias(.id(let next)): current = next; continue
            case .resource: isResource = true
            default: break
            }
            break
        }
        guard isResource else {
            reference = .id(id)
            return
        }
        if let handle = ownHandles[id] {
            reference = .id(handle)
        } else {
            let handle = TypeID(resolve.types.count)
            resolve.types.append(TypeDef(name: nil, kind: .handle(.own(id)), owner: .none, docs: Docs(), stability: .unknown))
            ownHandles[id] = handle
            reference = .id(handle)
        }
    }

    mutating func updateInterface(_ interface: inout Interface, _ spans: UnresolvedPackage.InterfaceSpans,
                                  _ packageID: PackageID, _ linker: inout Linker) throws(Diagnostic) {
        interface.types.filter { _, id in types[id.index] != nil }
        try interface.types.mutateValues { (id: inout TypeID) throws(Diagnostic) in id = try map(id, spans.span) }
        func span(_ index: Int) -> Span { index < spans.functions.count ? spans.functions[index] : spans.span }
        // Updated in place, in order; positions of functions gated off are dropped afterwards.
        var excluded: [Int] = []
        var index = 0
        try interface.functions.mutateValues { (function: inout Function) throws(Diagnostic) in
            defer { index += 1 }
            guard try linker.includes(function.stability, in: packageID, span: span(index)) else {
                excluded.append(index)
                return
            }
            try updateFunction(&function, span(index), &linker.resolve)
        }
        guard !excluded.isEmpty else { return }
        var position = 0
        var nextExcluded = 0
        interface.functions.filter { _, _ in
            defer { position += 1 }
            guard nextExcluded < excluded.count, excluded[nextExcluded] == position else { return true }
            nextExcluded += 1
            return false
        }
    }

    mutating func updateFunction(_ function: inout Function, _ span: Span?, _ resolve: inout Resolve) throws(Diagnostic) {
        switch function.kind {
        case .method(let id): function.kind = .method(try map(id, span))
        case .asyncMethod(let id): function.kind = .asyncMethod(try map(id, span))
        case .static(let id): function.kind = .static(try map(id, span))
        case .asyncStatic(let id): function.kind = .asyncStatic(try map(id, span))
        case .constructor(let id): function.kind = .constructor(try map(id, span))
        case .freestanding, .asyncFreestanding: break
        }
        for index in function.params.indices { try update(&function.params[index].type, span, &resolve) }
        if function.result != nil {
            try update(&function.result!, span, &resolve)
            if hasBorrow(function.result!, resolve) {
                throw Diagnostic("function `\(function.name)` returns a type which contains a `borrow<T>` which is not supported", at: span)
            }
        }
    }

    mutating func hasBorrow(_ reference: TypeReference, _ resolve: Resolve) -> Bool {
        guard case .id(let alias) = reference else { return false }
        let id = resolve.dealiased(alias)
        if let cached = borrowCache[id] { return cached }
        let result: Bool
        switch resolve[id].kind {
        case .alias(let target): result = hasBorrow(target, resolve)
        case .variant(let cases): result = cases.contains { $0.type.map { hasBorrow($0, resolve) } ?? false }
        case .handle(.borrow): result = true
        case .handle(.own), .resource, .flags, .enumeration, .unknown: result = false
        case .record(let fields): result = fields.contains { hasBorrow($0.type, resolve) }
        case .tuple(let elements): result = elements.contains { hasBorrow($0, resolve) }
        case .list(let element), .fixedSizeList(let element, _), .option(let element): result = hasBorrow(element, resolve)
        case .future(let element), .stream(let element): result = element.map { hasBorrow($0, resolve) } ?? false
        case .map(let key, let value): result = hasBorrow(key, resolve) || hasBorrow(value, resolve)
        case .result(let ok, let err):
            result = (ok.map { hasBorrow($0, resolve) } ?? false) || (err.map { hasBorrow($0, resolve) } ?? false)
        }
        borrowCache[id] = result
        return result
    }

    mutating func updateWorld(_ world: inout World, _ spans: UnresolvedPackage.WorldSpans, _ packageID: PackageID,
                              _ linker: inout Linker) throws(Diagnostic) {
        let imports = world.imports.map { ($0.key, $0.value) }
        let exports = world.exports.map { ($0.key, $0.value) }
        world.imports = OrderedDictionary()
        world.exports = OrderedDictionary()
        let all = imports.enumerated().map { ($0.element, spans.imports[safe: $0.offset] ?? spans.span, true) }
            + exports.enumerated().map { ($0.element, spans.exports[safe: $0.offset] ?? spans.span, false) }
        for ((key, item), span, isImport) in all {
            var item = item
            var key = key
            let stability: Stability
            switch item {
            case .type(let id):
                let mapped = try map(id, span)
                item = .type(mapped)
                stability = linker.resolve[mapped].stability
            case .interface(_, let itemStability, _):
                stability = itemStability
            case .function(let function):
                stability = function.stability
            }
            guard try linker.includes(stability, in: packageID, span: span) else { continue }
            if case .interface(let id) = key { key = .interface(try map(id, span)) }
            switch item {
            case .interface(let id, let itemStability, let docs):
                item = .interface(try map(id, span), stability: itemStability, docs: docs)
            case .function(var function):
                try updateFunction(&function, span, &linker.resolve)
                item = .function(function)
            case .type:
                break
            }
            if isImport { world.imports[key] = item } else { world.exports[key] = item }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
