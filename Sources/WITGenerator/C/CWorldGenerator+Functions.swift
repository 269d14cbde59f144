import WITModel

/// How a function's result appears in its C signature (only the top level is unpacked).
enum CReturnShape {
    /// No result: `void`.
    case none
    /// Returned as is: scalars, enums, flags, handles.
    case scalar(TypeReference)
    /// `option<T>`: `bool` (true = some) and `T *ret`.
    case option(payload: TypeReference)
    /// `result<T, E>`: `bool` (true = ok), `T *ret` and `E *err` where present.
    case result(ok: TypeReference?, err: TypeReference?)
    /// Anything else: `void` and `T *ret`.
    case pointer(TypeReference)
}

/// A function's C signature.
struct CSignature {
    struct Parameter {
        var name: String
        var type: TypeReference
        var byPointer: Bool
        /// An `option<T>` parameter taken as `T *maybe_NAME` (NULL for none).
        var optionalPayload: TypeReference?
    }

    var name: String
    var parameters: [Parameter]
    var shape: CReturnShape
    /// `RESULT NAME(PARAMETERS)`.
    var text: TextLine
}

extension CWorldGenerator {
    /// Whether a parameter of `type` is passed by pointer.
    func isPassedByPointer(_ type: TypeReference) -> Bool {
        switch resolve.dealiased(type) {
        case .primitive(let primitive): return primitive == .string
        case .id(let id):
            switch resolve.types[id.index].kind {
            case .list, .map, .record, .tuple, .variant, .option, .result, .fixedSizeList: return true
            default: return false
            }
        }
    }

    func returnShape(_ result: TypeReference?) -> CReturnShape {
        guard let result else { return .none }
        switch resolve.dealiased(result) {
        case .primitive(let primitive): return primitive == .string ? .pointer(result) : .scalar(result)
        case .id(let id):
            switch resolve.types[id.index].kind {
            case .option(let payload): return .option(payload: payload)
            case .result(let ok, let err): return .result(ok: ok, err: err)
            case .record, .tuple, .list, .map, .variant, .fixedSizeList: return .pointer(result)
            default: return .scalar(result)
            }
        }
    }

    mutating func signature(_ function: Function, in scope: Scope) -> CSignature {
        let name = functionName(function, in: scope)
        let shape = returnShape(function.result)
        var parameters: [CSignature.Parameter] = []
        var declarations = TextLine(reserving: 256)
        func declare(_ declaration: TextLine) {
            if !declarations.isEmpty { declarations.append(", ") }
            declarations.append(declaration)
        }
        for parameter in function.params {
            let identifier = CNaming.parameter(parameter.name)
            let byPointer = isPassedByPointer(parameter.type)
            var optionalPayload: TypeReference?
            if case .id(let id) = resolve.dealiased(parameter.type), case .option(let payload) = resolve.types[id.index].kind {
                optionalPayload = payload
                declare("\(cType(payload)) *maybe_\(identifier)")
            } else if byPointer {
                declare("\(cType(parameter.type)) *\(identifier)")
            } else {
                declare("\(cType(parameter.type)) \(identifier)")
            }
            parameters.append(.init(name: identifier, type: parameter.type, byPointer: byPointer,
                                    optionalPayload: optionalPayload))
        }
        let returnType: String
        switch shape {
        case .none: returnType = "void"
        case .scalar(let type): returnType = cType(type)
        case .option(let payload):
            returnType = "bool"
            declare("\(cType(payload)) *ret")
        case .result(let ok, let err):
            returnType = "bool"
            if let ok { declare("\(cType(ok)) *ret") }
            if let err { declare("\(cType(err)) *err") }
        case .pointer(let type):
            returnType = "void"
            declare("\(cType(type)) *ret")
        }
        if declarations.isEmpty { declarations = "void" }
        return CSignature(name: name, parameters: parameters, shape: shape,
                          text: "\(returnType) \(name)(\(declarations))")
    }

    /// The C type of a function's whole result (`tcp_result_void_error_code_t`).
    mutating func resultType(_ function: Function) -> String {
        function.result.map { cType($0) } ?? "void"
    }

    mutating func declareFunction(_ function: Function, _ signature: CSignature, neverReturns: Bool = false) {
        functionDeclarations.comment(function.docs.contents, style: .cLine)
        if function.kind.isAsync {
            if function.docs.contents != nil { functionDeclarations.line("//") }
            functionDeclarations.line("// `async` in WIT; called synchronously here: the call blocks until the result is there.")
        }
        functionDeclarations.line("\(neverReturns ? "_Noreturn " : "")extern \(signature.text);")
    }

