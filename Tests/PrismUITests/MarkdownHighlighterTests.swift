import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Syntax highlighter")
struct MarkdownHighlighterTests {
    private func kinds(_ lang: String, _ lines: [String]) -> [[SyntaxHighlighter.Token]] {
        let h = SyntaxHighlighter(language: lang)
        var state = SyntaxHighlighter.State()
        return lines.map { h.highlight($0, state: &state) }
    }

    private func kind(of text: String, in tokens: [[SyntaxHighlighter.Token]]) -> ThemeToken? {
        tokens.joined().first { $0.text == text }?.kind
    }

    @Test func swiftKeywordsStringsCommentsNumbersTypes() {
        let t = kinds("swift", ["func greet() -> String { let n = 42; return \"hi \\\"x\\\"\" } // done"])
        #expect(kind(of: "func", in: t) == .codeKeyword)
        #expect(kind(of: "let", in: t) == .codeKeyword)
        #expect(kind(of: "String", in: t) == .codeType)
        #expect(kind(of: "42", in: t) == .codeNumber)
        #expect(kind(of: "\"hi \\\"x\\\"\"", in: t) == .codeString)
        #expect(kind(of: "// done", in: t) == .codeComment)
        #expect(t.joined().first { $0.text.contains("greet") }?.kind == .code)
        #expect(t[0].map(\.text).joined() == "func greet() -> String { let n = 42; return \"hi \\\"x\\\"\" } // done")
    }

    @Test func stateCarriesBlockCommentsAndMultilineStrings() {
        let c = kinds("ts", ["const a = 1 /* start", "still comment", "end */ let b"])
        #expect(c[1] == [.init(text: "still comment", kind: .codeComment)])
        #expect(c[2].first == .init(text: "end */", kind: .codeComment))
        #expect(kind(of: "let", in: [c[2]]) == .codeKeyword)
        let p = kinds("python", ["s = \"\"\"doc", "more", "\"\"\" if x"])
        #expect(p[1] == [.init(text: "more", kind: .codeString)])
        #expect(kind(of: "if", in: [p[2]]) == .codeKeyword)
    }

    @Test func languagesAndAliases() {
        #expect(kind(of: "fn", in: kinds("rs", ["fn f<'a>(c: char) { let x = 'y'; }"])) == .codeKeyword)
        #expect(kind(of: "'y'", in: kinds("rust", ["let x = 'y';"])) == .codeString)
        #expect(kind(of: "# note", in: kinds("sh", ["echo $HOME a#b # note"])) == .codeComment)
        #expect(kind(of: "$HOME", in: kinds("bash", ["echo $HOME"])) == .codeType)
        #expect(kind(of: "SELECT", in: kinds("sql", ["SELECT * FROM t -- c"])) == .codeKeyword)
        #expect(kind(of: "\"key\"", in: kinds("json", ["{\"key\": \"value\", \"n\": true}"])) == .codeType)
        #expect(kind(of: "true", in: kinds("json", ["{\"n\": true}"])) == .codeKeyword)
        #expect(kind(of: "name", in: kinds("yaml", ["  name: prism # c"])) == .codeKeyword)
        #expect(kind(of: "#include", in: kinds("cpp", ["#include <stdio.h>"])) == .codeKeyword)
        #expect(kind(of: "<div", in: kinds("html", ["<div class=\"a\">x</div>"])) == .codeKeyword)
        #expect(kind(of: "\"a\"", in: kinds("html", ["<div class=\"a\">"])) == .codeString)
        #expect(kinds("diff", ["+added", "-removed", "@@ -1 +1 @@"]).map { $0.first?.kind } == [.success, .error, .codeType])
        #expect(kind(of: "package", in: kinds("go", ["package main"])) == .codeKeyword)
        #expect(kind(of: "def", in: kinds("rb", ["def x; end"])) == .codeKeyword)
        #expect(kind(of: "fun", in: kinds("kotlin", ["fun main() {}"])) == .codeKeyword)
    }

    @Test func unknownLanguagesArePlainCode() {
        let line = "def x(): return \"s\" # 42"
        for language in ["brainfart", "markdown", ""] {
            #expect(kinds(language, [line]) == [[.init(text: line, kind: .code)]], "language '\(language)'")
        }
        // A pandoc-style info string names a known language.
        #expect(kind(of: "def", in: kinds("{.python}", [line])) == .codeKeyword)
    }
}
