import Foundation
import PrismCore

/// The cost of sending the draft, for the prompt's border, compare panes and the picker.
///
/// The thread's part (`ThreadEstimate`) is worked out once per leaf and kept here; a
/// keystroke only counts the draft's bytes, and pricing a model is a few multiplications.
enum CostPreview {
    /// What a thread estimate depends on: the leaf and what can change under it (a reply
    /// streaming into it, its usage arriving, an edit, a new system prompt).
    private struct Key: Hashable {
        var sessionID: String
        var leafID: String?
        var leafBytes: Int
        var leafHasUsage: Bool
        var messageCount: Int
        var systemPrompt: String?
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var entries: [(key: Key, thread: ThreadEstimate)] = []
    }

    private static let cache = Cache()
    /// Threads kept: one per compare pane, and a few more for the picker and switching back.
    private static let kept = 8

    /// Where the next prompt of a lane goes: under the lane's leaf, or beside the prompt being edited.
    static func leaf(_ state: AppState, lane: Int) -> String? {
        if let edited = state.editingPromptID, let message = state.session.message(edited) { return message.parentID }
        return state.session.leaf(ofLane: lane)
    }

    /// The lane's thread estimate, from the cache when its leaf has not changed.
    static func thread(_ state: AppState, lane: Int) -> ThreadEstimate {
        let session = state.session
        let leafID = leaf(state, lane: lane)
        let leafMessage = leafID.flatMap { session.message($0) }
        let key = Key(sessionID: session.id, leafID: leafID, leafBytes: leafMessage?.content.utf8.count ?? 0,
                      leafHasUsage: leafMessage?.usage != nil, messageCount: session.messages.count,
                      systemPrompt: session.systemPrompt)
        if let hit = cache.lock.withLock({ cache.entries.last { $0.key == key }?.thread }) { return hit }
        let thread: ThreadEstimate
        if let leafID {
            thread = ThreadEstimate(session: session, upTo: leafID)
        } else {
            // A first prompt: only the system prompt goes before it.
            thread = ThreadEstimate(systemPrompt: session.systemPrompt, branch: [])
        }
        cache.lock.withLock {
            cache.entries.removeAll { $0.key == key }
            cache.entries.append((key, thread))
            if cache.entries.count > kept { cache.entries.removeFirst() }
        }
        return thread
    }

    /// The draft and pending attachments, counted.
    static func draft(_ state: AppState) -> PendingText {
        PendingText(message: state.prompt.text, attachments: state.pendingAttachments)
    }

    static func basis(_ state: AppState, lane: Int, maxTokensCap: Int) -> EstimateBasis {
        EstimateBasis(thread: thread(state, lane: lane), draft: draft(state),
                      explicitMaxTokens: state.session.settings.maxTokens, maxTokensCap: maxTokensCap,
                      searchesWeb: state.session.settings.web != nil)
    }

    /// What sending the draft would cost in a lane; nil while the lane has no model.
    static func estimate(_ state: AppState, lane: Int, maxTokensCap: Int) -> CostEstimate? {
        guard let model = state.model(ofLane: lane) else { return nil }
        let info = PriceRange.pricing(state.catalogEntry(model), for: model,
                                      range: state.priceRanges[ModelVariant.parse(model).base])
        return CostEstimator.estimate(model: model, info: info,
                                      basis: basis(state, lane: lane, maxTokensCap: maxTokensCap))
    }

    /// One estimate per lane (every compare pane, or the one model), skipping lanes without a model.
    static func estimates(_ state: AppState, maxTokensCap: Int) -> [CostEstimate] {
        (0..<state.session.laneCount).compactMap { estimate(state, lane: $0, maxTokensCap: maxTokensCap) }
    }

    /// What the picker's "≈ this prompt" column and sort price: the focused lane's thread
    /// and the draft. Input only, which the reply cap does not change, so no cap is needed.
    static func pickerBasis(_ state: AppState) -> EstimateBasis {
        EstimateBasis(thread: thread(state, lane: state.focusedLane), draft: draft(state), explicitMaxTokens: nil, maxTokensCap: 0)
    }

    /// Whether Enter would send the draft now: it is not empty, not a command, and nothing streams.
    static func wouldSend(_ state: AppState) -> Bool {
        let text = state.prompt.text
        guard !state.prompt.isEmpty, !state.isStreaming else { return false }
        return !text.hasPrefix("/") || text.hasPrefix("//")
    }

    /// The line shown before Enter: the estimate, the round's sum in compare mode, or which model has no price.
    static func line(_ state: AppState, maxTokensCap: Int) -> String? {
        guard wouldSend(state) else { return nil }
        let all = estimates(state, maxTokensCap: maxTokensCap)
        guard !all.isEmpty else { return nil }
        if let unpriced = all.first(where: { $0.inputCost == nil }) {
            return "no price for " + TerminalSanitizer.sanitize(unpriced.model)
        }
        let total = CostEstimate.total(all)
        var worstCase = total.worstCase
        if !state.isComparing, let primary = all.first {
            // A fallback may answer instead, billed at its own prices: "at most" counts the dearest.
            let basis = basis(state, lane: 0, maxTokensCap: maxTokensCap)
            let chain = state.session.settings.fallbackModels.compactMap(state.catalogEntry).map {
                CostEstimator.estimate(model: $0.id, info: $0, basis: basis)
            }
            worstCase = FallbackChain.dearest(primary, chain).worstCase
        }
        guard let text = CostEstimate.summary(input: total.input, worstCase: worstCase) else { return nil }
        // `:online` adds a web search per request, which no catalog price covers: said, not guessed.
        var search = all.contains { ModelVariant.parse($0.model).variants.contains(.online) } ? " + web search" : ""
        // The web plugin's search is in the figures (catalog price or the default): say so.
        if search.isEmpty, state.session.settings.web != nil { search = " incl. web search" }
        return (all.count > 1 ? "next round " + text : text) + search
    }
}
