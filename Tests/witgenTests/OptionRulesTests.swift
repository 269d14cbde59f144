import Foundation
import Testing

/// The rules every command's options follow (`OptionParser`): `--flag=value` and
/// `--flag value` alike, unknown and contradictory options are usage errors (exit 64,
/// then the usage text), and a `--c-rename` of no interface is an error.
@Suite struct OptionRulesTests {
    static let spec = """
        package test:api@1.0.0;
        interface greetings {
            greet: func(name: string) -> string;
        }
        world app {
            import greetings;
            import local: interface { ping: func(); }
        }
        """

    func scratch() throws -> URL {
        try WitgenProcess.scratch(wit: Self.spec)
    }

    /// Every file under `folder`, by path, with its text.
    func contents(of folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return files
    }

    /// Each valued option of `generate`, as `--flag value` and as `--flag=value`: the same
    /// files, and (where the value is not what a run without the option does anyway) not
    /// those of a run without it, so that the option was read at all.
    @Test(arguments: [
        ("--only", "c"), ("--swift-module", "Other"), ("--single-file", "All.swift"), ("--world", "app"),
        ("--c-rename", "test:api/greetings@1.0.0=greet"), ("--c-world-name", "host"), ("--features", "unused"),
        ("--swift-map", "test:api/greetings@1.0.0=Greet"),
    ])
    func generateTakesBothFormsOfEveryValuedOption(_ option: String, _ value: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [[String: String]] = []
        for (index, form) in [[option, value], ["\(option)=\(value)"], []].enumerated() {
            let outcome = WitgenRun.generate(in: folder, form, output: "Out\(index)")
            #expect(outcome.status == 0, "\(form): \(outcome.stderr)")
            outputs.append(try contents(of: folder.appendingPathComponent("Out\(index)")))
        }
        let sameInBothForms = outputs[0] == outputs[1], changedByIt = outputs[0] != outputs[2]
        #expect(!outputs[0].isEmpty)
        #expect(sameInBothForms, "\(option)")
        // A package's one world and an unused feature are what a run without them gets too;
        // `--swift-module` changes nothing at all (generated Swift never names its module).
        if option != "--features" && option != "--world" && option != "--swift-module" {
            #expect(changedByIt, "\(option) changed nothing")
        }
    }

