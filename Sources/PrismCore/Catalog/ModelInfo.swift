import Foundation

/// Per-token prices of a model, in USD, parsed exactly as decimals.
///
/// A negative price in the catalog (`"-1"`, used by router models such as
/// `openrouter/auto`) means the price depends on the model picked per request:
/// it is kept as nil (unknown), never shown as free.
public struct ModelPricing: Codable, Sendable, Equatable, Hashable {
    public var prompt: Decimal?
    public var completion: Decimal?
    public var request: Decimal?
    public var image: Decimal?
    public var inputCacheRead: Decimal?
    public var internalReasoning: Decimal?
    /// Per prompt token written to the cache (Anthropic charges more than the prompt price).
    public var inputCacheWrite: Decimal?
    /// Per web search request, for models whose provider searches natively.
    public var webSearch: Decimal?

    public init(prompt: Decimal? = nil, completion: Decimal? = nil, request: Decimal? = nil,
                image: Decimal? = nil, inputCacheRead: Decimal? = nil, internalReasoning: Decimal? = nil) {
        self.prompt = prompt
        self.completion = completion
        self.request = request
        self.image = image
        self.inputCacheRead = inputCacheRead
        self.internalReasoning = internalReasoning
    }

    enum CodingKeys: String, CodingKey {
        case prompt, completion, request, image
        case inputCacheRead = "input_cache_read", internalReasoning = "internal_reasoning"
        case inputCacheWrite = "input_cache_write", webSearch = "web_search"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func price(_ key: CodingKeys) -> Decimal? {
            let value = c.lenient(String.self, key).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
                ?? c.lenient(Decimal.self, key)
            guard let value, value >= 0 else { return nil }
            return value
        }
        prompt = price(.prompt)
        completion = price(.completion)
        request = price(.request)
        image = price(.image)
        inputCacheRead = price(.inputCacheRead)
        internalReasoning = price(.internalReasoning)
        inputCacheWrite = price(.inputCacheWrite)
        webSearch = price(.webSearch)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ value: Decimal?, _ key: CodingKeys) throws {
            if let value { try c.encode("\(value)", forKey: key) }
        }
        try put(prompt, .prompt)
        try put(completion, .completion)
        try put(request, .request)
        try put(image, .image)
        try put(inputCacheRead, .inputCacheRead)
        try put(internalReasoning, .internalReasoning)
        try put(inputCacheWrite, .inputCacheWrite)
        try put(webSearch, .webSearch)
    }

    /// Both token prices known and zero.
    public var isFree: Bool { prompt == 0 && completion == 0 }

    /// Price of a million prompt tokens, when known.
    public var promptPerMillion: Decimal? { prompt.map { $0 * 1_000_000 } }
    public var completionPerMillion: Decimal? { completion.map { $0 * 1_000_000 } }

    /// A cost worked out from token counts; nil when a needed price or count is unknown.
    public func estimate(promptTokens: Int?, completionTokens: Int?) -> Decimal? {
        guard let prompt, let completion, let p = promptTokens, let c = completionTokens else { return nil }
        return prompt * Decimal(p) + completion * Decimal(c) + (request ?? 0)
    }
}

/// One model of the catalog (`GET /models`), decoded leniently.
public struct ModelInfo: Codable, Sendable, Equatable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var created: Date?
    public var description: String?
    public var contextLength: Int?
    public var inputModalities: [String]
    public var outputModalities: [String]
    public var pricing: ModelPricing
    public var maxCompletionTokens: Int?
    public var supportedParameters: [String]
    /// For an id with a variant suffix derived from its base entry (`x:nitro`), what the
    /// suffix means for the figures shown (see `ModelVariant.note`); nil for catalog entries.
    public var variantNote: String?

    public init(id: String, name: String? = nil, created: Date? = nil, description: String? = nil,
                contextLength: Int? = nil, inputModalities: [String] = ["text"], outputModalities: [String] = ["text"],
                pricing: ModelPricing = ModelPricing(), maxCompletionTokens: Int? = nil, supportedParameters: [String] = []) {
        self.id = id
        self.name = name ?? id
        self.created = created
        self.description = description
        self.contextLength = contextLength
        self.inputModalities = inputModalities
        self.outputModalities = outputModalities
        self.pricing = pricing
        self.maxCompletionTokens = maxCompletionTokens
        self.supportedParameters = supportedParameters
    }

    public var supportsReasoning: Bool { supportedParameters.contains("reasoning") }
    public var supportsTools: Bool { supportedParameters.contains("tools") }
    public var acceptsImages: Bool { inputModalities.contains("image") }
    public var acceptsFiles: Bool { inputModalities.contains("file") }
}
