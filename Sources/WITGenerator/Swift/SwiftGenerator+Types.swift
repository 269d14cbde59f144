import WITModel

extension SwiftGenerator {
    /// `<TCPSocket: Module.NS.TCPSocketResource, …>` for a type generic over resources.
    mutating func genericClause(_ resources: [TypeID]) -> String {
        guard !resources.isEmpty else { return "" }
        let parameters = resources.map { "\(names.resourceNames[$0]!): \(names.qualifiedName($0))" }
        return "<" + parameters.joined(separator: ", ") + ">"
    }

    mutating func emitTypeDefinition(_ id: TypeID, into printer: inout CodePrinter) {
        let type = resolve[id]
        guard let swiftName = names.typeNames[id] else { return }
        if case .resource = type.kind {
            emitResourceProtocol(id, into: &printer)
            return
        }
        let resources = facts.resources(in: id)
        let generics = genericClause(resources)
        printer.line()
        if case .alias(.id(let target)) = type.kind, resolve[resolve.dealiased(target)].kind.isResource {
            let resource = resolve.dealiased(target)
            printer.line("// `\(type.name ?? "")` is the resource `\(resolve[resource].name ?? "")`: see `\(names.qualifiedName(resource))`.")
            return
        }
        // Deprecation of a type stays a doc note: other generated declarations refer to the
        // type, and `@available(*, deprecated)` would make each of them a warning.
        printer.comment(documentation(type.docs.contents, type.stability), style: .swiftDocumentation)
        let hashable = facts.isHashable(.id(id)) ? ", Hashable" : ""
        let thrown = facts.isThrown(id) ? ", Error" : ""
        switch type.kind {
        case .record(let fields):
            let elementwise = facts.needsElementwiseHashable(id)
            printer.block("public struct \(swiftName)\(generics): Sendable\(hashable)\(thrown) {") { body in
                var parameters: [String] = []
                for field in fields {
                    body.comment(field.docs.contents, style: .swiftDocumentation)
                    let fieldType = renderer.render(field.type)
                    body.line("public var \(names.member(field.name)): \(fieldType)")
                    parameters.append("\(names.member(field.name)): \(fieldType)")
                }
                body.line()
                body.line("/// Creates a value from all of its fields.")
                body.block("public init(\(parameters.joined(separator: ", "))) {") { initBody in
                    for field in fields {
                        let member = names.member(field.name)
                        initBody.line("self.\(member) = \(member)")
                    }
                }
                if elementwise { emitRecordHashable(fields, into: &body) }
            }
        case .variant(let cases):
            let elementwise = facts.needsElementwiseHashable(id)
            printer.block("public enum \(swiftName)\(generics): Sendable\(hashable)\(thrown) {") { body in
                for variantCase in cases {
                    body.comment(variantCase.docs.contents, style: .swiftDocumentation)
                    if let payload = variantCase.type {
                        body.line("case \(names.member(variantCase.name))(\(renderer.render(payload)))")
                    } else {
                        body.line("case \(names.member(variantCase.name))")
                    }
                }
                if elementwise { emitVariantHashable(cases, into: &body) }
            }
        case .enumeration(let cases):
            printer.block("public enum \(swiftName): String, CaseIterable, Sendable, Hashable\(thrown) {") { body in
                for enumCase in cases {
                    body.comment(enumCase.docs.contents, style: .swiftDocumentation)
                    body.line("case \(names.member(enumCase.name)) = \"\(enumCase.name)\"")
                }
            }
        case .flags(let flags):
            let raw = flags.count <= 32 ? "UInt32" : "UInt64"
            printer.block("public struct \(swiftName): OptionSet, Sendable, Hashable\(thrown) {") { body in
                body.line("public let rawValue: \(raw)")
                body.line()
                body.line("/// Creates a set from its bits.")
                body.line("public init(rawValue: \(raw)) { self.rawValue = rawValue }")
                for (index, flag) in flags.enumerated() {
                    body.line()
                    body.comment(flag.docs.contents, style: .swiftDocumentation)
                    body.line("public static let \(names.member(flag.name)) = \(swiftName)(rawValue: 1 << \(index))")
                }
            }
        default:
            printer.line("public typealias \(swiftName)\(generics) = \(renderer.renderKind(type.kind))")
        }
    }
}

extension SwiftGenerator {
    /// The parts of a member to compare and hash: the member itself, or its tuple elements.
    mutating func hashedParts(_ reference: TypeReference?, _ base: String) -> [String] {
        guard case .elementwise(let elements)? = facts.hashing(of: reference) else { return [base] }
        return elements.indices.map { "\(base).\($0)" }
    }

    /// `==` and `hash(into:)` written out, because a tuple field keeps Swift from synthesizing them.
    mutating func emitRecordHashable(_ fields: [Field], into printer: inout CodePrinter) {
        var parts: [String] = []
        for field in fields { parts += hashedParts(field.type, names.member(field.name)) }
        printer.line()
        printer.line("/// Compares field by field (tuple fields element by element).")
        printer.block("public static func == (lhs: Self, rhs: Self) -> Bool {") { body in
            body.line(verbatim: parts.map { "lhs.\($0) == rhs.\($0)" }.joined(separator: " && "))
        }
        printer.line()
        printer.line("/// Hashes field by field (tuple fields element by element).")
        printer.block("public func hash(into hasher: inout Hasher) {") { body in
            for part in parts { body.line("hasher.combine(\(part))") }
        }
    }

    mutating func emitVariantHashable(_ cases: [VariantCase], into printer: inout CodePrinter) {
        printer.line()
        printer.line("/// Compares case and payload (tuple payloads element by element).")
        printer.block("public static func == (lhs: Self, rhs: Self) -> Bool {") { body in
            body.block("switch (lhs, rhs) {", indentBody: false) { switchBody in
                for variantCase in cases {
                    let name = names.member(variantCase.name)
                    if variantCase.type != nil {
                        let left = hashedParts(variantCase.type, "a")
                        let right = hashedParts(variantCase.type, "b")
                        let test = zip(left, right).map { "\($0) == \($1)" }.joined(separator: " && ")
                        switchBody.line("case (.\(name)(let a), .\(name)(let b)): return \(test)")
                    } else {
                        switchBody.line("case (.\(name), .\(name)): return true")
                    }
                }
                if cases.count > 1 { switchBody.line("default: return false") }
            }
        }
        printer.line()
        printer.line("/// Hashes case and payload (tuple payloads element by element).")
        printer.block("public func hash(into hasher: inout Hasher) {") { body in
            body.block("switch self {", indentBody: false) { switchBody in
                for (index, variantCase) in cases.enumerated() {
                    let name = names.member(variantCase.name)
                    if variantCase.type != nil {
                        let parts = hashedParts(variantCase.type, "value").map { "hasher.combine(\($0))" }
                        switchBody.line("case .\(name)(let value): hasher.combine(\(index)); \(parts.joined(separator: "; "))")
                    } else {
                        switchBody.line("case .\(name): hasher.combine(\(index))")
                    }
                }
            }
        }
    }
}
