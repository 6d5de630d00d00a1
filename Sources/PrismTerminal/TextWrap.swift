/// Breaks styled text into lines that fit a width in cells.
///
/// Breaks at spaces where it can, and inside a word only when the word alone is
/// wider than the line. Widths come from `DisplayWidth`, so CJK text (which has no
/// spaces) breaks between any two wide graphemes. Styles are kept across breaks.
/// The spaces a line breaks at are dropped, as are trailing spaces; leading spaces
/// (indentation) are kept when the first word still fits after them. No line is ever
/// wider than the width: a grapheme wider than the whole line (a wide grapheme at
/// width 1) is replaced by `replacement`.
public enum TextWrap {
    /// What stands in for a grapheme that is wider than the whole line.
    public static let replacement: Character = "\u{FFFD}"

    /// Wraps one logical line. An empty line stays one empty line; a width below 1 gives no lines.
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        wrap(line, firstWidth: width, width: width)
    }

    /// Wraps one logical line whose first line has `firstWidth` cells and the rest `width`.
    public static func wrap(_ line: StyledLine, firstWidth: Int, width: Int) -> [StyledLine] {
        guard firstWidth > 0, width > 0 else { return [] }
        var breaker = LineBreaker(firstWidth: firstWidth, width: width)
        breaker.layOut(line)
        return breaker.lines
    }

    /// Wraps text that may contain newlines: each newline starts a new logical line.
    public static func wrap(_ text: String, style: Style = .plain, width: Int) -> [StyledLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            wrap(StyledLine(String($0), style), width: width)
        }
    }

    /// Wraps several logical lines, one after the other.
    public static func wrap(_ lines: [StyledLine], width: Int) -> [StyledLine] {
        lines.flatMap { wrap($0, width: width) }
    }

    /// Wraps with a hanging indent: `prefix` starts the first line and `continuation`
    /// (by default as many spaces as `prefix` is wide) starts every other one.
    ///
    /// For list items (`"• "`, `"12. "`) and quotes (`"│ "`). When a prefix leaves less
    /// than one cell for text, it is left out, so the lines still fit.
    public static func wrap(
        _ line: StyledLine, width: Int, prefix: StyledLine, continuation: StyledLine? = nil
    ) -> [StyledLine] {
        guard width > 0 else { return [] }
        let prefixWidth = DisplayWidth.of(prefix.text)
        let rest = continuation ?? StyledLine(String(repeating: " ", count: prefixWidth))
        let restWidth = DisplayWidth.of(rest.text)
        let first = prefixWidth < width ? prefix : StyledLine()
        let other = restWidth < width ? rest : StyledLine()
        let body = wrap(line, firstWidth: width - DisplayWidth.of(first.text), width: width - DisplayWidth.of(other.text))
        return body.enumerated().map { index, text in
            var out = index == 0 ? first : other
            for span in text.spans { out.append(span.text, span.style) }
            return out
        }
    }

    /// Wraps each line of `lines` with the same hanging indent (see `wrap(_:width:prefix:continuation:)`).
    public static func wrap(
        _ lines: [StyledLine], width: Int, prefix: StyledLine, continuation: StyledLine? = nil
    ) -> [StyledLine] {
        lines.flatMap { wrap($0, width: width, prefix: prefix, continuation: continuation) }
    }
}

/// The greedy line filler behind `TextWrap`.
///
/// One pass over the graphemes: a word (non-space graphemes; each wide grapheme is a
/// word of its own, since CJK breaks anywhere) is placed on the current line if it
/// fits after the pending spaces, else it starts the next line, and a word wider than
/// a line is cut into line-sized pieces. Every step consumes input, so it always ends.
struct LineBreaker {
    private typealias Item = (grapheme: Character, style: Style, width: Int)

    let firstWidth: Int
    let width: Int
    private(set) var lines: [StyledLine] = []
    private var current = StyledLine()
    private var used = 0
    private var pendingSpaces: [Item] = []
    private var pendingWidth = 0
    private var word: [Item] = []
    private var wordWidth = 0

    init(firstWidth: Int, width: Int) {
        self.firstWidth = firstWidth
        self.width = width
    }

    private var limit: Int { lines.isEmpty ? firstWidth : width }

    mutating func layOut(_ line: StyledLine) {
        for span in line.spans {
            for g in span.text {
                let w = DisplayWidth.of(g)
                if g == " " {
                    flushWord()
                    pendingSpaces.append((g, span.style, 1))
                    pendingWidth += 1
                } else if w == 2 {
                    flushWord()
                    word.append((g, span.style, w))
                    wordWidth = w
                    flushWord()
                } else {
                    word.append((g, span.style, w))
                    wordWidth += w
                }
            }
        }
        flushWord()
        endLine()
    }

    private mutating func flushWord() {
        guard !word.isEmpty else { return }
        defer { word.removeAll(keepingCapacity: true); wordWidth = 0 }
        if used + pendingWidth + wordWidth <= limit {
            place(pendingSpaces)
            place(word)
            dropSpaces()
            return
        }
        // It does not fit here: the spaces before it go, and it starts the next line
        // (unless this line is still empty), cut into pieces if it is wider than a line.
        dropSpaces()
        if used > 0 { endLine() }
        for item in word {
            var item = item
            if item.width > limit { item = (TextWrap.replacement, item.style, 1) }
            if used + item.width > limit { endLine() }
            place([item])
        }
    }

    private mutating func place(_ items: [Item]) {
        for item in items {
            current.append(String(item.grapheme), item.style)
            used += item.width
        }
    }

    private mutating func dropSpaces() {
        pendingSpaces.removeAll(keepingCapacity: true)
        pendingWidth = 0
    }

    private mutating func endLine() {
        lines.append(current)
        current = StyledLine()
        used = 0
    }
}
