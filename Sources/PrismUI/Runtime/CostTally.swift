import Foundation
import PrismCore

/// The session's totals for the status bar (its cost, and what prompt caching saved), without
/// summing every message each frame.
///
/// Messages are only ever appended and a reply's figures are final once it finishes, so
/// the sum over all but the newest few messages is kept and only that tail is added
/// up again per frame. A different session, fewer messages, or a newer catalog (savings
/// are priced from it) starts over.
struct CostTally {
    /// Messages this close to the end may still be streaming and are always re-added.
    static let tail = 16

    /// What the status bar shows for the whole session.
    struct Totals {
        var cost = Decimal(0)
        var estimated = false
        var known = false
        /// Replies that ended (or stopped after output) with no cost known, left out of `cost`:
        /// the total is then a lower bound, and says so.
        var unknown = 0
        /// Prompt tokens read from the cache, every request of every reply (tool rounds too).
        var cachedTokens = 0
        /// Their savings at catalog prices (`CacheSavings`): an estimate; nil when no price was known.
        var cacheSaved: Decimal?
    }

    private var sessionID: String?
    private var catalogStamp: Date?
    private var prefixCount = 0
    private var prefix = Totals()

    /// `pricing` is the catalog's price of a model; `catalogStamp` changes when the catalog does.
    mutating func totals(of session: Session, catalogStamp: Date?, pricing: (String) -> ModelPricing?) -> Totals {
        let stable = max(0, session.messages.count - Self.tail)
        if session.id != sessionID || stable < prefixCount || catalogStamp != self.catalogStamp {
            sessionID = session.id
            self.catalogStamp = catalogStamp
            prefixCount = 0
            prefix = Totals()
        }
        if stable > prefixCount {
            add(session.messages[prefixCount..<stable], model: session.model, pricing: pricing, to: &prefix)
            prefixCount = stable
        }
        var result = prefix
        add(session.messages[stable...], model: session.model, pricing: pricing, to: &result)
        return result
    }

    private func add(_ messages: ArraySlice<Message>, model: String?, pricing: (String) -> ModelPricing?, to total: inout Totals) {
        let cache = CacheSavings.session(messages, sessionModel: model, pricing: pricing)
        (total.cachedTokens, total.cacheSaved) = CacheSavings.adding((total.cachedTokens, total.cacheSaved), cache)
        for i in messages.indices {
            guard messages[i].role == .assistant else { continue }
            guard let usage = messages[i].turnUsage, let cost = usage.cost else {
                if messages[i].wasBilledWithoutCost { total.unknown += 1 }
                continue
            }
            total.cost += cost
            total.known = true
            if usage.costIsEstimate { total.estimated = true }
        }
    }
}

extension Message {
    /// A reply that produced something (an answer, text before a stop, a tool round) and has no
    /// cost: one a session total cannot include. A reply still streaming, or one that failed
    /// before any output, is not one.
    var wasBilledWithoutCost: Bool {
        guard role == .assistant, status != .streaming, turnUsage?.cost == nil else { return false }
        return status == .complete || !content.isEmpty || !(toolRounds ?? []).isEmpty
    }
}
