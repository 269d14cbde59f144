import Testing
@testable import WIT
import WITTestSupport

/// Kebab-case identifiers, as the reference tool accepts and rejects them.
@Suite struct IdentifierTests {
    @Test(arguments: ["iface-0", "a-9b", "a-B", "A-b", "ab-C1", "a-1-2", "x-0a", "GET-user", "%type", "%a-0"])
    func accepted(identifier: String) throws {
        _ = try TestSupport.load("package a:b;\ninterface \(identifier) {}\n").get()
    }

    @Test(arguments: [
        ("a-Bc", "invalid character in identifier 'c'"),
        ("fooBar", "invalid character in identifier 'B'"),
        ("foo_bar", "invalid character in identifier '_'"),
        ("a--b", "identifiers must have characters between '-'s"),
        ("a-", "identifiers must have characters between '-'s"),
        ("%9", "identifiers must have characters between '-'s"),
        ("é", "invalid character in identifier 'é'"),
    ])
    func rejected(identifier: String, message: String) throws {
        let failure = try #require(TestSupport.load("package a:b;\ninterface \(identifier) {}\n").failureValue)
        #expect(failure.diagnostics.first?.message == message)
        #expect(failure.sources.location(of: failure.diagnostics[0].span!.start)?.column == 11)
    }
}
