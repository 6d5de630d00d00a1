import PrismTerminal
import Testing
@testable import PrismUI

/// Shared fixtures for the markdown tests: a theme with a distinct style per token, and
/// render helpers that check every line fits its width.
enum MD {
    static let theme = Theme(name: "test", styles: [
        .text: Style(),
        .heading: Style(foreground: .ansi(4)),
        .strong: Style(foreground: .ansi(15)),
        .emphasis: Style(foreground: .ansi(7)),
        .code: Style(foreground: .ansi(3)),
        .codeBackground: Style(background: .indexed(236)),
        .codeKeyword: Style(foreground: .ansi(5)),
        .codeString: Style(foreground: .ansi(2)),
        .codeComment: Style(foreground: .ansi(8)),
        .codeNumber: Style(foreground: .ansi(6)),
        .codeType: Style(foreground: .ansi(14)),
        .link: Style(foreground: .ansi(12)),
        .quote: Style(foreground: .ansi(13)),
        .listMarker: Style(foreground: .ansi(11)),
        .textMuted: Style(foreground: .indexed(244)),
        .success: Style(foreground: .ansi(10)),
        .error: Style(foreground: .ansi(9)),
        .reasoning: Style(foreground: .indexed(245)),
    ])

    static let widths = [20, 40, 80]

    /// Renders in one go and checks that no line is wider than `width`.
    static func render(_ text: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [StyledLine] {
        let lines = MarkdownRenderer.render(text: text, width: width, theme: theme)
        expectFits(lines, width: width, sourceLocation: sourceLocation)
        return lines
    }

    static func texts(_ text: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        render(text, width: width, sourceLocation: sourceLocation).map(\.text)
    }

    static func expectFits(_ lines: [StyledLine], width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines {
            #expect(DisplayWidth.of(line.text) <= max(0, width), "too wide at \(width): \(line.text)", sourceLocation: sourceLocation)
        }
    }

    /// The style of the first span whose text contains `needle`.
    static func style(of needle: String, in lines: [StyledLine]) -> Style? {
        for line in lines { for span in line.spans where span.text.contains(needle) { return span.style } }
        return nil
    }
}

@Suite("Markdown test helpers")
struct MarkdownHelpersTests {
    @Test func fitCheckMeasuresDisplayWidth() {
        #expect(DisplayWidth.of("你好") == 4)
        #expect(MD.style(of: "b", in: [StyledLine([Span("a"), Span("b", MD.theme[.code])])]) == MD.theme[.code])
    }
}
