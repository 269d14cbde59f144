import Testing
@testable import WIT
import WITTestSupport

/// "Did you mean …?": the closest name in scope, when it is a slip away.
@Suite struct NameSuggestionTests {
    @Test(arguments: [
        ("eror-code", ["error-code", "errno"], "error-code"),   // one letter left out
        ("strng", ["string", "u8"], "string"),
        ("tpyes", ["types", "world"], "types"),                 // two letters swapped
        ("Types", ["types"], "types"),                          // case
        ("U8", ["u8", "u16"], "u8"),
        ("streamz", ["streams", "poll"], "streams"),
        ("errorcode", ["error-code"], "error-code"),
    ] as [(String, [String], String)])
    func suggestsTheClosest(name: String, candidates: [String], expected: String) {
        #expect(NameSuggestion.closest(to: name, among: candidates) == expected)
    }

    @Test(arguments: [
        ("x", ["y"]),                // one or two letters: nothing is a slip of them
        ("ab", ["ac"]),
        ("socket", ["string"]),      // too far
        ("abc", ["abc"]),            // the same name is no suggestion
        ("anything", []),
    ] as [(String, [String])])
    func suggestsNothingFar(name: String, candidates: [String]) {
        #expect(NameSuggestion.closest(to: name, among: candidates) == nil)
    }

    @Test func tiesGoToTheFirstCandidate() {
        #expect(NameSuggestion.closest(to: "cat", among: ["bat", "cab"]) == "bat")
    }

    /// The front end's diagnostics carry the help; the message stays the reference's.
    @Test(arguments: [
        ("package a:b;\ninterface i { record error-code { x: u32 } f: func() -> eror-code; }", "name `eror-code` does not exist", "did you mean `error-code`?"),
        ("package a:b;\ninterface i { f: func(x: strng); }", "name `strng` does not exist", "did you mean `string`?"),
        ("package a:b;\ninterface types { type t = u8; }\ninterface u { use typs.{t}; }", "interface or world `typs` does not exist", "did you mean `types`?"),
        ("package a:b;\ninterface types { type thing = u8; }\ninterface u { use types.{thng}; }", "name `thng` does not exist", "did you mean `thing`?"),
        ("package a:b;\ninterface i { f: func(x: socket); }", "name `socket` does not exist", nil),
    ] as [(String, String, String?)])
    func diagnosticsCarryTheHelp(source: String, message: String, help: String?) throws {
        guard case .failure(let failure) = TestSupport.load(source) else {
            Issue.record("accepted: \(source)")
            return
        }
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.message == message)
        #expect(diagnostic.help == help)
        if let help { #expect(failure.rendered.contains("  = help: \(help)\n")) }
    }
}
