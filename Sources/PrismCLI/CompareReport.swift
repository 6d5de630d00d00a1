import Foundation
import PrismCore
import PrismTerminal

/// The text report of `prism compare`: each answer under its model's header, then a table.
///
/// Everything from the servers is cleaned: headers and table cells as metadata (one
/// line, no controls or bidi controls, cut to a width), answers as terminal text.
enum CompareReport {
    static func text(_ entries: [(model: String, reply: Reply)], links: Bool = false) -> String {
        var out = ""
        for entry in entries {
            var header = "━━ \(DisplayText.fit(entry.reply.model ?? entry.model, width: 60))"
            if let provider = entry.reply.provider { header += " · via \(DisplayText.fit(provider, width: 40))" }
            out += header + " " + String(repeating: "━", count: max(3, 60 - DisplayWidth.of(header))) + "\n"
            let content = TerminalSanitizer.forTerminal(entry.reply.content)
            out += content
            if !content.isEmpty, !content.hasSuffix("\n") { out += "\n" }
            out += entry.reply.citations.referenceList(links: links)
            if let failure = entry.reply.failure {
                out += "✗ " + TerminalSanitizer.metadata(failure.oneLine) + "\n"
            }
            out += "\n"
        }
        out += table(entries)
        let summary = CompareSummary(entries).line
        if !summary.isEmpty { out += TerminalSanitizer.metadata(summary) + "\n" }
        return out
    }

    static func table(_ entries: [(model: String, reply: Reply)]) -> String {
        let header = ["MODEL", "PROVIDER", "TTFT", "TOTAL", "IN", "OUT", "COST", "ERROR"]
        let rows: [[String]] = entries.map { e in
            let r = e.reply
            return [
                DisplayText.fit(e.model, width: 40),
                DisplayText.fit(r.provider ?? "-", width: 30),
                r.timings.ttftMs.map { Formatting.duration(ms: $0) } ?? "-",
                r.timings.totalMs.map { Formatting.duration(ms: $0) } ?? "-",
                r.usage?.promptTokens.map(Formatting.tokens) ?? "-",
                r.usage?.completionTokens.map(Formatting.tokens) ?? "-",
                r.usage?.cost != nil ? Formatting.cost(r.usage) : "-",
                DisplayText.fit(r.failure.map { ($0.status.map { "HTTP \($0) " } ?? "") + $0.message } ?? "", width: 80),
            ].map(TerminalSanitizer.metadata)
        }
        return TextTable.render(header: header, rows: rows, rightAligned: [2, 3, 4, 5, 6])
    }
}

/// The `--json` result of `prism compare`: an entry per model (the `ask --json` shape) and the summary.
struct CompareJSON: Encodable {
    var entries: [(model: String, reply: Reply)]
    /// The requests as sent, in the order of `entries`, for each entry's `routing`.
    var requests: [ChatRequest] = []
    /// Per entry, the models its chain skipped (open circuits); missing entries skipped none.
    var skipped: [[SkippedModel]] = []

    enum Keys: String, CodingKey { case models, summary }
    enum SummaryKeys: String, CodingKey {
        case cheapest, fastestFirstToken = "fastest_first_token", fastest, longest
        case totalCost = "total_cost", totalCostIsEstimate = "total_cost_is_estimate"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(entries.enumerated().map { index, entry in
            AskJSON(reply: entry.reply, requestedModel: entry.model, request: requests.indices.contains(index) ? requests[index] : nil,
                    skippedModels: skipped.indices.contains(index) ? skipped[index] : [])
        }, forKey: .models)
        let s = CompareSummary(entries)
        var sc = c.nestedContainer(keyedBy: SummaryKeys.self, forKey: .summary)
        func put(_ value: String?, _ key: SummaryKeys) throws {
            if let value { try sc.encode(value, forKey: key) } else { try sc.encodeNil(forKey: key) }
        }
        try put(s.cheapest, .cheapest)
        try put(s.fastestFirstToken, .fastestFirstToken)
        try put(s.fastestOverall, .fastest)
        try put(s.longest, .longest)
        if let total = s.totalCost { try sc.encode(total, forKey: .totalCost) } else { try sc.encodeNil(forKey: .totalCost) }
        try sc.encode(s.totalCostIsEstimate, forKey: .totalCostIsEstimate)
    }

    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