    @Test func inputAndOutputTakeBothForms() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("Interfaces").path, output = folder.appendingPathComponent("Out").path
        let attached = WitgenRun.run(["generate", "--input=\(input)", "--output=\(output)"])
        #expect(attached.status == 0, "\(attached.stderr)")
        let separate = WitgenRun.run(["generate", "--input", input, "--output", output, "--check"])
        #expect(separate.status == 0 && separate.stdout.hasSuffix("is up to date\n"), "\(separate.stdout)\(separate.stderr)")
        #expect(WitgenRun.run(["generate", "--input=\(input)", "--output=\(output)", "--lock-wait=0", "--check"]).status == 0)
    }

    /// Arguments that are usage errors, whatever else is right, and the start of their message.
    @Test(arguments: [
        (["generate", "--bogus"], "unknown option --bogus for generate"),
        (["generate", "--bogus=1"], "unknown option --bogus=1 for generate"),
        (["generate", "-x"], "unknown option -x for generate"),
        (["generate", "stray"], "unknown option stray for generate"),
        (["json", "--bogus", "p.wit"], "unknown option --bogus"),
        (["check", "--features", "a", "p.wit"], "unknown option --features"),
        (["json", "--all-features=yes", "p.wit"], "--all-features takes no value, got `--all-features=yes`"),
        (["generate", "--check=no"], "--check takes no value, got `--check=no`"),
        (["generate", "--world"], "--world needs a value"),
        (["generate", "--only", ""], "--only needs at least one back end (available: swift, c, docs)"),
        (["generate", "--only=,"], "--only needs at least one back end (available: swift, c, docs)"),
        (["generate", "--only", "swift", "--only", "c"], "--only is given twice, as `swift` and as `c`; it takes one value"),
        (["generate", "--world=a", "--world", "b"], "--world is given twice, as `a` and as `b`; it takes one value"),
        (["generate", "--c-rename", "a:b/c=x", "--c-rename=a:b/c=y"],
         "--c-rename renames `a:b/c` twice, to `x` and to `y`; it takes one prefix for each interface"),
        (["json", "p.wit", "q.wit"], "unexpected argument q.wit"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = arguments.first == "generate"
            ? ["generate", "--input", folder.appendingPathComponent("Interfaces").path,
               "--output", folder.appendingPathComponent("Generated").path] + arguments.dropFirst()
            : arguments
        let outcome = WitgenRun.run(full)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("error: \(message)\n\nusage: witgen <command> [options]\n"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))
    }

    /// A single-valued option given twice with one value is that value, not an error.
    @Test func aRepeatedOptionWithOneValueIsThatValue() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = WitgenRun.generate(in: folder, ["--only", "docs", "--only=docs", "--c-rename", "local=l", "--c-rename=local=l"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try contents(of: folder.appendingPathComponent("Generated")).keys.allSatisfy { $0.hasPrefix("Docs/") })
    }

    /// A Swift mapping names a package (with or without its version) or an interface of the
    /// input; anything else is an error naming it, and nothing is written. A mapped interface
    /// is not generated, and the files that remain import the module.
    @Test func aSwiftMapNamesAPackageOrAnInterface() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("Interfaces").path
        for mapping in ["test:api/greeting@1.0.0=G", "test:api/greetings=G", "test:other=G", "test:api@2.0.0=G"] {
            let outcome = WitgenRun.generate(in: folder, ["--only", "swift", "--swift-map", mapping])
            #expect(outcome.status == 1, "\(mapping): \(outcome.stderr)")
            let wit = mapping.split(separator: "=")[0]
            #expect(outcome.stderr == "error: --swift-map \(mapping): no package or interface `\(wit)` in \(input) or its dependencies\n")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))
        for mapping in ["=G", "test:api", "test:api=", "test:api=my-module", "test:api=1st"] {
            let outcome = WitgenRun.generate(in: folder, ["--only", "swift", "--swift-map", mapping])
            #expect(outcome.status == 64, "\(mapping): \(outcome.stderr)")
        }
        let interface = WitgenRun.generate(in: folder, ["--only", "swift", "--swift-map", "test:api/greetings@1.0.0=Greet"])
        #expect(interface.status == 0, "\(interface.stderr)")
        let swift = folder.appendingPathComponent("Generated/Swift")
        let files = try FileManager.default.contentsOfDirectory(atPath: swift.path).sorted()
        // The package's enum is declared where its mapped interface is.
        #expect(files == ["TestAPI.AppLocal.swift", "TestAPI.AppWorld.swift"])
        let world = try String(contentsOf: swift.appendingPathComponent("TestAPI.AppWorld.swift"), encoding: .utf8)
        #expect(world.contains("\nimport WITSupport\nimport Greet\n"))
        #expect(world.contains("TestAPI.Greetings.Host"))
        for package in ["test:api=Everything", "test:api@1.0.0=Everything"] {
            let outcome = WitgenRun.generate(in: folder, ["--only", "swift", "--swift-map", package])
            #expect(outcome.status == 0, "\(package): \(outcome.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: swift.path).isEmpty, "\(package)")
        }
    }

    /// A rename names an interface of the input, by its qualified name (any package, with
    /// its version) or, for one a world declares inline, by its name there; anything else
    /// is an error naming it, and nothing is written.
    @Test func aRenameOfNoInterfaceIsAnError() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("Interfaces").path
        for rename in ["test:api/greeting@1.0.0=g", "test:api/greetings=g", "greetings=g", "test:api/greetings@2.0.0=g"] {
            let outcome = WitgenRun.generate(in: folder, ["--c-rename", rename])
            #expect(outcome.status == 1, "\(rename): \(outcome.stderr)")
            let interface = rename.split(separator: "=")[0]
            #expect(outcome.stderr == "error: --c-rename \(rename): no interface `\(interface)` in \(input) or its dependencies\n")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))
        for rename in ["test:api/greetings@1.0.0=g", "local=l"] {
            let outcome = WitgenRun.generate(in: folder, ["--only", "c", "--c-rename", rename])
            #expect(outcome.status == 0, "\(rename): \(outcome.stderr)")
        }
        let header = try String(contentsOf: folder.appendingPathComponent("Generated/C/app.h"), encoding: .utf8)
        #expect(header.contains("l_ping"), "the inline interface's rename was not applied")
    }
}
