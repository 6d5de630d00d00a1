import Foundation

/// Everything about a request that is not the conversation itself.
///
/// Saved with each session so a resumed conversation continues with the same
/// parameters. `nil` means "not sent; the provider default applies", except
/// `maxTokens`, which is always resolved before sending (see `ChatRequestBuilder`).
public struct RequestSettings: Codable, Sendable, Equatable, Hashable {
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var seed: Int?
    public var stop: [String]?
    /// Fallback models, tried by OpenRouter in order when the main one fails.
    public var fallbackModels: [String]
    public var provider: ProviderPreferences?
    public var reasoning: ReasoningSettings?

    public init(
        maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil, seed: Int? = nil,
        stop: [String]? = nil, fallbackModels: [String] = [], provider: ProviderPreferences? = nil,
        reasoning: ReasoningSettings? = nil
    ) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
        self.stop = stop
        self.fallbackModels = fallbackModels
        self.provider = provider
        self.reasoning = reasoning
    }

    enum CodingKeys: String, CodingKey {
        case maxTokens = "max_tokens", temperature, topP = "top_p", seed, stop
        case fallbackModels = "fallback_models", provider, reasoning
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try c.decodeIfPresent(Double.self, forKey: .topP)
        seed = try c.decodeIfPresent(Int.self, forKey: .seed)
        stop = try c.decodeIfPresent([String].self, forKey: .stop)
        fallbackModels = try c.decodeIfPresent([String].self, forKey: .fallbackModels) ?? []
        provider = try c.decodeIfPresent(ProviderPreferences.self, forKey: .provider)
        reasoning = try c.decodeIfPresent(ReasoningSettings.self, forKey: .reasoning)
    }
}

/// OpenRouter's `provider` routing preferences.
public struct ProviderPreferences: Codable, Sendable, Equatable, Hashable {
    public var order: [String]?
    public var allowFallbacks: Bool?
    public var requireParameters: Bool?
    /// `"allow"` or `"deny"`.
    public var dataCollection: String?
    public var zdr: Bool?
    public var only: [String]?
    public var ignore: [String]?
    /// `"price"`, `"throughput"` or `"latency"`.
    public var sort: String?
    public var maxPrice: MaxPrice?

    public init(
        order: [String]? = nil, allowFallbacks: Bool? = nil, requireParameters: Bool? = nil,
        dataCollection: String? = nil, zdr: Bool? = nil, only: [String]? = nil, ignore: [String]? = nil,
        sort: String? = nil, maxPrice: MaxPrice? = nil
    ) {
        self.order = order
        self.allowFallbacks = allowFallbacks
        self.requireParameters = requireParameters
        self.dataCollection = dataCollection
        self.zdr = zdr
        self.only = only
        self.ignore = ignore
        self.sort = sort
        self.maxPrice = maxPrice
    }

    enum CodingKeys: String, CodingKey {
        case order, allowFallbacks = "allow_fallbacks", requireParameters = "require_parameters"
        case dataCollection = "data_collection", zdr, only, ignore, sort, maxPrice = "max_price"
    }

    /// True when no preference is set, so the field can be left out of the request.
    public var isEmpty: Bool { self == ProviderPreferences() }
}

/// Upper price limits, in USD per million tokens (per unit for request and image).
public struct MaxPrice: Codable, Sendable, Equatable, Hashable {
    public var prompt: Decimal?
    public var completion: Decimal?
    public var request: Decimal?
    public var image: Decimal?

    public init(prompt: Decimal? = nil, completion: Decimal? = nil, request: Decimal? = nil, image: Decimal? = nil) {
        self.prompt = prompt
        self.completion = completion
        self.request = request
        self.image = image
    }
}

/// OpenRouter's `reasoning` object: an effort level or a token budget, never both.
public struct ReasoningSettings: Codable, Sendable, Equatable, Hashable {
    /// `max`, `xhigh`, `high`, `medium`, `low`, `minimal` or `none`.
    public var effort: String?
    public var maxTokens: Int?
    /// Reasoning still happens (and is billed) but its text is not returned.
    public var exclude: Bool?

    public static let efforts = ["max", "xhigh", "high", "medium", "low", "minimal", "none"]

    public init(effort: String? = nil, maxTokens: Int? = nil, exclude: Bool? = nil) {
        self.effort = effort
        self.maxTokens = maxTokens
        self.exclude = exclude
    }

    enum CodingKeys: String, CodingKey {
        case effort, maxTokens = "max_tokens", exclude
    }
}
