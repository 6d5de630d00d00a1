import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Markdown renderer")
struct MarkdownRendererTests {
    let theme = MD.theme

    @Test(arguments: MD.widths) func headings(width: Int) {
        let lines = MD.render("# Hello *world*\n## Sub\n### Third", width: width)
        #expect(lines.map(\.text) == ["Hello world", "═══════════", "", "Sub", "───", "", "Third"])
        #expect(MD.style(of: "Hello", in: lines) == theme[.heading].adding(.bold))
        #expect(MD.style(of: "world", in: lines) == MarkdownLayout.overlay(theme[.heading], theme[.emphasis]).adding([.bold, .italic]))
    }

    @Test func longHeadingWrapsAndItsRuleFitsTheWidth() {
        let lines = MD.texts("# A heading long enough to wrap", width: 20)
        #expect(lines == ["A heading long", "enough to wrap", "══════════════"])
    }

    @Test(arguments: MD.widths) func inlineStyles(width: Int) {
        let lines = MD.render("**b** *e* _u_ `c` ~~s~~ \\*lit\\* snake_case 2 * 3", width: width)
        let joined = lines.map(\.text).joined(separator: " ")
        #expect(joined == "b e u c s *lit* snake_case 2 * 3")
        #expect(MD.style(of: "b", in: lines) == theme[.strong].adding(.bold))
        #expect(MD.style(of: "e", in: lines) == theme[.emphasis].adding(.italic))
        #expect(MD.style(of: "u", in: lines) == theme[.emphasis].adding(.italic))
        #expect(MD.style(of: "c", in: lines) == theme[.code])
        #expect(MD.style(of: "s", in: lines) == Style(attributes: .strikethrough))
        #expect(MD.style(of: "snake_case", in: lines) == .plain)
    }

    @Test(arguments: MD.widths) func links(width: Int) {
        let lines = MD.render("See [docs](https://x.io/d) and [https://a.b](https://a.b) or <https://c.d>.", width: width)
        let joined = lines.map(\.text).joined(separator: " ")
        #expect(joined == "See docs (https://x.io/d) and https://a.b or https://c.d.")
        #expect(MD.style(of: "docs", in: lines) == theme[.link].adding(.underline))
        #expect(MD.style(of: "(https://x.io/d)", in: lines) == theme[.textMuted] || width == 20)
        #expect(MD.style(of: "c.d", in: lines) == theme[.link].adding(.underline))
    }

    @Test func bareURLsAreLinksWithoutTrailingPunctuation() {
        let lines = MD.render("Go to https://example.com/a_b_c.", width: 80)
        #expect(lines.map(\.text) == ["Go to https://example.com/a_b_c."])
        #expect(MD.style(of: "https://example.com/a_b_c", in: lines) == theme[.link].adding(.underline))
        #expect(MD.style(of: ".", in: [StyledLine(lines[0].spans.suffix(1))]) == .plain)
    }

    @Test(arguments: MD.widths) func listsHaveHangingIndent(width: Int) {
        let text = "- aaaa bbbb cccc dddd eeee ffff gggg\n  - nested\n9. nine\n10. ten"
        let lines = MD.texts(text, width: width)
        switch width {
        case 20:
            #expect(lines == ["• aaaa bbbb cccc", "  dddd eeee ffff", "  gggg", "  ◦ nested", "9. nine", "10. ten"])
        default:
            #expect(lines == ["• aaaa bbbb cccc dddd eeee ffff gggg", "  ◦ nested", "9. nine", "10. ten"])
        }
        #expect(MD.style(of: "•", in: MD.render(text, width: width)) == theme[.listMarker])
    }

    @Test func taskListsAndLooseLists() {
        #expect(MD.texts("- [ ] todo\n- [x] done", width: 40) == ["[ ] todo", "[x] done"])
        #expect(MD.style(of: "[x]", in: MD.render("- [x] done", width: 40)) == theme[.success])
        #expect(MD.texts("- a\n\n- b", width: 40) == ["• a", "", "• b"])
        #expect(MD.texts("Options:\n- a\n- b", width: 40) == ["Options:", "• a", "• b"])
    }

    @Test(arguments: MD.widths) func blockQuotesNest(width: Int) {
        let lines = MD.render("> quoted **text**\n>\n> > inner", width: width)
        #expect(lines.map(\.text) == ["│ quoted text", "│", "│ │ inner"])
        #expect(MD.style(of: "│", in: lines) == theme[.quote])
        #expect(MD.style(of: "quoted", in: lines) == theme[.quote].adding(.italic))
    }

