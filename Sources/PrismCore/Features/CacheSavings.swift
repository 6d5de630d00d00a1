import Foundation

/// What prompt caching saved: cached tokens read at the cache price instead of the prompt
/// price. Worked out from catalog prices, so always an estimate (shown with "≈").
public enum CacheSavings {
    /// `cached × (prompt − input_cache_read)`; nil without cached tokens or either price.
    /// A cache price above the prompt price (never seen) counts as no saving, not a loss.
    public static func saved(_ usage: TokenUsage?, pricing: ModelPricing?) -> Decimal? {
        guard let cached = usage?.cachedTokens, cached > 0,
              let prompt = pricing?.prompt, let read = pricing?.inputCacheRead else { return nil }
        return max(0, prompt - read) * Decimal(cached)
    }

    /// Cached tokens and savings summed over replies (a session): nil savings when no reply
    /// had both a cached count and prices.
    public static func total(_ items: [(usage: TokenUsage?, pricing: ModelPricing?)]) -> (tokens: Int, saved: Decimal?) {
        var tokens = 0
        var saved: Decimal?
        for item in items {
            tokens += item.usage?.cachedTokens ?? 0
            if let s = self.saved(item.usage, pricing: item.pricing) { saved = (saved ?? 0) + s }
        }
        return (tokens, saved)
    }
}
