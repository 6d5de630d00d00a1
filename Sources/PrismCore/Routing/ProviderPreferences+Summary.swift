import Foundation

extension ProviderPreferences {
    /// The preferences in words, one clause each, for the provider table's summary line and
    /// `prism models endpoints`: "try together, deepinfra/fp8 first · never fireworks · no fallbacks".
    public var clauses: [String] {
        var out: [String] = []
        if let order, !order.isEmpty { out.append("try " + order.joined(separator: ", ") + " first") }
        if let only, !only.isEmpty { out.append("only " + only.joined(separator: ", ")) }
        if let ignore, !ignore.isEmpty { out.append("never " + ignore.joined(separator: ", ")) }
        if allowFallbacks == false { out.append("no fallbacks") }
        if let sort { out.append("sort by \(sort)") }
        if let maxPrice {
            var caps: [String] = []
            if let p = maxPrice.prompt { caps.append("in $\(p)/M") }
            if let c = maxPrice.completion { caps.append("out $\(c)/M") }
            if !caps.isEmpty { out.append("max " + caps.joined(separator: ", ")) }
        }
        if let quantizations, !quantizations.isEmpty { out.append(quantizations.joined(separator: "/") + " only") }
        if dataCollection == "deny" { out.append("no data collection") }
        if zdr == true { out.append("ZDR only") }
        if requireParameters == true { out.append("providers supporting every parameter") }
        return out
    }

    /// `clauses` joined, or what happens with none: OpenRouter's own routing.
    public var summary: String {
        let parts = clauses
        return parts.isEmpty ? "OpenRouter's default routing (price-weighted, with fallbacks)" : parts.joined(separator: " · ")
    }
}
