import PrismTerminal

/// Where each part of the analytics view goes inside its box: a pure function of the box, so
/// the reducer pages the table by the same number of rows the pane draws.
struct StatsLayout: Equatable {
    /// The smallest box the view is drawn in; below it, a line says the terminal is too small.
    static let minimum = Size(width: 50, height: 15)

    var header: Int
    var chartTitle: Int
    /// The spend bars (the y axis labels at their left).
    var bars: Rect
    var dayLabels: Int
    var requests: Int
    var errors: Int
    var tabs: Int
    /// The table's heading row, then its rows.
    var table: Rect
    var hints: Int

    /// The layout inside `inner` (the box without its border), or nil when it is too small.
    init?(inner: Rect) {
        guard inner.width >= Self.minimum.width - 2, inner.height >= Self.minimum.height - 2 else { return nil }
        // Eight single rows (header, chart title, day labels, requests, errors, tabs, table
        // heading, hints); the rest is split a third to the bars, the rest to the table.
        let gap = inner.height >= 30 ? 1 : 0
        let free = inner.height - 8 - 2 * gap
        let barRows = max(2, min(12, free / 3))
        var y = inner.y
        header = y
        y += 1 + gap
        chartTitle = y
        bars = Rect(x: inner.x, y: y + 1, width: inner.width, height: barRows)
        y += 1 + barRows
        dayLabels = y
        requests = y + 1
        errors = y + 2
        y += 3 + gap
        tabs = y
        table = Rect(x: inner.x, y: y + 1, width: inner.width, height: inner.maxY - 1 - (y + 1))
        hints = inner.maxY - 1
    }

    /// The box of the view on a screen of `size`: everything above the status bar.
    static func box(screen size: Size) -> Rect {
        Rect(x: 0, y: 0, width: size.width, height: max(0, size.height - 1))
    }

    /// How many table rows the view shows on a screen of `size` (0 when it is too small).
    static func tableRows(screen size: Size) -> Int {
        guard let layout = StatsLayout(inner: box(screen: size).inset(top: 1, left: 1, bottom: 1, right: 1)) else { return 0 }
        return max(0, layout.table.height - 1)
    }
}
