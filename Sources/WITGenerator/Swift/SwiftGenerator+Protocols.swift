import WITModel

extension SwiftGenerator {
    /// The resources a set of functions mentions, closed over what those resources' protocols mention.
    func resourceClosure(_ start: [TypeID], functions: [Function]) -> [TypeID] {
        var result = start
        result.appendNew(facts.resources(mentionedBy: functions))
        var index = 0
        while index < result.count {
            result.appendNew(facts.associatedResources(of: result[index]))
            index += 1
        }
        return result
    }

    mutating func emitResourceProtocol(_ id: TypeID, into printer: inout CodePrinter) {
        let type = resolve[id]
        let protocolName = names.typeNames[id]!
        let associated = facts.associatedResources(of: id)
        printer.line()
        printer.comment(documentation(type.docs.contents, type.stability,
                                      fallback: "The resource `\(type.name ?? "")`: what a host type conforms to."),
                        style: .swiftDocumentation)
        var wrappers: [ThrownErrorWrapper] = []
        printer.block("public protocol \(protocolName): Sendable {") { body in
            for resource in associated {
                body.line("associatedtype \(names.resourceNames[resource]!): \(names.qualifiedName(resource))")
            }
            for function in facts.methods(of: id) {
                emitRequirement(function, selfResource: id, into: &body, wrappers: &wrappers)
            }
        }
        for wrapper in wrappers {
            printer.line()
            emitErrorWrapper(wrapper, into: &printer)
        }
    }

    /// A host protocol: the associated types for the resources it mentions, its free
    /// functions, and the constructors and static functions of the resources it defines.
    mutating func emitHostProtocol(name: String, docs: String, definedResources: [TypeID], functions freeFunctions: [Function],
                                   inherits: [String], into printer: inout CodePrinter, wrappers: inout [ThrownErrorWrapper]) {
        let functions = freeFunctions + definedResources.flatMap { facts.hostMembers(of: $0) }
        let resources = resourceClosure(definedResources, functions: functions)
        printer.line()
        printer.comment(docs, style: .swiftDocumentation)
        let inheritance = inherits.isEmpty ? "" : ": " + inherits.joined(separator: ", ")
        printer.block("public protocol \(name)\(inheritance) {") { body in
            for resource in resources {
                let constraints = facts.associatedResources(of: resource).filter { resources.contains($0) }.map {
                    "\(names.resourceNames[resource]!).\(names.resourceNames[$0]!) == \(names.resourceNames[$0]!)"
                }
                let whereClause = constraints.isEmpty ? "" : " where " + constraints.joined(separator: ", ")
                body.comment("The host's type for the resource `\(resolve[resource].name ?? "")`.", style: .swiftDocumentation)
                body.line("associatedtype \(names.resourceNames[resource]!): \(names.qualifiedName(resource))\(whereClause)")
            }
            for function in functions {
                emitRequirement(function, selfResource: nil, into: &body, wrappers: &wrappers)
            }
        }
    }

    /// One protocol requirement for a WIT function.
    mutating func emitRequirement(_ function: Function, selfResource: TypeID?, into printer: inout CodePrinter,
                                  wrappers: inout [ThrownErrorWrapper]) {
        var parameters: [String] = []
        for parameter in function.explicitParams {
            var typeText = renderer.render(parameter.type, selfResource: selfResource)
            if case .id(let typeID) = parameter.type, case .handle(let handle) = resolve[typeID].kind {
                switch handle {
                case .own: typeText = "consuming " + typeText
                case .borrow: typeText = "borrowing " + typeText
                }
            }
            parameters.append("\(names.member(parameter.name)): \(typeText)")
        }
        var effects = function.kind.isAsync ? " async" : ""
        var returnText = ""
        if case .id(let resultID)? = function.result, case .result(let ok, let err) = resolve[resultID].kind {
            effects += " throws(\(thrownType(err, function: function, selfResource: selfResource, wrappers: &wrappers)))"
            if let ok { returnText = " -> " + renderer.render(ok, selfResource: selfResource) }
        } else if let result = function.result {
            returnText = " -> " + renderer.render(result, selfResource: selfResource)
        }
        printer.line()
        printer.comment(documentation(function.docs.contents, function.stability), style: .swiftDocumentation)
        let available = availability(function.stability)
        if !available.isEmpty { printer.line(verbatim: available) }
        let parameterList = parameters.joined(separator: ", ")
        printer.line("func \(names.functionName(function))(\(parameterList))\(effects)\(returnText)")
    }

    /// The type a function throws for `result<_, err>`: the generated type when it is one of
    /// ours, else a small wrapper error named after the function.
    mutating func thrownType(_ err: TypeReference?, function: Function, selfResource: TypeID?,
                             wrappers: inout [ThrownErrorWrapper]) -> String {
        guard let err else { return "WITUnitError" }
        if facts.nominalType(err) != nil { return renderer.render(err, selfResource: selfResource) }
        var base = Naming.upperCamel(function.itemName) + "Error"
        if let resource = function.kind.resource, let resourceName = resolve[resolve.dealiased(resource)].name {
            base = Naming.upperCamel(resourceName) + base
        }
        let resources = facts.resources(in: err)
        let generics = genericClause(resources)
        let payload = renderer.render(err)
        wrappers.append(ThrownErrorWrapper(name: base + generics, functionName: function.name, payload: payload,
                                           isEquatable: facts.isHashable(err)))
        let arguments = resources.map { $0 == selfResource ? "Self" : names.resourceNames[$0]! }
        return base + (arguments.isEmpty ? "" : "<" + arguments.joined(separator: ", ") + ">")
    }

    /// The error struct a function throws when its error payload is not an `Error` type itself.
    func emitErrorWrapper(_ wrapper: ThrownErrorWrapper, into printer: inout CodePrinter) {
        printer.comment("The error `\(wrapper.functionName)` throws: a `\(wrapper.payload)` that is not an `Error` type by itself.",
                        style: .swiftDocumentation)
        let equatable = wrapper.isEquatable ? ", Equatable" : ""
        printer.block("public struct \(wrapper.name): Error\(equatable), CustomStringConvertible {") { body in
            body.line("/// The WIT error payload.")
            body.line("public var value: \(wrapper.payload)")
            body.line("/// Wraps an error payload.")
            body.line("public init(_ value: \(wrapper.payload)) { self.value = value }")
            body.line("/// `\(wrapper.functionName) failed: ` and the payload.")
            body.line("public var description: String { \"\(wrapper.functionName) failed: \\(value)\" }")
        }
    }
}

/// An error struct the Swift back end writes after a protocol, for a function whose WIT error
/// payload is not an `Error` type by itself.
struct ThrownErrorWrapper {
    /// The struct's name with its generic clause (`ConnectError<TCPSocket: …>`).
    var name: String
    /// The WIT name of the function that throws it.
    var functionName: String
    /// The Swift type of the payload.
    var payload: String
    /// Whether the payload is `Equatable` (then so is the wrapper).
    var isEquatable: Bool
}
