import Foundation
import PrismCore
import PrismTerminal

/// The analytics view's charts: spend per day as bars of eighth blocks over a y axis, and under
/// them requests (eighth blocks) and errors (shades, in the error colour) per day on one row each,
/// so the two read apart without colour.
extension StatsPane {
    static let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let shades: [Character] = ["░", "▒", "▓", "█"]

    /// Where the days go across the chart: the newest that fit at one cell each at least, up
    /// to eight cells a day (the bar one narrower, leaving a gap).
    struct DayColumns: Equatable {
        var first: Int
        var perDay: Int
        var count: Int
        var barWidth: Int { perDay >= 2 ? perDay - 1 : 1 }

        init(days: Int, width: Int) {
            count = max(0, min(days, width))
            first = days - count
            perDay = count == 0 ? 1 : max(1, min(8, width / count))
        }
    }

    static func drawCharts(_ days: [StatsDay], layout: StatsLayout, x: Int, width: Int, calendar: Calendar, theme: Theme, into frame: inout Frame) {
        let maxCost = days.map { double($0.cost) }.max() ?? 0
        let maxRequests = days.map(\.requests).max() ?? 0
        let maxErrors = days.map(\.errors).max() ?? 0
        let axis = [Formatting.usd(Decimal(maxCost)), "$0", "req ≤\(maxRequests)", "err ≤\(maxErrors)"]
        let axisWidth = axis.map { DisplayWidth.of($0) }.max() ?? 0
        let plotX = x + axisWidth + 1
        let columns = DayColumns(days: days.count, width: x + width - plotX)
        let shown = Array(days.dropFirst(columns.first))
        let muted = theme.style(.textMuted, on: .surface)
        let clip = Rect(x: x, y: layout.chartTitle, width: width, height: layout.errors - layout.chartTitle + 1)

        var title = "spend per day (known costs)"
        if columns.first > 0 { title += " · newest \(columns.count) of \(days.count) days" }
        frame.put(StyledLine(title.truncated(to: width), theme.style(.accent, on: .surface)), at: Point(x: x, y: layout.chartTitle), clip: clip)

        // The y axis: the highest day's spend at the top, zero at the bottom.
        let bars = layout.bars
        frame.put(StyledLine(axis[0].leftPadded(to: axisWidth), muted), at: Point(x: x, y: bars.y), clip: clip)
        frame.put(StyledLine(axis[1].leftPadded(to: axisWidth), muted), at: Point(x: x, y: bars.maxY - 1), clip: clip)
        for y in bars.y..<bars.maxY { frame.put("│", at: Point(x: plotX - 1, y: y), style: muted, clip: clip) }
        let barStyle = theme.style(.cost, on: .surface)
        let levels = bars.height * 8
        for (i, day) in shown.enumerated() {
            let filled = scaled(double(day.cost), of: maxCost, levels: levels)
            for row in 0..<bars.height where filled > row * 8 {
                let glyph = String(repeating: eighths[min(8, filled - row * 8) - 1], count: columns.barWidth)
                frame.put(glyph, at: Point(x: plotX + i * columns.perDay, y: bars.maxY - 1 - row), style: barStyle, clip: clip)
            }
        }
        drawDayLabels(shown, columns: columns, x: plotX, y: layout.dayLabels, end: x + width, calendar: calendar, style: muted, into: &frame)

        frame.put(StyledLine(axis[2].leftPadded(to: axisWidth), muted), at: Point(x: x, y: layout.requests), clip: clip)
        frame.put(StyledLine(axis[3].leftPadded(to: axisWidth), muted), at: Point(x: x, y: layout.errors), clip: clip)
        let requestStyle = theme.style(.accent, on: .surface), errorStyle = theme.style(.error, on: .surface)
        for (i, day) in shown.enumerated() {
            let column = plotX + i * columns.perDay
            let requests = scaled(Double(day.requests), of: Double(maxRequests), levels: 8)
            if requests > 0 {
                frame.put(String(repeating: eighths[requests - 1], count: columns.barWidth), at: Point(x: column, y: layout.requests), style: requestStyle, clip: clip)
            }
            let errors = scaled(Double(day.errors), of: Double(maxErrors), levels: 4)
            if errors > 0 {
                frame.put(String(repeating: shades[errors - 1], count: columns.barWidth), at: Point(x: column, y: layout.errors), style: errorStyle, clip: clip)
            }
        }
    }

    /// How many of `levels` steps `value` fills when `highest` fills them all: never zero for
    /// a value above zero, so a small day still shows.
    static func scaled(_ value: Double, of highest: Double, levels: Int) -> Int {
        guard value > 0, highest > 0 else { return 0 }
        return max(1, min(levels, Int((value / highest * Double(levels)).rounded())))
    }

    /// "MM-dd" under days, from the newest back, as often as they fit without touching.
    static func drawDayLabels(_ days: [StatsDay], columns: DayColumns, x: Int, y: Int, end: Int, calendar: Calendar,
                              style: Style, into frame: inout Frame) {
        var limit = end  // the next label (to the right) starts here
        for (i, day) in days.enumerated().reversed() {
            let parts = calendar.dateComponents([.month, .day], from: day.day)
            let label = String(format: "%02d-%02d", parts.month ?? 0, parts.day ?? 0)
            let start = min(x + i * columns.perDay, end - label.count)
            guard start >= x, start + label.count < limit || (limit == end && start + label.count <= end) else { continue }
            frame.put(label, at: Point(x: start, y: y), style: style)
            limit = start - 1
        }
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
