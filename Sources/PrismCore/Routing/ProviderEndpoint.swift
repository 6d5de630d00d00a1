import Foundation

/// p50/p75/p90/p99 of a latency (ms) or throughput (tokens/s) figure over the last 30 minutes.
///
/// OpenRouter has sent both a bare number and an object here; a bare number is read as p50.
public struct Percentiles: Codable, Sendable, Equatable, Hashable {
    public var p50: Double?
    public var p75: Double?
    public var p90: Double?
    public var p99: Double?

    public init(p50: Double? = nil, p75: Double? = nil, p90: Double? = nil, p99: Double? = nil) {
        self.p50 = p50
        self.p75 = p75
        self.p90 = p90
        self.p99 = p99
    }

    enum CodingKeys: String, CodingKey { case p50, p75, p90, p99 }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let value = try? single.decode(Double.self) {
            self.init(p50: value)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(p50: c.lenient(Double.self, .p50), p75: c.lenient(Double.self, .p75),
                  p90: c.lenient(Double.self, .p90), p99: c.lenient(Double.self, .p99))
    }

    public var isEmpty: Bool { self == Percentiles() }
}

/// One provider serving a model (`GET /models/{author}/{slug}/endpoints`), decoded leniently:
/// every field but the provider's name may be missing, and unknown fields are ignored.
public struct ProviderEndpoint: Codable, Sendable, Equatable, Hashable {
    /// The provider's display name ("DeepInfra").
    public var providerName: String
    /// The slug OpenRouter accepts in `provider.order`, `only` and `ignore` ("deepinfra/turbo").
    public var tag: String?
    /// The endpoint's own name ("DeepInfra | meta-llama/llama-3.3-70b-instruct").
    public var name: String?
    public var quantization: String?
    public var contextLength: Int?
    public var maxCompletionTokens: Int?
    public var maxPromptTokens: Int?
    public var pricing: ModelPricing
    public var supportedParameters: [String]
    /// 0 is healthy; negative values are degraded.
    public var status: Int?
    /// Percent of requests served, over the last 5 minutes, 30 minutes and day.
    public var uptime5m: Double?
    public var uptime30m: Double?
    public var uptime1d: Double?
    /// Milliseconds to the first token.
    public var latency: Percentiles?
    /// Tokens per second.
    public var throughput: Percentiles?
    public var supportsImplicitCaching: Bool?

    public init(providerName: String, tag: String? = nil, name: String? = nil, quantization: String? = nil,
                contextLength: Int? = nil, maxCompletionTokens: Int? = nil, maxPromptTokens: Int? = nil,
                pricing: ModelPricing = ModelPricing(), supportedParameters: [String] = [], status: Int? = nil,
                uptime5m: Double? = nil, uptime30m: Double? = nil, uptime1d: Double? = nil,
                latency: Percentiles? = nil, throughput: Percentiles? = nil, supportsImplicitCaching: Bool? = nil) {
        self.providerName = providerName
        self.tag = tag
        self.name = name
        self.quantization = quantization
        self.contextLength = contextLength
        self.maxCompletionTokens = maxCompletionTokens
        self.maxPromptTokens = maxPromptTokens
        self.pricing = pricing
        self.supportedParameters = supportedParameters
        self.status = status
        self.uptime5m = uptime5m
        self.uptime30m = uptime30m
        self.uptime1d = uptime1d
        self.latency = latency
        self.throughput = throughput
        self.supportsImplicitCaching = supportsImplicitCaching
    }