    /// Whether an imported function never returns to its caller: the functions of `wasi:cli/exit`
    /// (any version), which end the instance, as wit-bindgen marks them.
    mutating func neverReturns(_ function: Function, in scope: Scope) -> Bool {
        guard scope.isImport, let id = scope.interface, let package = resolve[id].package,
              resolve[id].name == "exit", resolve[package].name.unversioned == "wasi:cli",
              function.name == "exit" || function.name == "exit-with-code" else { return false }
        needsNoreturn = true
        return true
    }

    // MARK: Imports

    /// The declaration, the core import and the adapter of an imported function.
    mutating func importFunction(_ function: Function, in scope: Scope) {
        // An `async` function is lowered synchronously: the call blocks until the result is there
        // (the canonical ABI allows a non-async lowering of any function).
        let signature = signature(function, in: scope)
        let neverReturns = neverReturns(function, in: scope)
        declareFunction(function, signature, neverReturns: neverReturns)
        let importName = "__wasm_import_\(signature.name)"

        var body = CodePrinter(indentWidth: 2, level: 1, capacity: 2048)
        var arguments: [String] = []
        let flatParameters = function.params.flatMap { abi.flat($0.type) }
        if flatParameters.count > CanonicalABI.maxFlatParams {
            // Too many to pass flat: the parameters go in memory, as a tuple.
            let types = function.params.map(\.type)
            let layout = abi.structLayout(types)
            body.line("__attribute__((__aligned__(\(layout.alignment)))) uint8_t params[\(max(layout.size, 1))];")
            for (parameter, offset) in zip(signature.parameters, abi.offsets(types)) {
                optionalAdapter(parameter, into: &body)
                let value = valueExpression(parameter)
                body.line("__builtin_memcpy(params + \(offset), &\(value), sizeof(\(cType(parameter.type))));")
            }
            arguments.append("(int32_t) (uintptr_t) params")
        } else {
            var slots: [FlatSlot] = []
            for (index, core) in flatParameters.enumerated() { slots.append(FlatSlot(name: FlatSlot.argumentName(index), core: core)) }
            for slot in slots { body.line("\(slot.core.cType) \(slot.name);") }
            var start = 0
            for parameter in signature.parameters {
                let count = abi.flat(parameter.type).count
                optionalAdapter(parameter, into: &body)
                lowerFlat(parameter.type, valueExpression(parameter), slots[start..<start + count], into: &body)
                start += count
            }
            arguments += slots.map(\.name)
        }

        let flatResults = function.result.map { abi.flat($0) } ?? []
        var coreResult = "void"
        if flatResults.count > CanonicalABI.maxFlatResults, let result = function.result {
            body.line("__attribute__((__aligned__(\(abi.alignment(result))))) uint8_t ret_area[\(abi.size(result))];")
            arguments.append("(int32_t) (uintptr_t) ret_area")
            body.line("\(importName)(\(TextLine(joining: arguments, separator: ", ")));")
            body.line("\(resultType(function)) result;")
            body.line("__builtin_memcpy(&result, ret_area, sizeof(result));")
        } else if let result = function.result, let core = flatResults.first {
            coreResult = core.cType
            body.line("\(core.cType) ret_value = \(importName)(\(TextLine(joining: arguments, separator: ", ")));")
            body.line("\(resultType(function)) result;")
            liftFlat(result, [FlatSlot(name: "ret_value", core: core)][...], into: "result", &body)
        } else {
            body.line("\(importName)(\(TextLine(joining: arguments, separator: ", ")));")
        }
        let coreParameters = flatParameters.count > CanonicalABI.maxFlatParams ? ["int32_t"] : flatParameters.map(\.cType)
        let coreParameterList = coreParameters + (flatResults.count > CanonicalABI.maxFlatResults ? ["int32_t"] : [])
        declareImport(module: scope.module, name: function.name,
                      "\(neverReturns ? "_Noreturn " : "")extern \(coreResult) \(importName)(\(coreParameterList.isEmpty ? "void" : TextLine(joining: coreParameterList, separator: ", ")));")

        switch signature.shape {
        case .none: break
        case .scalar: body.line("return result;")
        case .option:
            body.block("if (result.is_some) {") { then in
                then.line("*ret = result.val;")
                then.line("return true;")
            }
            body.line("return false;")
        case .result(let ok, let err):
            body.block("if (!result.is_err) {") { then in
                if ok != nil { then.line("*ret = result.val.ok;") }
                then.line("return true;")
            }
            if err != nil { body.line("*err = result.val.err;") }
            body.line("return false;")
        case .pointer: body.line("*ret = result;")
        }
        adapters.line()
        adapters.block("\(signature.text) {") { $0.append(body) }
    }

    /// A local `option` value built from a `maybe_` pointer parameter.
    private mutating func optionalAdapter(_ parameter: CSignature.Parameter, into body: inout CodePrinter) {
        guard parameter.optionalPayload != nil else { return }
        let name = parameter.name
        body.line("\(cType(parameter.type)) \(name);")
        body.line("\(name).is_some = maybe_\(name) != NULL;")
        body.block("if (maybe_\(name)) {") { then in
            then.line("\(name).val = *maybe_\(name);")
        }
    }

