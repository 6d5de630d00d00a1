import Foundation

/// What OpenRouter recorded about one generation (`GET /generation?id=…`).
///
/// The record has about 45 fields, most of them nullable; Prism reads the few it uses and
/// reads each leniently (a field of the wrong type is absent, never a failure), so a
/// record with nulls, strings for numbers or new fields still decodes.
public struct GenerationRecord: Decodable, Sendable, Equatable {
    public var id: String?
    public var model: String?
    public var providerName: String?
    /// USD actually charged.
    public var totalCost: Decimal?
    public var tokensPrompt: Int?
    public var tokensCompletion: Int?
    public var nativeTokensPrompt: Int?
    public var nativeTokensCompletion: Int?
    public var nativeTokensReasoning: Int?
    public var nativeTokensCached: Int?
    public var cancelled: Bool?
    public var finishReason: String?
    /// Milliseconds to the first token, and of generation.
    public var latency: Double?
    public var generationTime: Double?

    enum CodingKeys: String, CodingKey {
        case id, model, providerName = "provider_name", totalCost = "total_cost"
        case tokensPrompt = "tokens_prompt", tokensCompletion = "tokens_completion"
        case nativeTokensPrompt = "native_tokens_prompt", nativeTokensCompletion = "native_tokens_completion"
        case nativeTokensReasoning = "native_tokens_reasoning", nativeTokensCached = "native_tokens_cached"
        case cancelled, finishReason = "finish_reason", latency, generationTime = "generation_time"
    }

    public init(id: String? = nil, model: String? = nil, providerName: String? = nil, totalCost: Decimal? = nil,
                nativeTokensPrompt: Int? = nil, nativeTokensCompletion: Int? = nil) {
        self.id = id
        self.model = model
        self.providerName = providerName
        self.totalCost = totalCost
        self.nativeTokensPrompt = nativeTokensPrompt
        self.nativeTokensCompletion = nativeTokensCompletion
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenient(String.self, .id)
        model = c.lenient(String.self, .model)
        providerName = c.lenient(String.self, .providerName)
        totalCost = c.lenientDecimal(.totalCost)
        tokensPrompt = c.lenientInt(.tokensPrompt)
        tokensCompletion = c.lenientInt(.tokensCompletion)
        nativeTokensPrompt = c.lenientInt(.nativeTokensPrompt)
        nativeTokensCompletion = c.lenientInt(.nativeTokensCompletion)
        nativeTokensReasoning = c.lenientInt(.nativeTokensReasoning)
        nativeTokensCached = c.lenientInt(.nativeTokensCached)
        cancelled = c.lenient(Bool.self, .cancelled)
        finishReason = c.lenient(String.self, .finishReason)
        latency = c.lenient(Double.self, .latency)
        generationTime = c.lenient(Double.self, .generationTime)
    }

    /// Decodes `{"data": {...}}`.
    public static func decode(_ data: Data) throws -> GenerationRecord {
        struct Envelope: Decodable { var data: GenerationRecord }
        return try JSONDecoder().decode(Envelope.self, from: data).data
    }

    /// The record's cost and token counts as a reply's usage (native counts first: they
    /// are what the provider billed), with `generation` as the cost's source; nil when
    /// the record has no cost.
    public var usage: TokenUsage? {
        guard let totalCost else { return nil }
        let prompt = nativeTokensPrompt ?? tokensPrompt
        let completion = nativeTokensCompletion ?? tokensCompletion
        let total = prompt.flatMap { p in completion.map { p + $0 } }
        return TokenUsage(promptTokens: prompt, completionTokens: completion, totalTokens: total,
                          cachedTokens: nativeTokensCached, reasoningTokens: nativeTokensReasoning,
                          cost: totalCost, costIsEstimate: false, costSource: .generation)
    }
}

extension KeyedDecodingContainer {
    /// An integer that may arrive as an Int, a whole Double or a numeric string; nil otherwise.
    func lenientInt(_ key: Key) -> Int? {
        if let value = lenient(Int.self, key) { return value }
        if let value = lenient(Double.self, key), value.rounded() == value, abs(value) < 1e15 { return Int(value) }
        if let text = lenient(String.self, key) { return Int(text) }
        return nil
    }
}
