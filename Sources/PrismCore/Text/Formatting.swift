import Foundation

/// Human-readable money, token and size figures, shared by the CLI and the TUI.
public enum Formatting {
    /// A cost in USD with enough digits to be meaningful for tiny amounts:
    /// `$0.000093`, `$0.0123`, `$1.24`.
    public static func usd(_ value: Decimal) -> String {
        let d = NSDecimalNumber(decimal: value).doubleValue
        if d == 0 { return "$0" }
        let magnitude = abs(d)
        let digits: Int
        if magnitude >= 1 { digits = 2 } else if magnitude >= 0.01 { digits = 4 } else if magnitude >= 0.000001 { digits = 6 } else { digits = 10 }
        var text = String(format: "%.\(digits)f", d)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return "$" + text
    }

    /// A cost, or "?" when unknown; "~" marks an estimate.
    public static func cost(_ usage: TokenUsage?) -> String {
        guard let cost = usage?.cost else { return "cost ?" }
        return (usage?.costIsEstimate == true ? "~" : "") + usd(cost)
    }

    /// Price per million tokens from a per-token price: `$3`, `$0.15`, `free`, `?`.
    public static func perMillion(_ perToken: Decimal?) -> String {
        guard let perToken else { return "?" }
        if perToken == 0 { return "free" }
        let d = NSDecimalNumber(decimal: perToken * 1_000_000).doubleValue
        var text = String(format: d >= 100 ? "%.0f" : d >= 1 ? "%.2f" : "%.3f", d)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return "$" + text
    }

    /// Token counts: `950`, `12.3k`, `1.05M`.
    public static func tokens(_ n: Int) -> String {
        if n < 1000 { return String(n) }
        if n < 1_000_000 {
            let k = Double(n) / 1000
            return k < 100 ? String(format: "%.1fk", k).replacingOccurrences(of: ".0k", with: "k") : "\(Int(k.rounded()))k"
        }
        return String(format: "%.2fM", Double(n) / 1_000_000).replacingOccurrences(of: ".00M", with: "M")
    }

    /// Milliseconds as `850ms` or `2.4s`.
    /// How long ago, as people say it: "just now", "8 min ago", "3 h ago", "2 days ago".
    ///
    /// For ages of cached things (the catalog), where "478.6s ago" makes the reader divide.
    public static func age(seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 90 else { return "just now" }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 90 { return "\(minutes) min ago" }
        let hours = Int((seconds / 3600).rounded())
        if hours < 36 { return "\(hours) h ago" }
        return count(Int((seconds / 86_400).rounded()), "day") + " ago"
    }

    /// "1 model", "2 models": a count with its noun, plural unless it is one.
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    public static func duration(ms: Double) -> String {
        ms < 1000 ? "\(Int(ms.rounded()))ms" : String(format: "%.1fs", ms / 1000)
    }

    /// A one-line summary of a reply: model, provider, tokens, cost, time.
    public static func replySummary(_ reply: Reply) -> String {
        var parts: [String] = []
        if let model = reply.model { parts.append(model) }
        if let provider = reply.provider { parts.append("via \(provider)") }
        if let u = reply.usage {
            let input = u.promptTokens.map(tokens) ?? "?"
            let output = u.completionTokens.map(tokens) ?? "?"
            parts.append("\(input) in / \(output) out")
        }
        parts.append(cost(reply.usage))
        if let ttft = reply.timings.ttftMs { parts.append("first token \(duration(ms: ttft))") }
        if let total = reply.timings.totalMs { parts.append("total \(duration(ms: total))") }
        if let rate = rate(reply.timings, completionTokens: reply.usage?.completionTokens) { parts.append(rate) }
        return parts.joined(separator: " · ")
    }
}