    /// The C expression of a parameter's value inside its adapter.
    private func valueExpression(_ parameter: CSignature.Parameter) -> TextLine {
        if parameter.optionalPayload != nil || !parameter.byPointer { return "\(parameter.name)" }
        return "*\(parameter.name)"
    }

    // MARK: Exports

    /// The declaration of an exported function (the component defines it) and
    /// the core export that lifts the arguments, calls it and lowers the result.
    mutating func exportFunction(_ function: Function, in scope: Scope) {
        // An `async` function is lifted synchronously: it returns its result when it is done.
        let signature = signature(function, in: scope)
        declareFunction(function, signature)
        let exportName = scope.key == nil ? function.name : "\(scope.module)#\(function.name)"
        let adapterName = "__wasm_export_\(signature.name)"

        var body = CodePrinter(indentWidth: 2, level: 1, capacity: 2048)
        var coreParameters: [String] = []
        var callArguments: [String] = []
        let flatParameters = function.params.flatMap { abi.flat($0.type) }
        let inMemory = flatParameters.count > CanonicalABI.maxFlatParams
        if inMemory {
            coreParameters = ["int32_t arg0"]
            body.line("uint8_t *params = (uint8_t *) (uintptr_t) arg0;")
        }
        let slots = flatParameters.enumerated().map { FlatSlot(name: FlatSlot.argumentName($0), core: $1) }
        if !inMemory { coreParameters = slots.map { "\($0.core.cType) \($0.name)" } }
        var start = 0
        let offsets = inMemory ? abi.offsets(function.params.map(\.type)) : []
        for (index, parameter) in signature.parameters.enumerated() {
            let local: TextLine = "param_\(parameter.name)"
            body.line("\(cType(parameter.type)) \(local);")
            if inMemory {
                body.line("__builtin_memcpy(&\(local), params + \(offsets[index]), sizeof(\(local)));")
            } else {
                let count = abi.flat(parameter.type).count
                liftFlat(parameter.type, slots[start..<start + count], into: local, &body)
                start += count
            }
            if parameter.optionalPayload != nil {
                callArguments.append("param_\(parameter.name).is_some ? &param_\(parameter.name).val : NULL")
            } else {
                callArguments.append(parameter.byPointer ? "&param_\(parameter.name)" : "param_\(parameter.name)")
            }
        }
        if inMemory { body.line("free(params);") }

        let call = { (extra: [String]) -> TextLine in
            "\(signature.name)(\(TextLine(joining: callArguments + extra, separator: ", ")))"
        }
        switch signature.shape {
        case .none: body.line("\(call([]));")
        case .scalar: body.line("\(resultType(function)) result = \(call([]));")
        case .option:
            body.line("\(resultType(function)) result;")
            body.line("result.is_some = \(call(["&result.val"]));")
        case .result(let ok, let err):
            var extra: [String] = []
            if ok != nil { extra.append("&result.val.ok") }
            if err != nil { extra.append("&result.val.err") }
            body.line("\(resultType(function)) result;")
            body.line("result.is_err = !\(call(extra));")
        case .pointer:
            body.line("\(resultType(function)) result;")
            body.line("\(call(["&result"]));")
        }

        let flatResults = function.result.map { abi.flat($0) } ?? []
        var coreResult = "void"
        if let result = function.result, flatResults.count > CanonicalABI.maxFlatResults {
            coreResult = "int32_t"
            exportReturnArea = (max(exportReturnArea.size, abi.size(result)),
                                max(exportReturnArea.alignment, abi.alignment(result)))
            body.line("__builtin_memcpy(\(worldPrefix)__return_area, &result, sizeof(result));")
            body.line("return (int32_t) (uintptr_t) \(worldPrefix)__return_area;")
            let resultPointer = "(\(cType(result)) *) (uintptr_t) arg0"
            if let release = freeFunction(of: result) {
                adapters.line()
                adapters.line("__attribute__((__weak__, __export_name__(\"cabi_post_\(exportName)\")))")
                adapters.block("void \(adapterName)_post_return(int32_t arg0) {") { body in
                    body.line("\(release)(\(resultPointer));")
                }
            }
        } else if let result = function.result, let core = flatResults.first {
            coreResult = core.cType
            body.line("\(core.cType) ret_value;")
            lowerFlat(result, "result", [FlatSlot(name: "ret_value", core: core)][...], into: &body)
            body.line("return ret_value;")
        }
        adapters.line()
        adapters.line("__attribute__((__export_name__(\"\(exportName)\")))")
        let coreParameterList = coreParameters.isEmpty ? "void" : TextLine(joining: coreParameters, separator: ", ")
        adapters.block("\(coreResult) \(adapterName)(\(coreParameterList)) {") { $0.append(body) }
    }
}
