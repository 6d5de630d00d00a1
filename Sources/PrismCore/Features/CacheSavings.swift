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

    /// Cached tokens and savings summed over requests: nil savings when no request had both
    /// a cached count and prices.
    public static func total(_ items: [(usage: TokenUsage?, pricing: ModelPricing?)]) -> (tokens: Int, saved: Decimal?) {
        var tokens = 0
        var saved: Decimal?
        for item in items {
            tokens += item.usage?.cachedTokens ?? 0
            if let s = self.saved(item.usage, pricing: item.pricing) { saved = (saved ?? 0) + s }
        }
        return (tokens, saved)
    }

    /// The model a reply's final request is priced as: the one that served it, else the one asked.
    public static func model(of reply: Message, sessionModel: String?) -> String? {
        reply.modelServed ?? reply.modelRequested ?? sessionModel
    }

    /// One reply's cached tokens and savings: every tool round's request and the final one (the
    /// requests `Message.turnUsage` adds up), each at the prices of the model that served it.
    public static func reply(_ reply: Message, sessionModel: String?, pricing: (String) -> ModelPricing?) -> (tokens: Int, saved: Decimal?) {
        let final = model(of: reply, sessionModel: sessionModel)
        var items = (reply.toolRounds ?? []).map { (usage: $0.usage, pricing: ($0.modelServed ?? final).flatMap(pricing)) }
        items.append((reply.usage, final.flatMap(pricing)))
        return total(items)
    }

    /// `reply` summed over every reply of a session (all branches, as its cost is).
    public static func session(_ messages: some Sequence<Message>, sessionModel: String?,
                               pricing: (String) -> ModelPricing?) -> (tokens: Int, saved: Decimal?) {
        var sum = (tokens: 0, saved: Decimal?.none)
        for message in messages where message.role == .assistant {
            sum = adding(sum, reply(message, sessionModel: sessionModel, pricing: pricing))
        }
        return sum
    }

    /// Two sums as one; savings stay nil only when both are.
    public static func adding(_ a: (tokens: Int, saved: Decimal?), _ b: (tokens: Int, saved: Decimal?)) -> (tokens: Int, saved: Decimal?) {
        (a.tokens + b.tokens, a.saved.map { $0 + (b.saved ?? 0) } ?? b.saved)
    }
}
