import Foundation

/// Token counts and cost of one reply.
///
/// Every field is optional because OpenAI-compatible servers differ in what they
/// report: OpenRouter sends everything including `cost`, Ollama or llama.cpp may send
/// only token counts, some send nothing. A cost computed by Prism from catalog
/// prices (rather than reported by the server) is flagged with `costIsEstimate`, and
/// `costSource` says where any cost came from (nil in files written before it existed:
/// `source` then infers it from `costIsEstimate`).
public struct TokenUsage: Codable, Sendable, Equatable, Hashable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public var cachedTokens: Int?
    /// Prompt tokens written to the provider's cache (billed at the cache-write price).
    public var cacheWriteTokens: Int?
    public var reasoningTokens: Int?
    /// USD (OpenRouter credits).
    public var cost: Decimal?
    /// True when `cost` was computed from catalog prices, not reported by the server.
    public var costIsEstimate: Bool
    /// Where `cost` came from; saved as `cost_source`, only when known, and read leniently.
    public var costSource: CostSource?

    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil,
        cachedTokens: Int? = nil, reasoningTokens: Int? = nil,
        cost: Decimal? = nil, costIsEstimate: Bool = false, costSource: CostSource? = nil
    ) {
        self.costSource = costSource
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
        self.cachedTokens = cachedTokens
        self.reasoningTokens = reasoningTokens
        self.cost = cost
        self.costIsEstimate = costIsEstimate
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
        case totalTokens = "total_tokens", cachedTokens = "cached_tokens", cacheWriteTokens = "cache_write_tokens"
        case reasoningTokens = "reasoning_tokens", cost, costIsEstimate = "cost_is_estimate"
        case costSource = "cost_source"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try c.decodeIfPresent(Int.self, forKey: .promptTokens)
        completionTokens = try c.decodeIfPresent(Int.self, forKey: .completionTokens)
        totalTokens = try c.decodeIfPresent(Int.self, forKey: .totalTokens)
        cachedTokens = try c.decodeIfPresent(Int.self, forKey: .cachedTokens)
        cacheWriteTokens = c.lenient(Int.self, .cacheWriteTokens)
        reasoningTokens = try c.decodeIfPresent(Int.self, forKey: .reasoningTokens)
        cost = try c.decodeIfPresent(Decimal.self, forKey: .cost)
        costIsEstimate = try c.decodeIfPresent(Bool.self, forKey: .costIsEstimate) ?? false
        costSource = (try? c.decodeIfPresent(CostSource.self, forKey: .costSource)).flatMap { $0 }
    }

    /// Where the cost came from: `costSource` when recorded, else inferred (`estimate` when
    /// flagged, `usage` otherwise); nil without a cost.
    public var source: CostSource? {
        guard cost != nil else { return nil }
        return costSource ?? (costIsEstimate ? .estimate : .usage)
    }
}

/// Where a reply's cost came from.
public enum CostSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// The stream's own `usage.cost`.
    case usage
    /// Fetched afterwards from OpenRouter's `/generation` record (a cancelled or failed
    /// reply, or a stream without a cost).
    case generation
    /// Catalog prices × the reported tokens: Prism's estimate.
    case estimate
}
