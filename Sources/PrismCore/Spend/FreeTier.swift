import Foundation

/// OpenRouter's limits on free models, and how Prism stays under them.
///
/// The platform allows 20 requests a minute to free models, and 50 a day to an account
/// that never bought credits (`is_free_tier` from `/key`), 1,000 a day once it has. Going
/// over earns a 429: the minute limit is cheap to avoid by waiting, the daily one is not
/// retried at all. Prism counts its own requests to free models in the spend ledger, so
/// several windows share the count.
public enum FreeTier {
    public static let perMinute = 20
    public static let perDayNeverPaid = 50
    public static let perDayPaid = 1_000

    /// A `:free` variant (also stacked, `…:free:online`), or a model whose catalog prices
    /// are all zero. A model with unknown prices is not counted as free.
    public static func isFree(model: String, pricing: ModelPricing?) -> Bool {
        if ModelVariant.parse(model).variants.contains(.free) { return true }
        guard let pricing, let prompt = pricing.prompt, let completion = pricing.completion else { return false }
        return prompt == 0 && completion == 0 && (pricing.request ?? 0) == 0
    }

    /// The daily limit for an account: nil while `/key` has not said whether it ever paid.
    public static func dailyLimit(isFreeTier: Bool?) -> Int? {
        isFreeTier.map { $0 ? perDayNeverPaid : perDayPaid }
    }

    /// How long to wait before the next request to a free model so that at most
    /// `perMinute` start in any 60 s: nil when one can start now. `recent` are the start
    /// times of earlier requests to free models (any order; older ones are ignored).
    public static func pacingDelay(recent: [Date], now: Date, perMinute: Int = FreeTier.perMinute) -> TimeInterval? {
        let window = recent.filter { now.timeIntervalSince($0) < 60 }.sorted()
        guard window.count >= perMinute else { return nil }
        // The request that must leave the window before another may start.
        let wait = window[window.count - perMinute].addingTimeInterval(60).timeIntervalSince(now)
        return wait > 0 ? wait : nil
    }

    /// "free 37/50 today", or "free 37 today" while the limit is unknown.
    public static func statusText(today: Int, limit: Int?) -> String {
        limit.map { "free \(today)/\($0) today" } ?? "free \(today) today"
    }
}