    @Test(arguments: MD.widths) func thematicBreakSpansTheWidth(width: Int) {
        #expect(MD.texts("a\n\n---\n\nb", width: width) == ["a", "", String(repeating: "─", count: width), "", "b"])
    }

    @Test(arguments: MD.widths) func fencedCodeHasALabelBackgroundAndColours(width: Int) {
        let lines = MD.render("```swift\nlet x = 1\n```", width: width)
        let pad = { (s: String) in s + String(repeating: " ", count: width - s.count) }
        #expect(lines.map(\.text) == [pad(" swift"), pad(" let x = 1")])
        let bg = theme[.codeBackground]
        #expect(lines.allSatisfy { $0.spans.allSatisfy { $0.style.background == bg.background } })
        #expect(MD.style(of: "let", in: lines) == MarkdownLayout.overlay(MarkdownLayout.overlay(bg, theme[.code]), theme[.codeKeyword]))
        #expect(MD.style(of: "1", in: Array(lines.dropFirst())) == MarkdownLayout.overlay(MarkdownLayout.overlay(bg, theme[.code]), theme[.codeNumber]))
    }

    @Test func longCodeLinesContinueInsteadOfBeingCut() {
        let code = "let message = \"a fairly long string literal here\""
        let lines = MD.render("```\n\(code)\n```", width: 20)
        #expect(lines.count > 2)
        #expect(lines.dropFirst(2).allSatisfy { $0.text.hasPrefix("↪") })
        let rebuilt = lines.dropFirst().map { String($0.text.dropFirst()) }.joined()
        #expect(rebuilt.trimmingMarkdownPadding == code)
    }

    @Test func unclosedFenceAtTheEndRendersAsCode() {
        let lines = MD.render("Intro\n\n```python\nprint('hi')", width: 30)
        #expect(lines.map { $0.text.trimmingMarkdownPadding } == ["Intro", "", " python", " print('hi')"])
        #expect(MD.style(of: "'hi'", in: lines) == MarkdownLayout.overlay(MarkdownLayout.overlay(theme[.codeBackground], theme[.code]), theme[.codeString]))
    }

    @Test func codeInsideAListItem() {
        let lines = MD.texts("1. Run:\n\n   ```sh\n   ls -la\n   ```", width: 20)
        #expect(lines.map(\.trimmingMarkdownPadding) == ["1. Run:", "", "    sh", "    ls -la"])
    }

    @Test func htmlAndUnknownSyntaxArePlainText() {
        #expect(MD.texts("<div>hi</div>\n\n[ref]: nothing", width: 40) == ["<div>hi</div>", "", "[ref]: nothing"])
    }

    @Test(arguments: MD.widths) func cjkEmojiAndCombiningMarksWrapByDisplayWidth(width: Int) {
        let text = String(repeating: "你好世界，", count: 12) + " 👩‍💻 works 🎉 café cafe\u{301} " + String(repeating: "🇯🇵", count: 15)
        let lines = MD.render(text, width: width)
        #expect(lines.map(\.text).joined().filter { $0 != " " } == text.filter { $0 != " " })
        #expect(lines.contains { DisplayWidth.of($0.text) > width - 2 })
    }

    @Test func tinyWidthsNeverCrash() {
        let text = "# T\n\n- 你好 **b**\n\n> > q\n\n```swift\nlet 世界 = 1\n```\n\n| a | b |\n|---|---|\n| 你 | 🎉 |\n\n---"
        #expect(MD.render(text, width: 0).isEmpty)
        #expect(MD.render(text, width: -3).isEmpty)
        for width in 1...6 { _ = MD.render(text, width: width) }
    }

    @Test func hostileInputNeverCrashesAndAlwaysFits() {
        var rng = SeededGenerator(seed: 7)
        let alphabet = Array("*_`~[]()<>#>-+|\\!:. \n\n\t1x你👩‍💻e\u{301}")
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...80, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            _ = MD.render(text, width: Int.random(in: 1...30, using: &rng))
        }
        _ = MD.render(String(repeating: "*", count: 5000) + "a" + String(repeating: "*", count: 5000), width: 40)
        _ = MD.render(String(repeating: ">", count: 500) + " deep", width: 40)
        _ = MD.render(String(repeating: "[", count: 2000) + String(repeating: "`", count: 2000), width: 40)
    }
}

/// A small deterministic generator so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    /// Without the trailing spaces code lines are padded with.
    var trimmingMarkdownPadding: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
