import Foundation
import Testing
@testable import WIT

/// Broken encoded packages: every answer is a model or a diagnostic naming the
/// file and the place (a byte offset in a binary, a line and column in text),
/// never a crash.
@Suite struct ComponentMalformedInputTests {
    /// Loads `bytes` as an encoded main package named `path`.
    func load(_ bytes: [UInt8], path: String = "p.wasm") -> Result<FrontEnd.Output, FrontEndFailure> {
        FrontEnd.load(FrontEnd.Input(main: FrontEnd.PackageGroup(component: SourceFile(path: path, bytes: bytes))))
    }

    /// The rendered diagnostics of a load that must fail.
    func failure(_ bytes: [UInt8], path: String = "p.wasm") -> String {
        switch load(bytes, path: path) {
        case .success: return "<loaded>"
        case .failure(let failure): return failure.rendered
        }
    }

    func text(_ source: String) -> String { failure(Array(source.utf8), path: "p.wat") }

    static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    static var binaries: [(String, [UInt8])] {
        ComponentFixtures.encodedNames.compactMap { name in
            let url = ComponentFixtures.folder.appendingPathComponent("encoded/\(name).wasm")
            return (try? ComponentFixtures.bytes(url)).map { (name, $0) }
        }
    }

    @Test func everyBinaryTruncatedAtEveryLength() {
        var failures = 0
        for (name, bytes) in Self.binaries {
            for length in 0..<bytes.count {
                switch load(Array(bytes[0..<length])) {
                case .success:
                    // A cut at a section boundary is a smaller valid component.
                    continue
                case .failure(let failure):
                    failures += 1
                    #expect(failure.diagnostics.count == 1, "\(name) cut at \(length)")
                    // Nothing at all is read as (empty) text, as the reference reads it.
                    let expected = length == 0 ? "p.wasm:1:1: error: empty file" : "p.wasm: error: "
                    #expect(failure.rendered.hasPrefix(expected), "\(name) cut at \(length): \(failure.rendered)")
                }
            }
        }
        #expect(failures > 5000)
    }

