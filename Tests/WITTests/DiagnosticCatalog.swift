import Foundation
import Testing
@testable import WIT
import WITTestSupport

/// Every message the front end can emit, as a template (`{}` stands for a part filled in),
/// with the stage that emits it. Kept by hand from the sources: `DiagnosticCoverageTests`
/// checks that every entry is produced by at least one case of the stage's diagnostic tests,
/// and that every case names an entry here.
enum DiagnosticCatalog {
    enum Stage: String, Sendable {
        case lexer, parser, resolver
    }

    struct Entry: Sendable {
        var stage: Stage
        var template: String
    }

    static let entries: [Entry] = lexer.map { Entry(stage: .lexer, template: $0) }
        + parser.map { Entry(stage: .parser, template: $0) }
        + resolver.map { Entry(stage: .resolver, template: $0) }

    /// Syntax/Lexer.swift.
    static let lexer = [
        "unexpected character '\\r'",
        "invalid UTF-8 in source",
        "unexpected character {}",
        "unterminated block comment",
        "invalid string character '\\n'",
        "unterminated string literal",
    ]

    /// Syntax/Parser.swift and Syntax/Parser+Items.swift.
    static let parser = [
        // Identifiers: checked by the lexer, reported where the parser takes a token for one.
        "identifiers must have characters between '-'s",
        "invalid character in identifier {}",
        // `expect(_:)`: a given token.
        "expected {}, found {}",
        // `unexpected(expected:)` with a fixed description.
        "expected '}', found {}",
        "expected an identifier or string, found {}",
        "expected `world`, `interface` or `use`, found {}",
        "expected `type`, `resource` or `func`, found {}",
        "expected `constructor` or identifier, found {}",
        "expected fixed-length, found {}",
        "expected a type, found {}",
        "expected `import`, `export`, `include`, `use`, or type definition, found {}",
        // Attributes and versions.
        "expected `{}`, found `{}`",
        "unterminated attribute: expected ')', found eof",
        "unknown attribute `{}`",
        "invalid semver version `{}`",
        // Limits.
        "package nesting too deep",
        "type nesting too deep",
        "invalid list size: number too large to fit in target type",
    ]

    /// Resolve/*.swift.
    static let resolver = [
        // PackageResolver.swift
        "package identifier `{}` does not match previous package name of `{}`",
        "found doc comments on multiple 'package' items",
        "nested packages must be placed at the top-level",
        "no `package` header was found in any WIT file for this package",
        "duplicate item named `{}`",
        "duplicate name `{}` in this file",
        "interface or world `{}` does not exist",
        "attributes not allowed on top-level use",
        "name `{}` is defined as a world, not an interface",
        "name `{}` is defined as an interface, not a world",
        "unsupported combination of attributes",
        "must pair @deprecated with either @since or @unstable",
        // PackageResolver+Items.swift
        "name `{}` is defined more than once",
        "type `{}` does not exist: the `{}` type has been renamed to `{}` and is no longer accepted",
        "cannot import function `{}`",
        "name `{}` does not exist",
        "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string",
        "name `[method]{}.{}` conflicts with previous name `{}`",
        "name `[static]{}.{}` conflicts with previous name `{}`",
        "duplicate function name `{}`",
        "duplicate constructors",
        "empty record",
        "empty flags",
        "empty variant",
        "empty enum",
        "empty tuple",
        // PackageResolver+Names.swift
        "duplicate {} `{}`",
        "{} `{}` conflicts with previous {} `{}`",
        "cannot have more than {} flags",
        "cannot use function `{}` as a type",
        "type `{}` used in a handle must be a resource",
        "param `{}` is defined more than once",
        "if a constructor return type is declared it must be a `result`",
        "the `ok` type must be the resource being constructed",
        // PackageResolver+World.swift
        "interface cannot be {}ed more than once",
        "{} `{}` conflicts with prior {} of same name",
        // WorldInclusion.swift
        "no import or export kebab-name `{}`. Note that an ID does not support renaming",
        "{} of `{}` shadows previously {}ed items",
        "name `{}` conflicts with previous name `{}`",
        "mismatch in stability from '{}' to '{}'",
        // WorldElaboration.swift
        "interface `{}` transitively depends on an interface in incompatible ways",
        // Linker.swift
        "package [{}] contains a feature gate with a version specifier, so it must have a version",
        "feature gate cannot reference unreleased version {} of package [{}] (current version {})",
        "found a reference to a {} which is excluded due to its feature not being activated",
        "found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is",
        "found a reference to a world which is excluded due to its feature not being activated; this type is not gated by a feature but its world is",
        // Remap+Update.swift
        "package '{}' not found. known packages: {}",
        "interface '{}' not found in package '{}'",
        "world '{}' not found in package '{}'",
        "type `{}` not defined in interface",
        "type used in a handle must be a resource",
        "function `{}` returns a type which contains a `borrow<T>` which is not supported",
        // FrontEnd.swift
        "package `{}` is defined in two different locations: {} and here",
        "package `{}` creates a dependency cycle",
        // Toposort.swift ("interface or world `{}` does not exist" is above)
        "type `{}` does not exist",
        "type `{}` depends on itself",
        "interface or world `{}` depends on itself",
    ]

