import Foundation

/// The caps in one line, for `prism` explaining its configuration and for `/budget`:
/// "per-request $0.05 · daily $2 · monthly $30 · warn at 80% · confirm above $0.25".
public enum BudgetSummary {
    public static func line(_ caps: BudgetCaps) -> String {
        var parts: [String] = []
        if let v = caps.perRequest { parts.append("per-request \(Formatting.usd(v))") }
        if let v = caps.daily { parts.append("daily \(Formatting.usd(v))") }
        if let v = caps.monthly { parts.append("monthly \(Formatting.usd(v))") }
        if caps.hasCaps { parts.append("warn at \(NSDecimalNumber(decimal: caps.warnAt * 100).intValue)%") }
        if let v = caps.confirmAbove { parts.append("confirm above \(Formatting.usd(v))") }
        if let v = caps.creditFloor { parts.append("credit floor \(Formatting.usd(v))") }
        return parts.isEmpty ? "<none>" : parts.joined(separator: " · ")
    }
}
