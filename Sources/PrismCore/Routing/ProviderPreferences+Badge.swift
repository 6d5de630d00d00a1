import Foundation

extension ProviderPreferences {
    /// The preferences in a few words, most telling first: `⇄ throughput · 2 pinned · no fallbacks · ≤$1/$4`
    /// (price caps in USD per million tokens, prompt/completion). Words that do not fit in
    /// `width` columns are left off and counted (`+2`), down to the count alone (`⇄+4`); nil when
    /// nothing is set or nothing fits.
    public func badge(fitting width: Int) -> String? {
        let parts = badgeParts
        guard !parts.isEmpty else { return nil }
        for kept in stride(from: parts.count, through: 1, by: -1) {
            let left = parts.count - kept
            let text = "⇄ " + parts.prefix(kept).joined(separator: " · ") + (left > 0 ? " +\(left)" : "")
            if text.count <= width { return text }
        }
        let count = "⇄+\(parts.count)"
        return count.count <= width ? count : nil
    }

    /// One short phrase per preference set, in the order the badge keeps them.
    var badgeParts: [String] {
        var parts: [String] = []
        if let sort { parts.append(Self.sorts.contains(sort) ? sort : "sorted") }
        if let order, !order.isEmpty { parts.append("\(order.count) pinned") }
        if let only, !only.isEmpty { parts.append("only \(only.count)") }
        if allowFallbacks == false { parts.append("no fallbacks") }
        if let maxPrice, maxPrice.prompt != nil || maxPrice.completion != nil {
            parts.append("≤" + [maxPrice.prompt, maxPrice.completion].map { $0.map(Formatting.usd) ?? "–" }.joined(separator: "/"))
        }
        if let quantizations, !quantizations.isEmpty {
            if quantizations.count == 1, let one = quantizations.first, Self.knownQuantizations.contains(one) {
                parts.append(one)
            } else {
                parts.append("\(quantizations.count) quants")
            }
        }
        if zdr == true { parts.append("zdr") }
        if dataCollection == "deny" { parts.append("no data collection") }
        if let ignore, !ignore.isEmpty { parts.append("\(ignore.count) ignored") }
        if requireParameters == true { parts.append("all params") }
        return parts
    }
}
