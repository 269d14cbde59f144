import Foundation
import Testing
@testable import WIT
import WITTestSupport

/// Hostile and broken input: every answer is a model or located diagnostics,
/// never a crash, a hang or a stack overflow.
@Suite struct RobustnessTests {
    /// A failed load must carry at least one diagnostic, and spans that map to a place.
    func checkAnswer(_ result: Result<FrontEnd.Output, FrontEndFailure>, context: @autoclosure () -> String) {
        guard case .failure(let failure) = result else { return }
        #expect(!failure.diagnostics.isEmpty, "no diagnostic for \(context())")
        for diagnostic in failure.diagnostics {
            if let span = diagnostic.span {
                #expect(failure.sources.location(of: span.start) != nil, "unlocatable span for \(context())")
            }
            #expect(!failure.rendered.isEmpty)
        }
    }

    @Test(.enabled(if: TestSupport.sharedIsPresent, "needs ../shared/conformance beside the clone"))
    func conformanceInputsExist() {
        #expect(TestSupport.witFiles(under: TestSupport.conformance).count > 200,
                "the conformance corpus was not found at \(TestSupport.conformance.path)")
    }

    @Test(.enabled(if: TestSupport.sharedIsPresent, "needs ../shared/conformance beside the clone"))
    func everyConformanceInputCutAtManyLengths() throws {
        let files = TestSupport.witFiles(under: TestSupport.conformance)
        var runs = 0
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            let cuts = Set(stride(from: 0, through: bytes.count, by: max(1, bytes.count / 40))).union([bytes.count - 1, 1])
            for cut in cuts.sorted() where cut >= 0 && cut <= bytes.count {
                let file = SourceFile(path: url.lastPathComponent, bytes: Array(bytes[0..<cut]))
                checkAnswer(FrontEnd.load(.init(main: .init(files: [file])), features: ["active"]),
                            context: "\(url.lastPathComponent) cut at \(cut)")
                runs += 1
            }
        }
        #expect(runs > 5000)
    }

    @Test(.enabled(if: TestSupport.sharedIsPresent, "needs ../shared/conformance beside the clone"))
    func everyConformanceInputWithRandomByteEdits() throws {
        var generator = SeededGenerator(state: 0x5EED)
        let files = TestSupport.witFiles(under: TestSupport.conformance)
        #expect(files.count > 200, "the conformance corpus was not found at \(TestSupport.conformance.path)")
        let alphabet = Array("{}()<>;:,.@/*-%=\"_ \n\tazAZ09\u{0}\u{7f}".utf8) + [0xC3, 0xA9, 0xFF]
        for url in files {
            let original = [UInt8](try Data(contentsOf: url))
            guard !original.isEmpty else { continue }
            for _ in 0..<20 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[position] = alphabet.randomElement(using: &generator)!
                    case 1: bytes.remove(at: position)
                    default: bytes.insert(alphabet.randomElement(using: &generator)!, at: position)
                    }
                    if bytes.isEmpty { break }
                }
                checkAnswer(FrontEnd.load(.init(main: .init(files: [SourceFile(path: url.lastPathComponent, bytes: bytes)]))),
                            context: "\(url.lastPathComponent) edited")
            }
        }
    }

    @Test func tenThousandNestedListsIsAnErrorNotAStackOverflow() throws {
        let depth = 10_000
        let text = "package a:b;\ninterface i {\n  type t = " + String(repeating: "list<", count: depth) + "u8"
            + String(repeating: ">", count: depth) + ";\n}\n"
        let failure = try #require(TestSupport.load(text).failureValue)
        #expect(failure.diagnostics.first?.message == "type nesting too deep")
    }

    @Test func tenThousandNestedBracesIsAnError() throws {
        let text = "package a:b;\ninterface i " + String(repeating: "{", count: 10_000) + String(repeating: "}", count: 10_000)
        let failure = try #require(TestSupport.load(text).failureValue)
        #expect(!failure.diagnostics.isEmpty)
    }

    @Test func tenThousandNestedPackagesIsAnError() throws {
        let text = String(repeating: "package a:b {\n", count: 10_000) + String(repeating: "}\n", count: 10_000)
        let failure = try #require(TestSupport.load(text).failureValue)
        #expect(failure.diagnostics.first?.message == "package nesting too deep")
    }

    @Test func longAliasChainsResolveWithoutDeepRecursion() throws {
        var text = "package a:b;\ninterface i {\n  resource r0;\n"
        for index in 1...20_000 { text += "  type r\(index) = r\(index - 1);\n" }
        text += "  type n0 = u8;\n"
        for index in 1...20_000 { text += "  type n\(index) = n\(index - 1);\n" }
        text += "  f: func(x: r20000) -> r20000;\n  g: func() -> n20000;\n}\nworld w { include v; }\nworld v { use i.{r20000}; import g: func() -> r20000; }\n"
        let output = try TestSupport.load(text).get()
        #expect(output.resolve.types.count > 20_000)
    }

    @Test func oneMegabyteSingleLineFile() throws {
        var text = "package a:b; interface i { "
        var index = 0
        while text.utf8.count < 1_000_000 {
            text += "fn\(index): func(a: list<u8>, b: option<string>) -> result<u32, string>; "
            index += 1
        }
        text += "}"
        let output = try TestSupport.load(text).get()
        #expect(output.resolve.interfaces.first?.functions.count == index)
        let broken = text + " trailing"
        let failure = try #require(TestSupport.load(broken).failureValue)
        #expect(failure.sources.location(of: failure.diagnostics[0].span!.start)!.line == 1)
    }

    @Test func inputOverTheSizeLimitIsAnErrorBeforeAnyLexing() throws {
        let limit = FrontEnd.maximumInputBytes
        let big = SourceFile(path: "big.wit", bytes: [UInt8](repeating: UInt8(ascii: " "), count: limit + 1))
        let failure = try #require(FrontEnd.load(.init(main: .init(files: [big]))).failureValue)
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics[0].message
            == "WIT input too large: `big.wit` brings it to \(limit + 1) bytes, more than the limit of \(limit) bytes (64 MiB)")
        #expect(failure.rendered.hasPrefix("error: WIT input too large"))
        // The limit is on all files together, dependencies included.
        let half = [UInt8](repeating: UInt8(ascii: " "), count: limit / 2 + 1)
        let split = FrontEnd.load(.init(main: .init(files: [SourceFile(path: "a.wit", bytes: half)]),
                                        dependencies: [.init(files: [SourceFile(path: "b.wit", bytes: half)])]))
        #expect(split.failureValue?.diagnostics.first?.message.hasPrefix("WIT input too large: `b.wit`") == true)
    }

    @Test func tooManyErrorsStopWithADiagnosticThatSaysSo() throws {
        let limit = FrontEnd.maximumDiagnostics
        let broken = "package a:b;\ninterface i {\n" + String(repeating: "  x: ;\n", count: 200) + "}\n"
        let failure = try #require(TestSupport.load(broken).failureValue)
        #expect(failure.diagnostics.count == limit + 1)
        #expect(failure.diagnostics.last?.message == "too many errors: stopped after the first \(limit)")
        #expect(failure.rendered.hasSuffix("error: too many errors: stopped after the first \(limit)\n"))
        // Over several files too: each file alone is under the limit.
        let files = (0..<5).map { index in
            SourceFile(path: "f\(index).wit", text: "interface i\(index) {\n" + String(repeating: "  x: ;\n", count: 20) + "}\n")
        }
        let several = try #require(FrontEnd.load(.init(main: .init(files: files))).failureValue)
        #expect(several.diagnostics.count == limit + 1)
        #expect(several.diagnostics.last?.message == "too many errors: stopped after the first \(limit)")
        // Under the limit, every error is reported and nothing is added.
        let few = "package a:b;\ninterface i {\n" + String(repeating: "  x: ;\n", count: 10) + "}\n"
        #expect(try #require(TestSupport.load(few).failureValue).diagnostics.count == 10)
    }

    @Test(arguments: [
        ("package a:b;\ninterface i {\n  /* never closed\n}\n", "unterminated block comment", 3, 3),
        ("package a:b;\n/* outer /* inner */\ninterface i {}\n", "unterminated block comment", 2, 1),
        ("package a:b;\ninterface i { f: func(); }\n\"never closed", "unterminated string literal", 3, 1),
        ("package a:b@1.0.0;\n@since(version = 1.0.0\n", "unterminated attribute: expected ')', found eof", 2, 1),
    ])
    func unterminatedConstructsAreErrorsAtTheirStart(source: String, message: String, line: Int, column: Int) throws {
        let failure = try #require(TestSupport.load(source).failureValue)
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.message == message)
        let location = try #require(failure.sources.location(of: diagnostic.span!.start))
        #expect(location.line == line)
        #expect(location.column == column)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }

    var successValue: Success? {
        if case .success(let success) = self { return success }
        return nil
    }
}

