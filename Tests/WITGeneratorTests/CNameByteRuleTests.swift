import Testing
@testable import WITGenerator

/// C names from WIT function names and case names: ASCII letters change case and the WIT
/// punctuation becomes `_`; every other byte (a non-ASCII character) is copied as it is.
@Suite struct CNameByteRuleTests {
    @Test(arguments: [
        ("[method]tcp-socket.start-bind", "method_tcp_socket_start_bind"),
        ("[async method]r.f", "method_r_f"),
        ("[async static]r.f", "static_r_f"),
        ("[async]f", "f"),
        ("[asyncx]f", "asyncx_f"),
        ("Get-URL", "get_url"),
        ("caf\u{E9}-Au", "caf\u{E9}_au"),
        ("\u{C9}t\u{E9}", "\u{C9}t\u{E9}"),
        ("e\u{301}-x", "e\u{301}_x"),
        ("a\r\nb", "a\r\nb"),
        ("go-\u{1F680}", "go_\u{1F680}"),
        ("[async]\u{301}f", "\u{301}f"),
    ])
    func functionSuffix(_ name: String, _ expected: String) {
        #expect(CNaming.functionSuffix(name) == expected)
    }

    @Test(arguments: [
        ("would-block", "WOULD_BLOCK"),
        ("ipv4", "IPV4"),
        ("caf\u{E9}-au", "CAF\u{E9}_AU"),
        ("stra\u{DF}e", "STRA\u{DF}E"),
        ("e\u{301}-x", "E\u{301}_X"),
        ("a\r\nb", "A\r\nB"),
        ("go-\u{1F680}", "GO_\u{1F680}"),
    ])
    func macro(_ name: String, _ expected: String) {
        #expect(CNaming.macro(name) == expected)
    }
}
