/// Breaks styled text into lines that fit a width in cells.
///
/// Breaks after spaces where it can and inside a word only when the word alone is
/// wider than the line. Widths come from `DisplayWidth`, so CJK text (which has no
/// spaces) breaks between any two graphemes. Styles are kept across breaks.
public enum TextWrap {
    /// Wraps one logical line. An empty line stays one empty line.
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        // Flatten to graphemes with their style and width.
        var items: [(g: Character, style: Style, w: Int)] = []
        for span in line.spans {
            for g in span.text { items.append((g, span.style, DisplayWidth.of(g))) }
        }
        if items.isEmpty { return [StyledLine()] }

        var lines: [StyledLine] = []
        var start = 0
        while start < items.count {
            var used = 0
            var end = start
            var lastBreak: Int? = nil // index just after a space or a wide grapheme
            while end < items.count {
                let w = items[end].w
                if used + w > width, used > 0 { break }
                used += w
                end += 1
                if items[end - 1].g == " " || items[end - 1].w == 2 { lastBreak = end }
            }
            if end < items.count, let b = lastBreak, b > start, items[end].g != " " {
                end = b
            }
            var out = StyledLine()
            var i = start
            while i < end {
                out.append(String(items[i].g), items[i].style)
                i += 1
            }
            // Trailing spaces at a soft break are not shown.
            lines.append(trimTrailingSpaces(out))
            start = end
            // Skip the spaces the break landed on.
            while start < items.count, items[start].g == " ", end < items.count { start += 1 }
        }
        return lines
    }

    /// Wraps text that may contain newlines: each newline starts a new logical line.
    public static func wrap(_ text: String, style: Style = .plain, width: Int) -> [StyledLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            wrap(StyledLine(String($0), style), width: width)
        }
    }

    private static func trimTrailingSpaces(_ line: StyledLine) -> StyledLine {
        var l = line
        while var last = l.spans.last {
            let trimmed = String(last.text.reversed().drop(while: { $0 == " " }).reversed())
            if trimmed.isEmpty {
                l.spans.removeLast()
                continue
            }
            last.text = trimmed
            l.spans[l.spans.count - 1] = last
            break
        }
        return l
    }
}
