import Foundation

extension ModelInfo {
    enum CodingKeys: String, CodingKey {
        case id, name, created, description, contextLength = "context_length", architecture, pricing
        case topProvider = "top_provider", supportedParameters = "supported_parameters"
        // Prism's own cache form.
        case inputModalities = "input_modalities", outputModalities = "output_modalities"
        case maxCompletionTokens = "max_completion_tokens"
    }

    enum ArchitectureKeys: String, CodingKey {
        case inputModalities = "input_modalities", outputModalities = "output_modalities", modality
    }

    enum TopProviderKeys: String, CodingKey {
        case contextLength = "context_length", maxCompletionTokens = "max_completion_tokens"
    }

    /// Reads both OpenRouter's catalog shape and the flatter one Prism caches.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = c.lenient(String.self, .name) ?? id
        if let seconds = c.lenient(Double.self, .created) { created = Date(timeIntervalSince1970: seconds) }
        description = c.lenient(String.self, .description)
        contextLength = c.lenient(Int.self, .contextLength)
        pricing = c.lenient(ModelPricing.self, .pricing) ?? ModelPricing()
        supportedParameters = c.lenient([String].self, .supportedParameters) ?? []
        inputModalities = c.lenient([String].self, .inputModalities) ?? []
        outputModalities = c.lenient([String].self, .outputModalities) ?? []
        maxCompletionTokens = c.lenient(Int.self, .maxCompletionTokens)
        if let a = try? c.nestedContainer(keyedBy: ArchitectureKeys.self, forKey: .architecture) {
            if let i = a.lenient([String].self, .inputModalities) { inputModalities = i }
            if let o = a.lenient([String].self, .outputModalities) { outputModalities = o }
            if inputModalities.isEmpty, let modality = a.lenient(String.self, .modality) {
                // Older entries only say "text+image->text".
                let sides = modality.components(separatedBy: "->")
                inputModalities = sides.first.map { $0.components(separatedBy: "+") } ?? []
                outputModalities = sides.count > 1 ? sides[1].components(separatedBy: "+") : []
            }
        }
        if let t = try? c.nestedContainer(keyedBy: TopProviderKeys.self, forKey: .topProvider) {
            if maxCompletionTokens == nil { maxCompletionTokens = t.lenient(Int.self, .maxCompletionTokens) }
            if contextLength == nil { contextLength = t.lenient(Int.self, .contextLength) }
        }
        if inputModalities.isEmpty { inputModalities = ["text"] }
        if outputModalities.isEmpty { outputModalities = ["text"] }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(created.map { $0.timeIntervalSince1970 }, forKey: .created)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(contextLength, forKey: .contextLength)
        try c.encode(inputModalities, forKey: .inputModalities)
        try c.encode(outputModalities, forKey: .outputModalities)
        try c.encode(pricing, forKey: .pricing)
        try c.encodeIfPresent(maxCompletionTokens, forKey: .maxCompletionTokens)
        try c.encode(supportedParameters, forKey: .supportedParameters)
    }

    /// Decodes a `{"data": [...]}` catalog, skipping entries that do not decode.
    public static func decodeCatalog(_ data: Data) throws -> [ModelInfo] {
        struct Lossy: Decodable {
            var model: ModelInfo?
            init(from decoder: any Decoder) throws { model = try? ModelInfo(from: decoder) }
        }
        struct Envelope: Decodable { var data: [Lossy] }
        return try JSONDecoder().decode(Envelope.self, from: data).data.compactMap(\.model)
    }
}
