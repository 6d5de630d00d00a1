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
    /// The `web` plugin; nil: no web search (an `:online` model still searches).
    public var web: WebSearchSettings?
    /// The `file-parser` engine for PDFs; nil: OpenRouter's default.
    public var pdfEngine: PDFEngine?

    public init(
        maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil, seed: Int? = nil,
        stop: [String]? = nil, fallbackModels: [String] = [], provider: ProviderPreferences? = nil,
        reasoning: ReasoningSettings? = nil, web: WebSearchSettings? = nil, pdfEngine: PDFEngine? = nil
    ) {
        self.web = web
        self.pdfEngine = pdfEngine
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
        case fallbackModels = "fallback_models", provider, reasoning, web, pdfEngine = "pdf_engine"
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
        web = c.lenient(WebSearchSettings.self, .web)
        pdfEngine = c.lenient(PDFEngine.self, .pdfEngine)
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
    /// Only endpoints with these quantizations (`int4`, `fp8`, `bf16`…).
    public var quantizations: [String]?

    public init(
        order: [String]? = nil, allowFallbacks: Bool? = nil, requireParameters: Bool? = nil,
        dataCollection: String? = nil, zdr: Bool? = nil, only: [String]? = nil, ignore: [String]? = nil,
        sort: String? = nil, maxPrice: MaxPrice? = nil, quantizations: [String]? = nil
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
        self.quantizations = quantizations
    }

    enum CodingKeys: String, CodingKey {
        case order, allowFallbacks = "allow_fallbacks", requireParameters = "require_parameters"
        case dataCollection = "data_collection", zdr, only, ignore, sort, maxPrice = "max_price", quantizations
    }

    /// The sorts OpenRouter accepts.
    public static let sorts = ["price", "throughput", "latency"]
    /// The quantizations OpenRouter names.
    public static let knownQuantizations = ["int4", "int8", "fp4", "mxfp4", "nvfp4", "fp6", "fp8", "mxfp8", "fp16", "bf16", "fp32", "unknown"]

    /// These preferences with every field `higher` sets taking its place, field by field
    /// (`max_price` too, per price): how flags override a model's saved choice, which overrides config.
    public func overridden(by higher: ProviderPreferences?) -> ProviderPreferences {
        guard let higher else { return self }
        var out = self
        if let v = higher.order { out.order = v }
        if let v = higher.allowFallbacks { out.allowFallbacks = v }
        if let v = higher.requireParameters { out.requireParameters = v }
        if let v = higher.dataCollection { out.dataCollection = v }
        if let v = higher.zdr { out.zdr = v }
        if let v = higher.only { out.only = v }
        if let v = higher.ignore { out.ignore = v }
        if let v = higher.sort { out.sort = v }
        if let v = higher.quantizations { out.quantizations = v }
        if let v = higher.maxPrice {
            var price = out.maxPrice ?? MaxPrice()
            if let p = v.prompt { price.prompt = p }
            if let p = v.completion { price.completion = p }
            if let p = v.request { price.request = p }
            if let p = v.image { price.image = p }
            out.maxPrice = price
        }
        return out
    }

    /// Layers from lowest to highest (config, saved per model, flags); nil when nothing is set.
    public static func layered(_ layers: [ProviderPreferences?]) -> ProviderPreferences? {
        let merged = layers.reduce(ProviderPreferences()) { $0.overridden(by: $1) }
        return merged.isEmpty ? nil : merged
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
