import PrismTerminal

extension Frame {
    /// Draws a single-line box border around `rect`, with an optional title in the top edge.
    mutating func drawBox(_ rect: Rect, style: Style, title: StyledLine? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y, bottom = rect.maxY - 1, left = rect.x, right = rect.maxX - 1
        for x in (left + 1)..<right {
            put("─", at: Point(x: x, y: top), style: style)
            put("─", at: Point(x: x, y: bottom), style: style)
        }
        for y in (top + 1)..<bottom {
            put("│", at: Point(x: left, y: y), style: style)
            put("│", at: Point(x: right, y: y), style: style)
        }
        put("╭", at: Point(x: left, y: top), style: style)
        put("╮", at: Point(x: right, y: top), style: style)
        put("╰", at: Point(x: left, y: bottom), style: style)
        put("╯", at: Point(x: right, y: bottom), style: style)
        if let title, rect.width > 6 {
            let clip = Rect(x: left + 2, y: top, width: rect.width - 4, height: 1)
            var line = StyledLine(" ", style)
            line.spans += title.spans
            line.append(" ", style)
            put(line, at: Point(x: left + 2, y: top), clip: clip)
        }
    }

    /// Writes a styled line whose spans may leave colours at the terminal default,
    /// filling those from `base` (the surface it is drawn on).
    @discardableResult
    mutating func put(_ line: StyledLine, at point: Point, clip: Rect, over base: Style) -> Int {
        var filled = line
        for i in filled.spans.indices {
            if filled.spans[i].style.background == .default { filled.spans[i].style.background = base.background }
            if filled.spans[i].style.foreground == .default { filled.spans[i].style.foreground = base.foreground }
        }
        return put(filled, at: point, clip: clip)
    }

    /// Writes text right-aligned so it ends at the right edge of `rect` on row `y`.
    @discardableResult
    mutating func putRight(_ line: StyledLine, row y: Int, in rect: Rect) -> Int {
        let width = DisplayWidth.of(line.text)
        let x = max(rect.x, rect.maxX - width)
        put(line, at: Point(x: x, y: y), clip: rect)
        return x
    }
}