    static func stage(of template: String) -> Stage? {
        entries.first { $0.template == template }?.stage
    }

    /// Whether `message` is `template` with each `{}` replaced by some non-empty text.
    static func matches(_ message: String, _ template: String) -> Bool {
        let pieces = template.components(separatedBy: "{}")
        guard message.hasPrefix(pieces[0]) else { return false }
        return matches(Substring(message).dropFirst(pieces[0].count), holesThen: pieces.dropFirst())
    }

    /// Whether `text` is a hole (one character or more) followed by `pieces[0]`, then the same for the rest.
    private static func matches(_ text: Substring, holesThen pieces: ArraySlice<String>) -> Bool {
        guard let piece = pieces.first else { return text.isEmpty }
        var start = text.startIndex
        while start < text.endIndex {
            start = text.index(after: start)
            if text[start...].hasPrefix(piece),
               matches(text[start...].dropFirst(piece.count), holesThen: pieces.dropFirst()) {
                return true
            }
        }
        return false
    }
}

/// One input that makes the front end fail, with the first message it must give
/// (exactly) and where (`path:line:column`, or `nil` for a message with no place).
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    /// The ``DiagnosticCatalog`` entry the case covers.
    var template: String
    var files: [WITFile]
    var dependencies: [[WITFile]]
    var message: String
    var location: String?

    var testDescription: String { message }

    /// A single file `t.wit`; `location` is `line:column` in it.
    init(_ template: String, _ source: String, _ message: String, at location: String?) {
        self.init(template, files: [WITFile("t.wit", source)], message, at: location.map { "t.wit:\($0)" })
    }

    /// A single file `t.wit` given as bytes; `location` is `line:column` in it.
    init(_ template: String, bytes: [UInt8], _ message: String, at location: String) {
        self.init(template, files: [WITFile("t.wit", bytes: bytes)], message, at: "t.wit:\(location)")
    }

    /// Several files and dependency packages; `location` is `path:line:column`.
    init(_ template: String, files: [WITFile], dependencies: [[WITFile]] = [], _ message: String, at location: String?) {
        self.template = template
        self.files = files
        self.dependencies = dependencies
        self.message = message
        self.location = location
    }

    /// The stage that rejects the input: the lexer or parser when one of them reports
    /// anything for some file, the resolver otherwise.
    var failingStage: DiagnosticCatalog.Stage {
        var sources = SourceMap()
        for file in files + dependencies.joined() {
            let base = sources.add(file.sourceFile)
            switch Lexer.tokenize(file.bytes, base: base) {
            case .failure:
                return .lexer
            case .success(let tokens):
                var parser = Parser(tokens: tokens, sources: sources)
                _ = parser.parseFile(fileIndex: 0)
                if !parser.diagnostics.isEmpty { return .parser }
            }
        }
        return .resolver
    }

    /// Loads the input and checks the first diagnostic, its catalog entry and its stage.
    func check(stage: DiagnosticCatalog.Stage) throws {
        let failure = try #require(TestSupport.load(files: files, dependencies: dependencies).failureValue,
                                   "accepted: \(message)")
        let first = try #require(failure.diagnostics.first)
        let (actual, actualLocation) = TestSupport.located(first, in: failure.sources)
        #expect(actual == message)
        #expect(actualLocation == location, "\(message)")
        #expect(DiagnosticCatalog.matches(message, template), "`\(message)` is not an instance of `\(template)`")
        #expect(DiagnosticCatalog.stage(of: template) == stage, "`\(template)` is not a \(stage) message in the catalog")
        #expect(failingStage == stage, "\(message)")
        // The rendered text leads with the same place and message.
        let heading = location.map { "\($0): error: \(message)\n" } ?? "error: \(message)\n"
        #expect(failure.sources.render(first).hasPrefix(heading))
    }
}
