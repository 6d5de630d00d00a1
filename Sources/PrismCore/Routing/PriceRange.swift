import Foundation

/// The spread of a model's prices across its providers (`/endpoints`): what a `:nitro` or
/// `:floor` request may cost, since those pick the provider by speed or price rather than
/// the catalog's headline price.
public struct PriceRange: Sendable, Equatable {
    /// Per token, USD, lowest and highest among providers that state a price.
    public var prompt: ClosedRange<Decimal>
    public var completion: ClosedRange<Decimal>
    /// Providers whose prices were counted.
    public var providers: Int

    public init(prompt: ClosedRange<Decimal>, completion: ClosedRange<Decimal>, providers: Int) {
        self.prompt = prompt
        self.completion = completion
        self.providers = providers
    }

    /// The range over the providers that give both token prices; nil when none does.
    public init?(_ endpoints: ModelEndpoints) {
        let priced = endpoints.endpoints.compactMap { e -> (Decimal, Decimal)? in
            guard let p = e.pricing.prompt, let c = e.pricing.completion else { return nil }
            return (p, c)
        }
        guard let first = priced.first else { return nil }
        var prompt = first.0...first.0, completion = first.1...first.1
        for (p, c) in priced.dropFirst() {
            prompt = min(prompt.lowerBound, p)...max(prompt.upperBound, p)
            completion = min(completion.lowerBound, c)...max(completion.upperBound, c)
        }
        self.init(prompt: prompt, completion: completion, providers: priced.count)
    }

    /// "$0.9–$1.2 in, $1.8–$2.4 out per M".
    public var text: String {
        func span(_ r: ClosedRange<Decimal>) -> String {
            r.lowerBound == r.upperBound ? Formatting.perMillion(r.lowerBound)
                : Formatting.perMillion(r.lowerBound) + "–" + Formatting.perMillion(r.upperBound)
        }
        return "\(span(prompt)) in, \(span(completion)) out per M"
    }

    /// The variant's note with the providers' range in place of "base model's prices", for
    /// the variants that choose a provider by speed or price (`:nitro`, `:floor`).
    public static func note(for id: String, base note: String?, range: PriceRange?) -> String? {
        guard let range, let note else { return note }
        let variants = ModelVariant.parse(id).variants
        guard variants.contains(.nitro) || variants.contains(.floor) else { return note }
        // "nitro: fastest providers, base model's prices" → "nitro: fastest of 3 providers, $1–$2 in, $2–$4 out per M"
        return note.replacingOccurrences(of: " providers, base model's prices",
                                         with: " of \(Formatting.count(range.providers, "provider")), \(range.text)")
    }

    /// The entry to price `id` with before sending: for `:nitro` and `:floor`, whose provider
    /// is chosen by speed or price, the dearest provider's prices once the range is known, so
    /// "≤ … at most" holds whichever provider answers.
    public static func pricing(_ info: ModelInfo?, for id: String, range: PriceRange?) -> ModelInfo? {
        guard var info, let range else { return info }
        let variants = ModelVariant.parse(id).variants
        guard variants.contains(.nitro) || variants.contains(.floor), !variants.contains(.free) else { return info }
        info.pricing.prompt = max(info.pricing.prompt ?? range.prompt.upperBound, range.prompt.upperBound)
        info.pricing.completion = max(info.pricing.completion ?? range.completion.upperBound, range.completion.upperBound)
        return info
    }
}
