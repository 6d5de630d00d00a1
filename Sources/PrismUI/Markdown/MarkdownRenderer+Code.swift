import PrismTerminal

/// Fenced code blocks: a header with the language, highlighted lines on the code background.
///
/// Code is never word-wrapped (that would change its meaning) and never cut off (that
/// would lose it): a line longer than the width is broken at the width and continues on
/// the next line after a `↪` marker. A fence that is not closed yet (a streaming reply,
/// or a reply cut short) renders as code all the same.
extension MarkdownRenderer {
    /// A code block; `opener` is the opening fence of the block this one continues (then
    /// `source` holds code lines only and no header is drawn).
    func codeBlock(_ source: String, width: Int, opener: String? = nil) -> [StyledLine] {
        var lines = MarkdownLayout.lines(source)
        guard let fenceLine = opener.map({ Substring($0) }) ?? lines.first else { return [] }
        var code = CodeLayout(opener: fenceLine, renderer: self, width: width)
        if opener == nil { lines.removeFirst() }
        if let last = lines.last, MarkdownLine(last).closes(code.fence) { lines.removeLast() }
        var out = opener == nil ? [code.header] : []
        var state = SyntaxHighlighter.State()
        for raw in lines { out += code.lines(of: raw, state: &state) }
        return out
    }

    /// Renders a code block that is still streaming, reusing the lines of its source lines
    /// that were complete last time: only new lines (and the unfinished last one) are
    /// highlighted and laid out, so a long open block costs the same per chunk as a short one.
    ///
    /// `progress` belongs to one block at one width; pass nil (or another block's) to start over.
    func streamingCodeBlock(_ source: String, blockStart: Int, width: Int, opener: String? = nil, progress: inout CodeProgress?) -> [StyledLine] {
        let bytes = source.utf8
        if bytes.contains(0x0D) || opener?.utf8.contains(0x0D) == true {
            // CR LF line ends: rare in a stream; render whole rather than count them.
            progress = nil
            return codeBlock(source, width: width, opener: opener)
        }
        if let p = progress, p.blockStart != blockStart || p.width != width || p.consumed > bytes.count { progress = nil }
        if progress == nil {
            if let opener {
                // A block continuing a cut one: every line is code, laid out from the original's fence.
                let code = CodeLayout(opener: Substring(opener), renderer: self, width: width)
                progress = CodeProgress(blockStart: blockStart, width: width, consumed: 0, layout: code, lines: [], state: SyntaxHighlighter.State())
            } else {
                // The opener line must be complete before anything can be kept.
                guard let newline = bytes.firstIndex(of: 0x0A) else { return codeBlock(source, width: width) }
                let opener = Substring(source[..<newline])
                let code = CodeLayout(opener: opener, renderer: self, width: width)
                progress = CodeProgress(blockStart: blockStart, width: width, consumed: bytes.distance(from: bytes.startIndex, to: newline) + 1,
                                        layout: code, lines: [code.header], state: SyntaxHighlighter.State())
            }
        }
        guard var p = progress else { return codeBlock(source, width: width, opener: opener) }
        let rest = Substring(source.utf8[bytes.index(bytes.startIndex, offsetBy: p.consumed)...])
        var pieces = MarkdownLayout.lines(String(rest))
        let unfinished = pieces.removeLast()
        for raw in pieces {
            if MarkdownLine(raw).closes(p.layout.fence) {
                // A closed fence is a finished block; render it whole rather than guess.
                progress = nil
                return codeBlock(source, width: width, opener: opener)
            }
            p.lines += p.layout.lines(of: raw, state: &p.state)
            p.consumed += raw.utf8.count + 1
        }
        var out = p.lines
        if !MarkdownLine(unfinished).closes(p.layout.fence) {
            var state = p.state
            out += p.layout.lines(of: unfinished, state: &state)
        }
        progress = p
        return out
    }
}

/// How far a streaming code block has been rendered (see `streamingCodeBlock`).
struct CodeProgress: Sendable {
    var blockStart: Int
    var width: Int
    /// UTF-8 bytes of the block's source already rendered: whole lines with their newlines.
    var consumed: Int
    var layout: CodeLayout
    /// The header and the lines of every complete source line so far.
    var lines: [StyledLine]
    /// The highlighter's state after the last complete line.
    var state: SyntaxHighlighter.State
}

/// What a code block's opening fence decides (language, fence, indent, styles), and how
/// one of its source lines is laid out.
struct CodeLayout: Sendable {
    let fence: MarkdownFence
    let header: StyledLine
    private let highlighter: SyntaxHighlighter
    private let indent: Int
    private let width: Int
    private let codeStyle: Style
    private let mutedStyle: Style
    private let theme: Theme
    private var styles: [ThemeToken: Style] = [:]

    init(opener fenceLine: Substring, renderer: MarkdownRenderer, width: Int) {
        let opener = MarkdownLine(fenceLine)
        fence = opener.fence() ?? MarkdownFence(marker: UInt8(ascii: "`"), length: 3)
        let info = Substring(String(decoding: opener.bytes[min(opener.firstNonSpace + fence.length, opener.bytes.endIndex)...], as: UTF8.self))
            .markdownTrimmed
        let label = info.split(separator: " ").first.map(String.init) ?? ""
        theme = renderer.theme
        let background = theme[.codeBackground]
        codeStyle = MarkdownLayout.overlay(background, theme[.code])
        mutedStyle = MarkdownLayout.overlay(background, theme[.textMuted])
        var header = StyledLine(" ", codeStyle)
        header.append(label, mutedStyle)
        self.header = MarkdownLayout.pad(MarkdownLayout.truncate(header, width: width), width: width, style: codeStyle)
        highlighter = SyntaxHighlighter(language: label)
        indent = opener.indent
        self.width = width
    }

    /// One source line, highlighted and broken at the width (never wrapped at words, never cut).
    mutating func lines(of raw: Substring, state: inout SyntaxHighlighter.State) -> [StyledLine] {
        let text = MarkdownLayout.dropIndent(raw, columns: indent)
        var line = StyledLine()
        for token in highlighter.highlight(text, state: &state) {
            let style = styles[token.kind] ?? MarkdownLayout.overlay(codeStyle, theme[token.kind])
            styles[token.kind] = style
            line.append(token.text, style)
        }
        return MarkdownRenderer.hardBreak(line, width: max(1, width - 1)).enumerated().map { i, piece in
            var shown = i == 0 ? StyledLine(" ", codeStyle) : StyledLine("↪", mutedStyle)
            for span in piece.spans { shown.append(span.text, span.style) }
            return MarkdownLayout.pad(MarkdownLayout.clip(shown, width: width), width: width, style: codeStyle)
        }
    }
}

extension MarkdownRenderer {
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
