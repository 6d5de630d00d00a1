import PrismTerminal

/// Lays out a GFM pipe table with box-drawing rules, fitted to the width.
///
/// Columns get their natural display width when the table fits; otherwise they shrink in
/// proportion to it (never below three cells) and cell text wraps inside its column, with a
/// rule between rows so wrapped rows stay apart. When even three cells a column do not fit,
/// each row is shown as `header: value` lines instead, which stays readable at any width.
struct MarkdownTable {
    let header: [StyledLine]
    let alignments: [MarkdownTableAlignment]
    let rows: [[StyledLine]]
    let textStyle: Style
    let headerStyle: Style
    let ruleStyle: Style

    init(source: String, theme: Theme, base: Style) {
        let headerStyle = MarkdownLayout.overlay(base, theme[.strong]).adding(.bold)
        textStyle = base
        self.headerStyle = headerStyle
        ruleStyle = MarkdownLayout.overlay(base, theme[.textMuted])
        let lines = MarkdownLayout.lines(source).map(MarkdownLine.init)
        let aligns = lines.count > 1 ? lines[1].tableAlignments ?? [] : []
        alignments = aligns.isEmpty ? [.left] : aligns
        let columns = alignments.count
        func cells(_ line: MarkdownLine, _ style: Style) -> [StyledLine] {
            var texts = (line.tableCells ?? [line.bytes]).map { String(decoding: $0, as: UTF8.self) }
            texts = Array(texts.prefix(columns)) + Array(repeating: "", count: max(0, columns - texts.count))
            return texts.map { text in
                let flat = MarkdownLayout.expandTabs(Substring(text).markdownTrimmed)
                return MarkdownInline.lines(flat, base: style, theme: theme).first ?? StyledLine()
            }
        }
        if let first = lines.first {
            header = cells(first, headerStyle)
        } else {
            header = Array(repeating: StyledLine(), count: columns)
        }
        rows = lines.dropFirst(2).map { cells($0, base) }
    }

    /// The table's lines; `continuing` leaves out the header (the rows continue a table cut
    /// before them, see `MarkdownSplitLimits`) and starts with a rule where rows are ruled apart.
    func render(width: Int, continuing: Bool = false) -> [StyledLine] {
        guard width > 0 else { return [] }
        let n = alignments.count
        var natural = Array(repeating: 1, count: n)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() { natural[i] = max(natural[i], DisplayWidth.of(cell.text)) }
        }
        let available = width - 3 * n + 1
        let widths: [Int]
        if natural.reduce(0, +) <= available {
            widths = natural
        } else if available >= 3 * n {
            widths = Self.shrink(natural, to: available)
        } else {
            return records(width: width, continuing: continuing)
        }
        var out = continuing ? [] : row(header, widths: widths)
        if !continuing { out.append(rule(widths)) }
        let wraps = rows.contains { r in r.enumerated().contains { DisplayWidth.of($1.text) > widths[$0] } }
        for (i, r) in rows.enumerated() {
            if wraps && (i > 0 || continuing) { out.append(rule(widths)) }
            out += row(r, widths: widths)
        }
        return out.map { MarkdownLayout.clip($0, width: width) }
    }

    /// Widths that add up to `total`: columns narrower than a fair share keep their natural width,
    /// the wider ones share the rest in proportion to their natural width (at least three each).
    static func shrink(_ natural: [Int], to total: Int) -> [Int] {
        var fixed = Array(repeating: false, count: natural.count)
        var changed = true
        while changed {
            changed = false
            let open = natural.indices.filter { !fixed[$0] }
            guard !open.isEmpty else { break }
            let room = total - natural.indices.filter { fixed[$0] }.reduce(0) { $0 + natural[$1] }
            let fair = room / open.count
            for i in open where natural[i] <= fair {
                fixed[i] = true
                changed = true
            }
        }
        var widths = natural.indices.map { fixed[$0] ? natural[$0] : min(natural[$0], 3) }
        let spare = total - widths.reduce(0, +)
        let demand = natural.indices.map { natural[$0] - widths[$0] }
        let totalDemand = demand.reduce(0, +)
        guard spare > 0, totalDemand > 0 else { return widths }
        var given = 0
        for i in widths.indices {
            let share = min(demand[i], demand[i] * spare / totalDemand)
            widths[i] += share
            given += share
        }
        // Hand out what rounding left over to the columns furthest below their natural width.
        var left = spare - given
        while left > 0 {
            guard let i = widths.indices.filter({ widths[$0] < natural[$0] })
                .max(by: { natural[$0] - widths[$0] < natural[$1] - widths[$1] }) else { break }
            widths[i] += 1
            left -= 1
        }
        return widths
    }

    private func rule(_ widths: [Int]) -> StyledLine {
        StyledLine(widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┼"), ruleStyle)
    }

    /// One table row: each cell wrapped in its column, padded by alignment, cells joined by `│`.
    private func row(_ cells: [StyledLine], widths: [Int]) -> [StyledLine] {
        let wrapped = cells.enumerated().map { i, cell in MarkdownLayout.wrap(cell, width: widths[i]) }
        let height = max(1, wrapped.map(\.count).max() ?? 1)
        return (0..<height).map { y in
            var line = StyledLine()
            for (i, column) in wrapped.enumerated() {
                if i > 0 { line.append("│", ruleStyle) }
                let piece = y < column.count ? column[y] : StyledLine()
                let gap = widths[i] - DisplayWidth.of(piece.text)
                let left: Int
                switch alignments[i] {
                case .left: left = 0
                case .right: left = gap
                case .center: left = gap / 2
                }
                line.append(String(repeating: " ", count: left + 1), textStyle)
                for span in piece.spans { line.append(span.text, span.style) }
                if i < wrapped.count - 1 { line.append(String(repeating: " ", count: gap - left + 1), textStyle) }
            }
            return trimmed(line)
        }
    }

    /// Without the trailing padding an empty last cell leaves.
    private func trimmed(_ line: StyledLine) -> StyledLine {
        var l = line
        while let last = l.spans.last, last.style == textStyle, last.text.hasSuffix(" ") {
            let text = String(last.text.reversed().drop(while: { $0 == " " }).reversed())
            if text.isEmpty { l.spans.removeLast() } else { l.spans[l.spans.count - 1].text = text }
        }
        return l
    }

    /// The narrow fallback: every row as `header: value` lines, rows separated by a rule.
    private func records(width: Int, continuing: Bool) -> [StyledLine] {
        var out: [StyledLine] = []
        for (r, cells) in rows.enumerated() {
            if r > 0 || continuing { out.append(StyledLine(String(repeating: "─", count: width), ruleStyle)) }
            for (i, cell) in cells.enumerated() {
                var line = StyledLine()
                for span in header[i].spans { line.append(span.text, span.style) }
                line.append(": ", headerStyle)
                for span in cell.spans { line.append(span.text, span.style) }
                out += MarkdownLayout.wrap(line, width: width)
            }
        }
        if rows.isEmpty, !continuing {
            for cell in header { out += MarkdownLayout.wrap(cell, width: width) }
        }
        return out
    }
}
