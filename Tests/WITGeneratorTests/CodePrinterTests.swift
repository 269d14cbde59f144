import Testing
@testable import WITGenerator

/// The one printer of every back end: lines at their block's depth, blocks that neither start
/// nor end with a blank line, comments made inert, sections appended as they are.
@Suite struct CodePrinterTests {
    @Test func blocksIndentByTheirDepth() {
        var printer = CodePrinter(indentWidth: 2)
        printer.block("a {") { outer in
            outer.line("b;")
            outer.block("c {", closing: "} d;") { inner in inner.line("e;") }
        }
        #expect(printer.text == "a {\n  b;\n  c {\n    e;\n  } d;\n}\n")
    }

    @Test func aBlockNeitherStartsNorEndsBlank() {
        var printer = CodePrinter(indentWidth: 4)
        printer.line("x")
        printer.line()
        printer.block("enum E {") { body in
            body.line()
            body.line("case a")
            body.line()
            body.line("case b")
            body.line()
            body.line()
        }
        #expect(printer.text == "x\n\nenum E {\n    case a\n\n    case b\n}\n")
    }

    @Test func aBodyCanStayAtItsOpeningsLevel() {
        var printer = CodePrinter(indentWidth: 4)
        printer.block("func f() {") { body in
            body.block("switch x {", indentBody: false) { cases in cases.line("case 1: break") }
        }
        #expect(printer.text == "func f() {\n    switch x {\n    case 1: break\n    }\n}\n")
    }

    @Test func indentedWritesNoLinesOfItsOwn() {
        var printer = CodePrinter(indentWidth: 2)
        printer.line("- item")
        printer.indented { $0.line(verbatim: "more") }
        printer.line(verbatim: Substring("after"))
        #expect(printer.text == "- item\n  more\nafter\n")
    }

    @Test func commentsFollowTheIndentationAndSkipMissingDocs() {
        var printer = CodePrinter(indentWidth: 2)
        printer.comment(nil, style: .cLine)
        printer.comment("", style: .cLine)
        printer.block("struct s {", closing: "};") { body in
            body.comment("one\n\ntwo \\", style: .cLine)
            body.line("int x;")
        }
        #expect(printer.text == "struct s {\n  // one\n  //\n  // two \\.\n  int x;\n};\n")
    }

    @Test func aSectionIsAppendedAtTheLevelItWasMadeFor() {
        var members = CodePrinter(indentWidth: 2, level: 1)
        members.line("int x;")
        var printer = CodePrinter(indentWidth: 2)
        printer.block("struct {", closing: "} s;") { $0.append(members) }
        #expect(printer.text == "struct {\n  int x;\n} s;\n")
    }

    @Test func truncateAndTrimDropTheEnd() {
        var printer = CodePrinter(indentWidth: 2)
        printer.line("kept")
        let mark = printer.count
        printer.line("dropped")
        printer.truncate(to: mark)
        printer.line()
        printer.line()
        printer.trimTrailingBlankLines()
        #expect(printer.text == "kept\n")
    }

    @Test func interpolationWritesNumbersAndVersions() {
        var printer = CodePrinter(indentWidth: 2)
        let name = "n"
        printer.line("\(name)[\(42)] = \(-7); // \(Substring("sub"))")
        #expect(printer.text == "n[42] = -7; // sub\n")
        #expect(TextLine.string("\(0)\(1234567890)") == "01234567890")
    }
}
