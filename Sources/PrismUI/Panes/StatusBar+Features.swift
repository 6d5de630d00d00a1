import Foundation
import PrismCore
import PrismTerminal

extension StatusBar {
    /// "web" while this session searches the web (the toggle, `/web`, or an `:online` model).
    static func webText(_ state: AppState) -> String? {
        let online = state.model(ofLane: state.focusedLane).map(WebSearchSettings.isOnlineVariant) ?? false
        return state.session.settings.web != nil || online ? "web" : nil
    }

    /// "cache 1.8k" and "saved ≈$0.0049" when the newest reply read prompt tokens from the
    /// cache: the count the server reported (a tool turn's every round, as its header counts),
    /// and what it saved at catalog prices (an estimate, "≈"; nil when the catalog has no cache
    /// price for the model). Two segments, so a narrow bar keeps the count and drops the saving first.
    static func cacheTexts(_ state: AppState) -> (tokens: String, saved: String?)? {
        guard let reply = lastReply(state) else { return nil }
        let cache = CacheSavings.reply(reply, sessionModel: state.session.model) { state.catalogEntry($0)?.pricing }
        guard cache.tokens > 0 else { return nil }
        return ("cache \(Formatting.tokens(cache.tokens))", cache.saved.flatMap { $0 > 0 ? "saved ≈\(Formatting.usd($0))" : nil })
    }

    /// "cache 12.3k tok ≈$0.021 saved this session", or "Σ cache 12.3k ≈$0.021" where that does not
    /// fit: every reply's cached tokens (tool rounds too) and their savings at catalog prices ("≈").
    /// Shown once the session read more from the cache than its newest reply did (else it would
    /// repeat the reply's segment).
    static func sessionCacheSegment(_ state: AppState, _ total: CostTally.Totals, base: Style, theme: Theme) -> Segment? {
        let last = lastReply(state)?.turnUsage?.cachedTokens ?? 0
        guard total.cachedTokens > last else { return nil }
        let tokens = Formatting.tokens(total.cachedTokens)
        let saved = total.cacheSaved.flatMap { $0 > 0 ? "≈\(Formatting.usd($0))" : nil }
        let full = "cache \(tokens) tok" + (saved.map { " \($0) saved" } ?? "") + " this session"
        let short = "Σ cache \(tokens)" + (saved.map { " \($0)" } ?? "")
        let style = merged(base, theme[.cost])
        let fit: (Int) -> StyledLine? = { _ in StyledLine(short, style) }
        return Segment(line: StyledLine(full, style), priority: 64, compact: (fit, 62))
    }
}
