import Foundation
import PrismCore
import PrismTerminal

/// The analytics view's table: one row per model, provider or tag; columns dropped, least
/// useful first, until the name has room; the last error takes what room is left.
extension StatsPane {
    struct Column: Sendable {
        var title: String
        var width: Int
        /// Lower numbers are dropped first when the width is short.
        var priority: Int
        var cell: @Sendable (StatsGroup) -> String
    }

    /// In the order of importance, except the 95th percentile, which goes first.
    static let columns: [Column] = [
        Column(title: "req", width: 5, priority: 9) { String($0.requests) },
        Column(title: "share", width: 5, priority: 8) { percent($0.share) },
        // No known cost at all is "-", not "$0": those replies were not free, their cost is not known.
        Column(title: "total", width: 9, priority: 7) { g in g.averageCost == nil && g.totalCost == 0 ? "-" : Formatting.usd(g.totalCost) },
        Column(title: "avg", width: 9, priority: 6) { g in g.averageCost.map(Formatting.usd) ?? "-" },
        Column(title: "ttft p50", width: 8, priority: 5) { g in seconds(g.ttftP50) },
        Column(title: "p95", width: 6, priority: 2) { g in seconds(g.ttftP95) },
        Column(title: "tok/s", width: 5, priority: 4) { g in g.tokensPerSecondP50.map { String(Int($0.rounded())) } ?? "-" },
        Column(title: "err", width: 5, priority: 3) { percent($0.errorRate) },
    ]
    static let nameMinimum = 20
    /// The last error is shown only with at least this much room.
    static let lastErrorMinimum = 14

    /// The columns that fit `width` beside the name, in table order.
    static func fitting(width: Int) -> [Column] {
        var kept = columns
        while nameMinimum + kept.reduce(0, { $0 + $1.width + 1 }) > width, let weakest = kept.min(by: { $0.priority < $1.priority }) {
            kept.removeAll { $0.title == weakest.title }
        }
        return kept
    }

    static func drawTable(_ view: StatsViewState, now: Date, layout: StatsLayout, x: Int, width: Int, theme: Theme, into frame: inout Frame) {
        let rows = view.rows
        let area = Rect(x: x, y: layout.tabs, width: width, height: layout.table.maxY - layout.tabs)
        // Which table, the others by name (brackets mark the one shown, for NO_COLOR too), and where the view is.
        var tabs = StyledLine()
        for table in StatsViewState.Table.allCases {
            if !tabs.spans.isEmpty { tabs.append("  ", theme.style(.textMuted, on: .surface)) }
            let name = "per " + table.rawValue
            if table == view.table {
                tabs.append("[\(name)]", theme.style(.accent, on: .surface).adding(.bold))
            } else {
                tabs.append(name, theme.style(.textMuted, on: .surface))
            }
        }
        frame.put(tabs, at: Point(x: x, y: layout.tabs), clip: area)
        let body = Rect(x: x, y: layout.table.y + 1, width: width, height: layout.table.height - 1)
        let first = max(0, min(view.scroll, rows.count - body.height))
        if !rows.isEmpty {
            let last = min(rows.count, first + body.height)
            let place = "\(first + 1)–\(last) of \(Formatting.count(rows.count, view.table.rawValue))"
            frame.putRight(StyledLine(place, theme.style(.textMuted, on: .surface)), row: layout.tabs, in: area)
        }

        let kept = fitting(width: width)
        let fixed = kept.reduce(0) { $0 + $1.width + 1 }
        let longest = rows.map { DisplayWidth.of(TerminalSanitizer.metadata($0.name)) }.max() ?? 0
        let nameWidth = max(nameMinimum, min(width - fixed, max(longest + 1, nameMinimum), 40))
        let errorWidth = width - nameWidth - fixed - 2
        let showError = errorWidth >= lastErrorMinimum
        func line(_ name: String, _ cells: [String], _ error: String) -> String {
            var text = name.padded(to: nameWidth)
            for (column, cell) in zip(kept, cells) { text += " " + cell.leftPadded(to: column.width) }
            if showError { text += "  " + error.truncated(to: errorWidth) }
            return text
        }
        frame.put(line(view.table.rawValue, kept.map(\.title), "last error"), at: Point(x: x, y: layout.table.y),
                  style: theme.style(.accent, on: .surface).adding(.bold), clip: area)
        guard !rows.isEmpty else {
            frame.put("no \(view.table.rawValue)s recorded in this range", at: Point(x: x, y: body.y), style: theme.style(.textMuted, on: .surface), clip: body)
            return
        }
        for (i, group) in rows.enumerated().dropFirst(first).prefix(body.height) {
            let text = line(shortName(TerminalSanitizer.metadata(group.name), width: nameWidth), kept.map { $0.cell(group) }, lastError(group, now: now))
            frame.put(text, at: Point(x: x, y: body.y + i - first), style: theme.style(.text, on: .surface), clip: body)
        }
        if first + body.height < rows.count {
            frame.putRight(StyledLine(" ↓ \(rows.count - first - body.height) more ", theme.style(.accent, on: .surface)), row: body.maxY - 1, in: body)
        }
    }

    /// A name cut to `width`: a model id too long loses its vendor first ("…/claude-sonnet-4.5"),
    /// since the part after the slash tells models apart.
    static func shortName(_ name: String, width: Int) -> String {
        guard DisplayWidth.of(name) > width, let slash = name.firstIndex(of: "/") else { return name.truncated(to: width) }
        return ("…" + name[slash...]).truncated(to: width)
    }

    /// "3 h ago: HTTP 429 rate limited", or "-" when the group never failed.
    static func lastError(_ group: StatsGroup, now: Date) -> String {
        guard let error = group.lastError else { return "-" }
        let text = TerminalSanitizer.metadata(error)
        guard let at = group.lastErrorAt else { return text }
        return Formatting.age(seconds: now.timeIntervalSince(at)) + ": " + text
    }

    /// Seconds as "850ms" or "2.4s", "-" when unknown.
    static func seconds(_ value: Double?) -> String {
        value.map { Formatting.duration(ms: $0 * 1000) } ?? "-"
    }
}