    @Test func everyTextTruncatedAtManyLengths() throws {
        for name in ComponentFixtures.encodedNames {
            let bytes = try ComponentFixtures.bytes(ComponentFixtures.folder.appendingPathComponent("encoded/\(name).wat"))
            for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)) {
                if case .failure(let failure) = load(Array(bytes[0..<length]), path: "p.wat") {
                    #expect(failure.rendered.hasPrefix("p.wat:"), "\(name) cut at \(length): \(failure.rendered)")
                }
            }
        }
    }

    @Test func randomlyDamagedBinariesNeverCrash() {
        var generator = SeededGenerator(state: 0x5EED)
        for round in 0..<1500 {
            var bytes = Self.binaries[round % Self.binaries.count].1
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = [0x00, 0x01, 0x7F, 0x80, 0xFF, UInt8.random(in: 0...255, using: &generator)].randomElement(using: &generator)!
            }
            if case .failure(let failure) = load(bytes) {
                #expect(!failure.diagnostics.isEmpty && failure.rendered.hasPrefix("p.wasm: error: "))
            }
        }
    }

    @Test func wrongMagicAndCoreModules() {
        #expect(failure([0x00, 0x61, 0x73, 0x6E] + Self.preamble.dropFirst(4))
            == "p.wasm: error: not a WebAssembly binary: the file does not start with `\\0asm` (at byte offset 0x3)\n")
        #expect(failure([0x01, 0x02, 0x03]).contains("does not start with `\\0asm` (at byte offset 0x0)"))
        #expect(failure([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
            == "p.wasm: error: this is a core WebAssembly module, not a component (at byte offset 0x4)\n")
        #expect(failure([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x02, 0x00]).contains("unsupported component binary version"))
    }

    @Test func badLEB128() {
        // A section size with a fifth byte that carries more than 32 bits.
        #expect(failure(Self.preamble + [0x07, 0x80, 0x80, 0x80, 0x80, 0x70])
            == "p.wasm: error: invalid LEB128 encoding of a section size: more than 32 bits (at byte offset 0x9)\n")
        // A LEB128 that never ends.
        #expect(failure(Self.preamble + [0x07, 0x80, 0x80]).contains("unexpected end of file while reading a section size"))
        // A vector count larger than the section.
        #expect(failure(Self.preamble + [0x07, 0x02, 0x7F, 0x00]).contains("the number of type definitions (127) is larger than the bytes left"))
    }

    @Test func unknownAndUnsupportedSections() {
        #expect(failure(Self.preamble + [0x0D, 0x00])
            == "p.wasm: error: unsupported unknown section id 13: only type, export and custom sections, as in a WIT package encoded as a component, are supported (at byte offset 0x8)\n")
        #expect(failure(Self.preamble + [0x01, 0x00]).contains("unsupported core module section (id 1)"))
        #expect(failure(Self.preamble + [0x0A, 0x00]).contains("unsupported import section (id 10)"))
        #expect(failure(Self.preamble + [0x07, 0x02, 0x01, 0x3F]).contains("unsupported resource type definition"))
        #expect(failure(Self.preamble + [0x07, 0x03, 0x01, 0x6C, 0x00]).contains("unsupported or invalid type definition 0x6c (at byte offset 0xb)"))
        // A section whose contents stop before its declared end.
        #expect(failure(Self.preamble + [0x07, 0x03, 0x00, 0x00, 0x00]).contains("end before its declared size"))
    }

    @Test func notAPackage() {
        // No exports at all: the encoding of an empty package, which the reference
        // reads as a concrete component; an empty package has no name to decode.
        #expect(failure(Self.preamble) == "p.wasm: error: not a WIT package: the component exports no component type\n")
        #expect(text("(component (type (func)) (export \"f\" (type 0)))")
            .contains("p.wat:1:26: error: not a WIT package: the export `f` is not a component type"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance)) (export \"a:b/d\" (instance)))) (export \"c\" (type 0)))")
            .contains("must have a single export, but it has 2"))
        #expect(text("(component (type (component (export \"a:b/wit\" (instance)))) (export \"a:b/wit\" (type 0)))")
            .contains("unsupported: the first (v1) encoding of WIT packages"))
    }

    @Test func badReferencesInTypes() {
        #expect(text("(component (type (component (export \"a:b/c\" (instance (type (list 7)))))) (export \"c\" (type 0)))")
            .contains("p.wat:1:55: error: type index 7 is out of bounds (0 defined here)"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (export \"r\" (type (sub resource))) (type (list 0)))))) (export \"c\" (type 0)))")
            .contains("type index 0 is not a value type"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (type (record (field \"x\" u8))) (type (own 0)))))) (export \"c\" (type 0)))")
            .contains("type index 0 in a handle is not a resource"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (type (record (field \"x\" u8))) (type (func (param \"p\" 0))) (export \"f\" (func (type 1))))))) (export \"c\" (type 0)))")
            .contains("unexpected unnamed type of kind 'record'"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (type (func)) (export \"[method]r.m\" (func (type 0))))))) (export \"c\" (type 0)))")
            .contains("the function `[method]r.m` belongs to a resource `r` that is not defined before it"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (type (record (field \"Bad_name\" u8))))))) (export \"c\" (type 0)))")
            .contains("the record field `Bad_name` is not a valid kebab-case name"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (export \"x y\" (type (sub resource))))))) (export \"c\" (type 0)))")
            .contains("`x y` is not a valid import or export name"))
        #expect(text("(component (type (component (export \"a:b/c\" (instance (alias outer 5 0 (type)))))) (export \"c\" (type 0)))")
            .contains("outer alias count 5 reaches past the outermost scope"))
    }

    @Test func unbalancedParenthesesAndBadText() {
        #expect(text("(component\n  (type (component)\n") == """
            p.wat:2:3: error: unbalanced parentheses: this `(` is never closed
              |
            2 |   (type (component)
              |   ^

            """)
        #expect(text("(component))").hasPrefix("p.wat:1:12: error: unbalanced parentheses: `)` without a matching `(`"))
        #expect(text("(component (; never closed").hasPrefix("p.wat:1:12: error: unterminated block comment"))
        #expect(text("(component (export \"c").hasPrefix("p.wat:1:20: error: unterminated string"))
        #expect(text("(component (export \"\\zz\" (type 0)))").hasPrefix("p.wat:1:21: error: invalid escape in a string"))
        #expect(text("").hasPrefix("p.wat:1:1: error: empty file: expected `(component …)`"))
        #expect(text("(module)").hasPrefix("p.wat:1:1: error: this is a core WebAssembly module, not a component"))
        #expect(text("(component (core module))").hasPrefix("p.wat:1:12: error: unsupported `(core …)` in a component"))
        #expect(text("(component (type $t (record)) (type $t (record)))").hasPrefix("p.wat:1:31: error: duplicate type identifier `$t`"))
        #expect(text("(component (type (list $nope)))").hasPrefix("p.wat:1:24: error: unknown type `$nope`"))
        #expect(text("(component (type (list u8 99999999999)))").hasPrefix("p.wat:1:27: error: a list length is too large"))
        let deep = String(repeating: "(", count: 300) + String(repeating: ")", count: 300)
        #expect(text(deep).contains("parentheses nest more than 256 deep"))
    }

    @Test func badPackageDocs() {
        let component = "(component (type (component (export \"a:b/c\" (instance)))) (export \"c\" (type 0)) (@custom \"package-docs\" %@))"
        func docs(_ data: String) -> String { text(component.replacingOccurrences(of: "%@", with: data)) }
        #expect(docs("\"\\02{}\"").contains("invalid `package-docs` custom section: expected package-docs version 1, got 2"))
        #expect(docs("\"\\01{\\22docs\\22:\"").contains("invalid JSON at byte 9 of the section: unexpected end of the JSON text"))
        #expect(docs("\"\\01{\\22nope\\22:1}\"").contains("unknown field `nope` in the package metadata"))
        #expect(docs("\"\\01{\\22interfaces\\22:{\\22zz\\22:{}}}\"").contains("missing interface \"zz\""))
        #expect(docs("\"\\01{\\22docs\\22:\\22ok\\22}\"") == "<loaded>")
    }

    @Test func aTextPackageOfTheNameOfAnEncodedOneIsRefused() throws {
        let encoded = try ComponentFixtures.bytes(ComponentFixtures.folder.appendingPathComponent("encoded/all-kinds.wasm"))
        let io = SourceFile(path: "deps/io.wit", text: "package wasi:io@0.2.0;\ninterface streams {}\n")
        let main = SourceFile(path: "main.wit", text: "package m:m;\n")
        let input = FrontEnd.Input(main: .init(files: [main]),
                                   dependencies: [.init(component: SourceFile(path: "deps/all.wasm", bytes: encoded)), .init(files: [io])])
        guard case .failure(let failure) = FrontEnd.load(input) else {
            Issue.record("loaded")
            return
        }
        #expect(failure.rendered.hasPrefix("""
            deps/io.wit:1:9: error: package `wasi:io@0.2.0` is defined in two different locations: \
            deps/all.wasm (which encodes the parts of it that it uses) and here
            """))
    }

    @Test func mergeConflictsNameTheFile() throws {
        // Two encodings of one package name that disagree: the second lacks nothing
        // but the first's interface has a type the second's does not.
        func package(_ body: String) -> SourceFile {
            SourceFile(path: "dep.wat", text: "(component (type (component (type (instance \(body))) (export \"a:b/c\" (instance (type 0))))) (export \"c\" (type 0)))")
        }
        let first = package("(export \"r\" (type (sub resource)))")
        let second = package("(export \"s\" (type (sub resource)))")
        let input = FrontEnd.Input(main: .init(files: [SourceFile(path: "m.wit", text: "package m:m;\n")]),
                                   dependencies: [.init(component: first), .init(component: second)])
        guard case .failure(let failure) = FrontEnd.load(input) else {
            Issue.record("loaded")
            return
        }
        #expect(failure.rendered.hasPrefix("""
            dep.wat:1:1: error: failed to merge package `a:b` into existing copy: failed to merge interface `c`: expected type `s` to be present
            """))
    }
}
