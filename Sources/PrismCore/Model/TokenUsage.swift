import Foundation

/// Token counts and cost of one reply.
///
/// Every field is optional because OpenAI-compatible servers differ in what they
/// report: OpenRouter sends everything including `cost`, Ollama or llama.cpp may send
/// only token counts, some send nothing. A cost computed by Prism from catalog
/// prices (rather than reported by the server) is flagged with `costIsEstimate`.
public struct TokenUsage: Codable, Sendable, Equatable, Hashable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public var cachedTokens: Int?
    public var reasoningTokens: Int?
    /// USD (OpenRouter credits).
    public var cost: Decimal?
    /// True when `cost` was computed from catalog prices, not reported by the server.
    public var costIsEstimate: Bool

    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil,
        cachedTokens: Int? = nil, reasoningTokens: Int? = nil,
        cost: Decimal? = nil, costIsEstimate: Bool = false
    ) {
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
        case totalTokens = "total_tokens", cachedTokens = "cached_tokens"
        case reasoningTokens = "reasoning_tokens", cost, costIsEstimate = "cost_is_estimate"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try c.decodeIfPresent(Int.self, forKey: .promptTokens)
        completionTokens = try c.decodeIfPresent(Int.self, forKey: .completionTokens)
        totalTokens = try c.decodeIfPresent(Int.self, forKey: .totalTokens)
        cachedTokens = try c.decodeIfPresent(Int.self, forKey: .cachedTokens)
        reasoningTokens = try c.decodeIfPresent(Int.self, forKey: .reasoningTokens)
        cost = try c.decodeIfPresent(Decimal.self, forKey: .cost)
        costIsEstimate = try c.decodeIfPresent(Bool.self, forKey: .costIsEstimate) ?? false
    }
}