/// Inputs the fuzzers turned into crashes, kept as tests. Both were use-after-frees
/// under AddressSanitizer while linking world-level resources, with `_read` accessors
/// on `Resolve`'s subscripts (reverted); they are also in `Fuzz/corpus`, so `Fuzz/ci`
/// replays them under the sanitizer.
@Suite struct FuzzRegressionTests {
    @Test func worldResourceMethodReturningABorrowIsRejectedWhereItIs() throws {
        let text = "package foo:bar;\n\nworld foo {\n  resource y {\n    x: func() -> borrow<y>;\n  }\n}\n"
        let failure = try #require(TestSupport.load(text).failureValue)
        let found = failure.diagnostics.map { TestSupport.located($0, in: failure.sources) }
        #expect(found.map(\.message) == ["function `[method]y.x` returns a type which contains a `borrow<T>` which is not supported"])
        #expect(found.map(\.location) == ["t.wit:5:5"])
    }

    @Test func worldLevelResourceIsLinked() throws {
        let text = "// rsefail\n\npackage foo:foo;\n\nworld foo {\nresource bar;\n}\n"
        let output = try #require(TestSupport.load(text).successValue)
        let world = try #require(output.resolve.packages.last?.worlds["foo"])
        #expect(output.resolve[world].imports.count == 1)
    }
}
