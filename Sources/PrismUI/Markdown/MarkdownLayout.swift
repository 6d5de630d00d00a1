import PrismTerminal

/// Small layout helpers shared by the markdown renderers: wrapping, clipping, prefixes, style overlays.
///
/// Every renderer ends with `clip`, which is what guarantees that no rendered line is
/// ever wider than the width asked for, even at one column with wide graphemes.
enum MarkdownLayout {
    /// `top` drawn over `base`: its colours where set, attributes combined.
    static func overlay(_ base: Style, _ top: Style) -> Style {
        var s = base
        if top.foreground != .default { s.foreground = top.foreground }
        if top.background != .default { s.background = top.background }
        s.attributes.formUnion(top.attributes)
        return s
    }

    /// Wraps a logical line by display width; every result fits `width`.
    static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        return TextWrap.wrap(line, width: width).map { clip($0, width: width) }
    }

    /// Cuts a line to at most `width` cells (a wide grapheme that would straddle the edge is dropped).
    static func clip(_ line: StyledLine, width: Int) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        var used = 0
        var out = StyledLine()
        for span in line.spans {
            var kept = ""
            for g in span.text {
                let w = DisplayWidth.of(g)
                if used + w > width {
                    out.append(kept, span.style)
                    return out
                }
                used += w
                kept.append(g)
            }
            out.append(kept, span.style)
        }
        return out
    }

    /// Cuts a line to `width` cells, ending in `…` when something was cut.
    static func truncate(_ line: StyledLine, width: Int) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        if DisplayWidth.of(line.text) <= width { return line }
        var out = clip(line, width: width - 1)
        out.append("…", line.spans.last?.style ?? .plain)
        return out
    }

    /// Puts `first` before the first line and `rest` before the others (a hanging indent).
    static func prefix(_ lines: [StyledLine], first: StyledLine, rest: StyledLine, width: Int) -> [StyledLine] {
        lines.enumerated().map { i, line in
            var out = i == 0 ? first : rest
            for span in line.spans { out.append(span.text, span.style) }
            return clip(out, width: width)
        }
    }

    /// Pads a line with spaces in `style` up to `width` cells.
    static func pad(_ line: StyledLine, width: Int, style: Style) -> StyledLine {
        let missing = width - DisplayWidth.of(line.text)
        guard missing > 0 else { return line }
        var out = line
        out.append(String(repeating: " ", count: missing), style)
        return out
    }

    /// Replaces tabs by spaces up to the next multiple of four columns.
    static func expandTabs(_ text: Substring) -> String {
        guard text.contains("\t") else { return String(text) }
        var out = ""
        var col = 0
        for g in text {
            if g == "\t" {
                let n = 4 - col % 4
                out += String(repeating: " ", count: n)
                col += n
            } else {
                out.append(g)
                col += DisplayWidth.of(g)
            }
        }
        return out
    }

    /// Drops up to `columns` columns of leading spaces (tabs expanded first).
    static func dropIndent(_ line: Substring, columns: Int) -> String {
        let expanded = expandTabs(line)
        var dropped = 0
        var i = expanded.startIndex
        while i < expanded.endIndex, dropped < columns, expanded[i] == " " {
            dropped += 1
            i = expanded.index(after: i)
        }
        return String(expanded[i...])
    }

    /// The lines of a block's source, without carriage returns.
    static func lines(_ source: String) -> [Substring] {
        source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var markdownTrimmed: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
