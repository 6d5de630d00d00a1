import PrismTerminal

/// Fenced code blocks: a header with the language, highlighted lines on the code background.
///
/// Code is never word-wrapped (that would change its meaning) and never cut off (that
/// would lose it): a line longer than the width is broken at the width and continues on
/// the next line after a `↪` marker. A fence that is not closed yet (a streaming reply,
/// or a reply cut short) renders as code all the same.
extension MarkdownRenderer {
    func codeBlock(_ source: String, width: Int) -> [StyledLine] {
        var lines = MarkdownLayout.lines(source)
        guard let fenceLine = lines.first else { return [] }
        let opener = MarkdownLine(fenceLine)
        let fence = opener.fence() ?? MarkdownFence(marker: UInt8(ascii: "`"), length: 3)
        let info = Substring(String(decoding: opener.bytes[min(opener.firstNonSpace + fence.length, opener.bytes.endIndex)...], as: UTF8.self))
            .markdownTrimmed
        let label = info.split(separator: " ").first.map(String.init) ?? ""
        lines.removeFirst()
        if let last = lines.last, MarkdownLine(last).closes(fence) { lines.removeLast() }

        let background = theme[.codeBackground]
        let codeStyle = MarkdownLayout.overlay(background, theme[.code])
        let mutedStyle = MarkdownLayout.overlay(background, theme[.textMuted])
        var out: [StyledLine] = []
        var header = StyledLine(" ", codeStyle)
        header.append(label, mutedStyle)
        out.append(MarkdownLayout.pad(MarkdownLayout.truncate(header, width: width), width: width, style: codeStyle))

        let highlighter = SyntaxHighlighter(language: label)
        var state = SyntaxHighlighter.State()
        var styles: [ThemeToken: Style] = [:]
        let indent = opener.indent
        for raw in lines {
            let text = MarkdownLayout.dropIndent(raw, columns: indent)
            var line = StyledLine()
            for token in highlighter.highlight(text, state: &state) {
                let style = styles[token.kind] ?? MarkdownLayout.overlay(codeStyle, theme[token.kind])
                styles[token.kind] = style
                line.append(token.text, style)
            }
            let pieces = Self.hardBreak(line, width: max(1, width - 1))
            for (i, piece) in pieces.enumerated() {
                var shown = i == 0 ? StyledLine(" ", codeStyle) : StyledLine("↪", mutedStyle)
                for span in piece.spans { shown.append(span.text, span.style) }
                out.append(MarkdownLayout.pad(MarkdownLayout.clip(shown, width: width), width: width, style: codeStyle))
            }
        }
        return out
    }

    /// Breaks a line into pieces of at most `width` cells, at any grapheme.
    static func hardBreak(_ line: StyledLine, width: Int) -> [StyledLine] {
        var pieces: [StyledLine] = [StyledLine()]
        var used = 0
        for span in line.spans {
            var run = ""
            for g in span.text {
                let w = DisplayWidth.of(g)
                if used + w > width, used > 0 {
                    pieces[pieces.count - 1].append(run, span.style)
                    pieces.append(StyledLine())
                    run = ""
                    used = 0
                }
                run.append(g)
                used += w
            }
            pieces[pieces.count - 1].append(run, span.style)
        }
        return pieces
    }
}
