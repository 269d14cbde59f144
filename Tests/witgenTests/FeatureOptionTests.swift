import Foundation
import Testing

/// `--features`: every form of the option reads its list alike, in `json` and `generate`.
@Suite struct FeatureOptionTests {
    static let spec = """
        package test:gates@1.0.0;
        interface api {
            stable: func();
            @unstable(feature = active)
            gated: func();
        }
        world app { import api; }
        """

    func json(_ options: [String]) throws -> String {
        let folder = try WitgenProcess.scratch(wit: Self.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try WitgenProcess.run(["json"] + options + ["Interfaces"], in: folder)
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

    @Test func generateReadsTheListAlike() throws {
        let folder = try WitgenProcess.scratch(wit: Self.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try WitgenProcess.run(["generate", "--only", "docs", "--features", " active ,"], in: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("Generated/Docs/test-gates-api.md"), encoding: .utf8)
        #expect(page.contains("gated"))
    }
}
