import Foundation
import PrismCore
import PrismTerminal

/// The analytics view: a box over the screen with the range's totals, spend per day as bars,
/// requests and errors per day, and a table per model, provider or tag. Every figure is the
/// report's; what is not known is "-", and costs of unknown replies are counted, never guessed.
enum StatsPane {
    static func render(_ state: AppState, bindings: KeyBindings, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let view = state.stats else { return }
        let surface = theme.style(.surface, on: .surface)
        frame.fill(rect, style: surface)
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: title(view.range, theme: theme))
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard let layout = StatsLayout(inner: inner) else {
            let close = bindings.name(StatsCommand.close)
            let text = "The terminal is too small for the analytics view (\(StatsLayout.minimum.width)×\(StatsLayout.minimum.height + 1) at least); \(close) closes it"
            for (i, line) in TextWrap.wrap(text, style: theme.style(.warning, on: .surface), width: max(1, inner.width)).prefix(max(0, inner.height)).enumerated() {
                frame.put(line, at: Point(x: inner.x, y: inner.y + i), clip: inner)
            }
            return
        }
        let text = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        func line(_ content: StyledLine, _ y: Int) { frame.put(content, at: Point(x: text.x, y: y), clip: text) }
        switch view.load {
        case .loading:
            line(StyledLine("loading…", theme.style(.textMuted, on: .surface)), layout.header)
        case .failed(let reason):
            line(StyledLine(reason.truncated(to: text.width), theme.style(.error, on: .surface)), layout.header)
        case .loaded(let report) where report.isEmpty:
            let when = report.range == .all ? "" : " (\(caption(report.range)))"
            line(StyledLine("no replies recorded yet" + when, theme.style(.textMuted, on: .surface)), layout.header)
            line(StyledLine("Figures appear here as replies finish.", theme.style(.textMuted, on: .surface)), layout.header + 1)
        case .loaded(let report):
            line(totals(report, theme: theme, width: text.width), layout.header)
            drawCharts(report.days, layout: layout, x: text.x, width: text.width, calendar: .current, theme: theme, into: &frame)
            drawTable(view, now: state.now, layout: layout, x: text.x, width: text.width, theme: theme, into: &frame)
        }
        let hints = KeyHints.fit(KeyHints.statsHints(bindings), width: text.width)
        frame.put(hints, at: Point(x: text.x, y: layout.hints), style: theme.style(.textMuted, on: .surface), clip: text)
    }

    /// "today", "last 7 days", …: how a range is named in sentences.
    static func caption(_ range: StatsRange) -> String {
        switch range {
        case .today: return "today"
        case .week: return "last 7 days"
        case .month: return "last 30 days"
        case .all: return "all time"
        }
    }

    /// The box's title: the view's name and every range, the one shown in brackets (so it
    /// reads without colour too).
    static func title(_ shown: StatsRange, theme: Theme) -> StyledLine {
        var line = StyledLine("Analytics · \(caption(shown)) ·", theme.style(.accent, on: .surface))
        for range in StatsRange.allCases {
            if range == shown {
                line.append(" [\(range.rawValue)]", theme.style(.accent, on: .surface).adding(.bold))
            } else {
                line.append(" \(range.rawValue)", theme.style(.textMuted, on: .surface))
            }
        }
        return line
    }

    /// "412 requests · 9 errors (2.2%) · $3.14 spent + 5 of unknown cost": as many parts as fit, the
    /// unknown costs (not in the sum, never guessed) in the warning colour.
    static func totals(_ report: StatsReport, theme: Theme, width: Int) -> StyledLine {
        let errors = Formatting.count(report.errors, "error") + " (\(percent(Double(report.errors) / Double(max(1, report.requests)))))"
        let unknown = report.unknownCost > 0 ? " + \(report.unknownCost) of unknown cost" : ""
        let text = KeyHints.fit([Formatting.count(report.requests, "request"), errors, Formatting.usd(report.cost) + " spent" + unknown], width: width)
        let bold = theme.style(.text, on: .surface).adding(.bold)
        guard !unknown.isEmpty, text.hasSuffix(unknown) else { return StyledLine(text, bold) }
        var line = StyledLine(String(text.dropLast(unknown.count)), bold)
        line.append(unknown, theme.style(.warning, on: .surface))
        return line
    }

    /// A share or rate as people read it: "0%", "0.4%", "12%", "100%".
    static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        if p == 0 { return "0%" }
        return p < 9.95 ? String(format: "%.1f%%", p) : String(format: "%.0f%%", p)
    }
}