    enum CodingKeys: String, CodingKey {
        case providerName = "provider_name", tag, name, quantization, contextLength = "context_length"
        case maxCompletionTokens = "max_completion_tokens", maxPromptTokens = "max_prompt_tokens", pricing
        case supportedParameters = "supported_parameters", status
        case uptime5m = "uptime_last_5m", uptime30m = "uptime_last_30m", uptime1d = "uptime_last_1d"
        case latency = "latency_last_30m", throughput = "throughput_last_30m"
        case supportsImplicitCaching = "supports_implicit_caching"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = c.lenient(String.self, .name)
        // The display name is the one field a row cannot do without; the endpoint name starts with it.
        guard let provider = c.lenient(String.self, .providerName)
                ?? name?.components(separatedBy: " | ").first.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw DecodingError.keyNotFound(CodingKeys.providerName, .init(codingPath: c.codingPath, debugDescription: "no provider name"))
        }
        self.init(providerName: provider, tag: c.lenient(String.self, .tag), name: name,
                  quantization: c.lenient(String.self, .quantization),
                  contextLength: c.lenient(Int.self, .contextLength),
                  maxCompletionTokens: c.lenient(Int.self, .maxCompletionTokens),
                  maxPromptTokens: c.lenient(Int.self, .maxPromptTokens),
                  pricing: c.lenient(ModelPricing.self, .pricing) ?? ModelPricing(),
                  supportedParameters: c.lenient([String].self, .supportedParameters) ?? [],
                  status: c.lenient(Int.self, .status),
                  uptime5m: c.lenient(Double.self, .uptime5m), uptime30m: c.lenient(Double.self, .uptime30m),
                  uptime1d: c.lenient(Double.self, .uptime1d),
                  latency: c.lenient(Percentiles.self, .latency).flatMap { $0.isEmpty ? nil : $0 },
                  throughput: c.lenient(Percentiles.self, .throughput).flatMap { $0.isEmpty ? nil : $0 },
                  supportsImplicitCaching: c.lenient(Bool.self, .supportsImplicitCaching))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(providerName, forKey: .providerName)
        try c.encodeIfPresent(tag, forKey: .tag)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(quantization, forKey: .quantization)
        try c.encodeIfPresent(contextLength, forKey: .contextLength)
        try c.encodeIfPresent(maxCompletionTokens, forKey: .maxCompletionTokens)
        try c.encodeIfPresent(maxPromptTokens, forKey: .maxPromptTokens)
        try c.encode(pricing, forKey: .pricing)
        try c.encode(supportedParameters, forKey: .supportedParameters)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(uptime5m, forKey: .uptime5m)
        try c.encodeIfPresent(uptime30m, forKey: .uptime30m)
        try c.encodeIfPresent(uptime1d, forKey: .uptime1d)
        try c.encodeIfPresent(latency, forKey: .latency)
        try c.encodeIfPresent(throughput, forKey: .throughput)
        try c.encodeIfPresent(supportsImplicitCaching, forKey: .supportsImplicitCaching)
    }

    /// The name to put in `provider.order`, `only` or `ignore`: the tag when given, else the display name.
    public var routingSlug: String { tag ?? providerName }

    /// Degraded (a negative status).
    public var isDegraded: Bool { (status ?? 0) < 0 }
}

/// A model's providers as fetched, with the time they were fetched.
public struct ModelEndpoints: Codable, Sendable, Equatable {
    /// The model asked about (a variant suffix is kept as asked).
    public var modelID: String
    public var fetchedAt: Date
    public var endpoints: [ProviderEndpoint]
    /// Entries of the answer that could not be read at all (no provider name, not an object).
    public var skipped: Int

    public init(modelID: String, fetchedAt: Date, endpoints: [ProviderEndpoint], skipped: Int = 0) {
        self.modelID = modelID
        self.fetchedAt = fetchedAt
        self.endpoints = endpoints
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey { case modelID = "model_id", fetchedAt = "fetched_at", endpoints, skipped }

    /// Reads `{"data":{…,"endpoints":[…]}}`; an entry that cannot be read is skipped and counted, not fatal.
    public static func decode(_ data: Data, modelID: String, fetchedAt: Date) throws -> ModelEndpoints {
        struct Envelope: Decodable { var data: Body }
        struct Body: Decodable { var endpoints: [Lenient]? }
        struct Lenient: Decodable {
            var value: ProviderEndpoint?
            init(from decoder: any Decoder) throws { value = try? ProviderEndpoint(from: decoder) }
        }
        let body = try JSONDecoder().decode(Envelope.self, from: data).data
        let entries = body.endpoints ?? []
        let endpoints = entries.compactMap(\.value)
        return ModelEndpoints(modelID: modelID, fetchedAt: fetchedAt, endpoints: endpoints,
                              skipped: entries.count - endpoints.count)
    }
}
