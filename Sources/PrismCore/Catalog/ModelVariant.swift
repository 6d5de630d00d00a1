import Foundation

/// A suffix OpenRouter accepts after a model id (`openai/gpt-4o:nitro`), changing where or
/// how the request is served. Suffixes stack (`x:free:online`).
public enum ModelVariant: String, CaseIterable, Sendable, Hashable {
    case free, nitro, floor, online, exacto, thinking, extended

    /// The suffix as written after the id.
    public var suffix: String { ":" + rawValue }

    /// Variants OpenRouter serves for any model it routes (not routers): they change
    /// the providers chosen or add a plugin, so the catalog does not list them.
    public static let routing: [ModelVariant] = [.nitro, .floor, .online]

    /// Variants offered only when the catalog lists the id with that suffix.
    public static let listed: [ModelVariant] = [.free, .exacto, .thinking, .extended]

    /// What a variant means for the figures shown beside it.
    public var note: String {
        switch self {
        case .free: "free: free endpoint, rate-limited"
        case .nitro: "nitro: fastest providers, base model's prices"
        case .floor: "floor: cheapest providers, base model's prices"
        case .online: "online: web search per request, not in these prices"
        case .exacto: "exacto: tool-calling providers, base model's prices"
        case .thinking: "thinking: reasoning variant, base model's prices"
        case .extended: "extended: longer context than shown, base model's prices"
        }
    }

    /// An id split into the model it names and the known suffixes at its end, in order.
    ///
    /// Suffixes are read from the end while they are known; an unknown last suffix keeps
    /// the whole id as the base (`x:beta` is a model of its own, not a variant).
    public static func parse(_ id: String) -> (base: String, variants: [ModelVariant]) {
        var base = Substring(id), variants: [ModelVariant] = []
        while let colon = base.lastIndex(of: ":"), colon > base.startIndex,
              let variant = ModelVariant(rawValue: String(base[base.index(after: colon)...])) {
            variants.insert(variant, at: 0)
            base = base[..<colon]
        }
        return (String(base), variants)
    }

    /// The entry for `id` given a way to find exact catalog ids: the catalog's own entry
    /// when it lists the id (it lists some `:free` and `:thinking` ids), else one derived
    /// from the longest listed prefix of known suffixes (`x:free` for `x:free:online`, then `x`).
    public static func entry(for id: String, exact: (String) -> ModelInfo?) -> ModelInfo? {
        if let listed = exact(id) { return listed }
        let (base, variants) = parse(id)
        guard !variants.isEmpty else { return nil }
        for kept in stride(from: variants.count - 1, through: 0, by: -1) {
            let prefix = base + variants[..<kept].map(\.suffix).joined()
            if let found = exact(prefix) { return found.variant(Array(variants[kept...])) }
        }
        return nil
    }
}

extension ModelInfo {
    /// Whether this is a router or alias (`openrouter/auto`, `~author/family-latest`) that
    /// picks a model per request: variants of it are not offered.
    public var isRouter: Bool { id.hasPrefix("openrouter/") || id.hasPrefix("~") }

    /// This entry as served with `variants` appended to its id: `:free` costs nothing,
    /// the others keep this entry's prices and say so in `variantNote`.
    public func variant(_ variants: [ModelVariant]) -> ModelInfo {
        guard !variants.isEmpty else { return self }
        var derived = self
        derived.id = id + variants.map(\.suffix).joined()
        derived.name = name + " (" + variants.map(\.rawValue).joined(separator: ", ") + ")"
        if variants.contains(.free) { derived.pricing = ModelPricing(prompt: 0, completion: 0, request: 0, image: 0, inputCacheRead: 0, internalReasoning: 0) }
        derived.variantNote = ([variantNote].compactMap { $0 } + variants.map(\.note)).joined(separator: "; ")
        return derived
    }
}

extension Array where Element == ModelInfo {
    /// The catalog entry for a model id, variants included (see `ModelVariant.entry`).
    ///
    /// A scan; the picker's index answers the same question by binary search.
    public func entry(for id: String) -> ModelInfo? {
        ModelVariant.entry(for: id) { wanted in first { $0.id == wanted } }
    }
}
