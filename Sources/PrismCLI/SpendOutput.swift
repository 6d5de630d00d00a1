import Foundation
import PrismCore

/// `prism spend`'s three shapes: text for people (a `TextTable`), JSON and CSV for scripts.
///
/// Amounts in JSON are numbers in USD, exact (no rounding); in CSV plain decimals. In text
/// an amount that holds an estimated part is marked "≈".
struct SpendOutput {
    var report: SpendReport
    var label: String
    var database: URL

    func text() -> String {
        var lines: [String] = []
        let until = Self.day(report.to)
        lines.append("Spend \(label) (\(report.from.map(Self.day) ?? "start") to \(until), local time)")
        var total = "total      \(mark(report.total, estimated: report.estimated))"
        var notes: [String] = []
        if report.estimated > 0 { notes.append("≈\(Formatting.usd(report.estimated)) of it estimated") }
        if report.imported > 0 { notes.append("\(Formatting.usd(report.imported)) imported from spend.json") }
        if !notes.isEmpty { total += " (" + notes.joined(separator: ", ") + ")" }
        lines.append(total)
        var requests = "requests   \(report.requests)"
        if report.freeRequests > 0 { requests += " (\(report.freeRequests) free)" }
        if let average = report.average {
            requests += " · average \(report.estimated > 0 ? "≈" : "")\(Formatting.usd(average)) per request"
        }
        lines.append(requests)
        let sources = SpendEntry.CostSource.allCases.compactMap { source -> String? in
            guard let part = report.bySource[source] else { return nil }
            let amount = (source == .estimate ? "≈" : "") + Formatting.usd(part.cost)
            return "\(amount) \(source == .estimate ? "estimated" : "from \(source.rawValue)") (\(part.requests))"
        }
        if !sources.isEmpty { lines.append("cost from  " + sources.joined(separator: " · ")) }
        if report.inFlight > 0 {
            lines.append("in flight  \(report.inFlight) request\(report.inFlight == 1 ? "" : "s"), up to ≈\(Formatting.usd(report.reserved)) reserved")
        }
        if report.grouping != .model, !report.topModels.isEmpty {
            lines.append("top models " + report.topModels.map {
                "\(TerminalSanitizer.metadata($0.key)) \(mark($0.cost, estimated: $0.estimated))"
            }.joined(separator: " · "))
        }
        guard !report.rows.isEmpty else {
            return lines.joined(separator: "\n") + "\nnothing recorded in \(database.path)\n"
        }
        let rows = report.rows.map { row in
            [TerminalSanitizer.metadata(row.key), "\(row.requests)", mark(row.cost, estimated: row.estimated),
             row.average.map { (row.estimated > 0 ? "≈" : "") + Formatting.usd($0) } ?? "-"]
        }
        return lines.joined(separator: "\n") + "\n\n"
            + TextTable.render(header: [report.grouping.rawValue, "requests", "cost", "average"], rows: rows, rightAligned: [1, 2, 3])
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(SpendJSON(report))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func csv() -> String {
        var lines = ["\(report.grouping.rawValue),requests,cost_usd,average_usd,estimated_usd"]
        for row in report.rows {
            lines.append([Self.field(row.key), "\(row.requests)", "\(row.cost)", row.average.map { "\(SpendJSON.rounded($0))" } ?? "", "\(row.estimated)"]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func mark(_ amount: Decimal, estimated: Decimal) -> String {
        (estimated > 0 ? "≈" : "") + Formatting.usd(amount)
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func day(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
