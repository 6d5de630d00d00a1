import Foundation
import PrismCore

extension StatusBar {
    /// "web" while this session searches the web (the toggle, `/web`, or an `:online` model).
    static func webText(_ state: AppState) -> String? {
        let online = state.model(ofLane: state.focusedLane).map(WebSearchSettings.isOnlineVariant) ?? false
        return state.session.settings.web != nil || online ? "web" : nil
    }

    /// "cache 1.8k" and "saved ≈$0.0049" when the newest reply read prompt tokens from the
    /// cache: the count the server reported, and what it saved at catalog prices (an estimate,
    /// "≈"; nil when the catalog has no cache price for the model). Two segments, so a narrow
    /// bar keeps the count and drops the saving first.
    static func cacheTexts(_ state: AppState) -> (tokens: String, saved: String?)? {
        guard let reply = lastReply(state), let cached = reply.usage?.cachedTokens, cached > 0 else { return nil }
        let model = reply.modelServed ?? reply.modelRequested ?? state.session.model
        let saved = CacheSavings.saved(reply.usage, pricing: model.flatMap(state.catalogEntry)?.pricing)
        return ("cache \(Formatting.tokens(cached))", saved.flatMap { $0 > 0 ? "saved ≈\(Formatting.usd($0))" : nil })
    }
}
