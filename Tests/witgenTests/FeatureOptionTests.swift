import Foundation
import Testing

/// `--features`: every form of the option reads its list alike, in `json` and `generate`;
/// a name no gate uses is a warning; `--all-features` with it is a usage error.
@Suite struct FeatureOptionTests {
    static let spec = """
        package test:gates@1.0.0;
        interface api {
            stable: func();
            @unstable(feature = active)
            gated: func();
        }
        @unstable(feature = later)
        interface next {
            @unstable(feature = inside-later)
            f: func();
        }
        world app { import api; }
        """

    func json(_ options: [String]) throws -> String {
        let folder = try WitgenProcess.scratch(wit: Self.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = WitgenRun.run(["json"] + options + [folder.appendingPathComponent("Interfaces").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    /// Spaces around names and empty entries are ignored (`--features=` used to keep them,
    /// so ` active` named no feature).
    @Test(arguments: [["--features", " active ,"], ["--features= active,"], ["--features=,active"], ["--features", "other, active"]])
    func jsonReadsEveryFormAlike(_ options: [String]) throws {
        let enabled = try json(["--features", "active"])
        #expect(enabled.contains("\"gated\""))
        #expect(!(try json([])).contains("\"gated\""))
        #expect(try json(options) == enabled)
    }

    /// `generate` takes `--features=LIST` as `json` does (it used to reject it as an unknown option).
    @Test(arguments: [["--features", " active ,"], ["--features=active"], ["--features=other", "--features", "active"]])
    func generateReadsEveryFormAlike(_ options: [String]) throws {
        let folder = try WitgenProcess.scratch(wit: Self.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = WitgenRun.generate(in: folder, ["--only", "docs"] + options)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("Generated/Docs/test-gates-api.md"), encoding: .utf8)
        #expect(page.contains("gated"))
    }

    /// A feature that no gate in the input names is a warning, one line for each such name;
    /// a feature used only inside an interface gated off by another still counts as used.
    @Test func aFeatureNoGateUsesIsAWarning() throws {
        let folder = try WitgenProcess.scratch(wit: Self.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("Interfaces").path
        let outcome = WitgenRun.run(["json", "--features", "actve,inside-later,zz", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr == """
            witgen: warning: --features names `actve`, but no @unstable(feature = …) gate in \(path) or its dependencies uses it
            witgen: warning: --features names `zz`, but no @unstable(feature = …) gate in \(path) or its dependencies uses it

            """)
        #expect(!outcome.stdout.contains("\"gated\""))
        let generated = WitgenRun.generate(in: folder, ["--only", "docs", "--features=actve"])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stderr.contains("--features names `actve`"), "\(generated.stderr)")
        let used = WitgenRun.run(["json", "--features", "active,later", path])
        #expect(used.status == 0 && used.stderr.isEmpty, "\(used.stderr)")
    }

    @Test(arguments: [["--features", "a", "--all-features"], ["--all-features", "--features="]])
    func featuresWithAllFeaturesIsAUsageError(_ options: [String]) throws {
        let folder = try WitgenProcess.scratch(wit: Self.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        for outcome in [WitgenRun.run(["json"] + options + [folder.appendingPathComponent("Interfaces").path]),
                        WitgenRun.generate(in: folder, options)] {
            #expect(outcome.status == 64)
            #expect(outcome.stderr.hasPrefix("error: --features and --all-features cannot be given together"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("usage: witgen"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))
    }
}
