import Foundation

/// The provider table's cells, the same in `prism models endpoints` and the chat screen:
/// every unknown figure is "-", names are cleaned for a terminal.
extension ProviderEndpoint {
    /// The name and the tag in as few cells as say both: "DeepInfra/fp8" for the tag
    /// `deepinfra/fp8`, "Together" for `together`, "Lambda (lambda-labs)" otherwise.
    public var displayName: String {
        let name = TerminalSanitizer.metadata(providerName)
        guard let tag, tag.lowercased() != providerName.lowercased() else { return name }
        let prefix = providerName.lowercased() + "/"
        if tag.lowercased().hasPrefix(prefix) { return name + "/" + TerminalSanitizer.metadata(String(tag.dropFirst(prefix.count))) }
        return "\(name) (\(TerminalSanitizer.metadata(tag)))"
    }

    public var quantizationText: String { quantization.map(TerminalSanitizer.metadata) ?? "-" }
    public var contextText: String { contextLength.map(Formatting.tokens) ?? "-" }
    public var maxOutText: String { maxCompletionTokens.map(Formatting.tokens) ?? "-" }
    public var promptPriceText: String { pricing.prompt.map { Formatting.perMillion($0) } ?? "-" }
    public var completionPriceText: String { pricing.completion.map { Formatting.perMillion($0) } ?? "-" }
    /// "99.5%" over the last 30 minutes.
    public var uptimeText: String { uptime30m.map { String(format: "%.1f%%", $0) } ?? "-" }
    /// Median time to the first token over the last 30 minutes: "420ms", "1.8s".
    public var latencyText: String { latency?.p50.map { Formatting.duration(ms: $0) } ?? "-" }
    /// Time to the first token for 9 requests in 10 over the last 30 minutes.
    public var latencyP90Text: String { latency?.p90.map { Formatting.duration(ms: $0) } ?? "-" }
    /// Uptime over the last day.
    public var uptimeDayText: String { uptime1d.map { String(format: "%.1f%%", $0) } ?? "-" }
    /// Median output speed over the last 30 minutes: "85 tok/s".
    public var throughputText: String { throughput?.p50.map { "\(Int($0.rounded())) tok/s" } ?? "-" }
    /// "ok", "degraded (-2)", or "-" when not reported.
    public var statusText: String {
        guard let status else { return "-" }
        return status < 0 ? "degraded (\(status))" : "ok"
    }
}

/// What saved (or drafted) preferences do to one provider, for a mark beside it.
public enum ProviderRole: Equatable, Sendable {
    /// In `order`, at this place (1 first).
    case pinned(Int)
    /// In `ignore`.
    case excluded
    /// In `only`.
    case allowed
}

extension ProviderPreferences {
    /// The role these preferences give `endpoint` (matched by its routing slug, or its display
    /// name, as OpenRouter matches either), or nil when they do not name it.
    public func role(of endpoint: ProviderEndpoint) -> ProviderRole? {
        let names = Set([endpoint.routingSlug, endpoint.providerName].map { $0.lowercased() })
        func place(in list: [String]?) -> Int? { list?.firstIndex { names.contains($0.lowercased()) } }
        if let i = place(in: order) { return .pinned(i + 1) }
        if place(in: ignore) != nil { return .excluded }
        if place(in: only) != nil { return .allowed }
        return nil
    }
}

extension ProviderRole {
    /// "pin 1", "excluded", "only".
    public var words: String {
        switch self {
        case .pinned(let n): "pin \(n)"
        case .excluded: "excluded"
        case .allowed: "only"
        }
    }
}
