import Foundation
import PrismCore

/// `prism stats`'s three shapes: a table for people (names sanitized, "-" for what is not
/// known, and with `--by day` on a terminal a bar per day's spend), the `StatsReport` as
/// JSON, and CSV with a header row.
struct StatsOutput {
    var report: StatsReport
    var by: StatsCommand.Grouping
    var database: URL

    /// Widest spend bar, in cells.
    static let barWidth = 30

    func text(chart: Bool) -> String {
        let period = "\(report.since.map(SpendOutput.day) ?? "start") to \(SpendOutput.day(report.generatedAt))"
        guard !report.isEmpty else { return "no replies recorded from \(period) in \(database.path)\n" }
        var lines = ["Replies \(period) (local time)"]
        var total = "requests \(report.requests) · errors \(report.errors) · cost \(Formatting.usd(report.cost))"
        if report.unknownCost > 0 { total += " (\(report.unknownCost) with unknown cost, not counted)" }
        lines.append(total)
        let table: String
        if by == .day {
            let peak = report.days.map(\.cost).max() ?? 0
            let rows = report.days.map { day in
                [SpendOutput.day(day.day), "\(day.requests)", "\(day.errors)", Formatting.usd(day.cost)]
                    + (chart ? [Self.bar(day.cost, peak: peak)] : [])
            }
            table = TextTable.render(header: ["day", "requests", "errors", "cost"] + (chart ? ["spend"] : []), rows: rows,
                                     rightAligned: [1, 2, 3])
        } else {
            let rows = groups.map { g in
                [TerminalSanitizer.metadata(g.name), "\(g.requests)", Self.percent(g.share),
                 g.averageCost == nil ? "-" : Formatting.usd(g.totalCost),
                 g.averageCost.map(Formatting.usd) ?? "-", Self.seconds(g.ttftP50), Self.seconds(g.ttftP95),
                 g.tokensPerSecondP50.map { String(format: "%.0f", $0) } ?? "-", Self.percent(g.errorRate),
                 g.lastError.map { Self.cut(TerminalSanitizer.metadata($0), 60) } ?? "-"]
            }
            table = TextTable.render(header: [by.rawValue, "requests", "share", "cost", "average", "ttft p50", "ttft p95", "tok/s",
                                              "errors", "last error"], rows: rows, rightAligned: [1, 2, 3, 4, 5, 6, 7, 8])
        }
        return lines.joined(separator: "\n") + "\n\n" + table
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func csv() -> String {
        var lines: [String]
        if by == .day {
            lines = ["day,requests,errors,cost_usd"]
            for day in report.days { lines.append("\(SpendOutput.day(day.day)),\(day.requests),\(day.errors),\(day.cost)") }
        } else {
            lines = ["\(by.rawValue),requests,share,cost_usd,average_usd,ttft_p50_s,ttft_p95_s,tokens_per_second_p50,error_rate,last_error"]
            for g in groups {
                lines.append([SpendOutput.field(g.name), "\(g.requests)", Self.number(g.share), "\(g.totalCost)",
                              g.averageCost.map { "\($0)" } ?? "", g.ttftP50.map(Self.number) ?? "", g.ttftP95.map(Self.number) ?? "",
                              g.tokensPerSecondP50.map(Self.number) ?? "", Self.number(g.errorRate),
                              SpendOutput.field(g.lastError ?? "")].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var groups: [StatsGroup] {
        switch by {
        case .model: report.models
        case .provider: report.providers
        case .tag: report.tags
        case .day: []
        }
    }

    static func bar(_ cost: Decimal, peak: Decimal) -> String {
        guard peak > 0, cost > 0 else { return "" }
        let eighths = Int((NSDecimalNumber(decimal: cost / peak).doubleValue * Double(barWidth * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + (eighths == 0 ? "▏" : partial)
    }

    /// `text` in at most `width` characters, an ellipsis marking a cut.
    static func cut(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.0f%%", fraction * 100) }
    static func seconds(_ value: Double?) -> String { value.map { Formatting.duration(ms: $0 * 1000) } ?? "-" }
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
