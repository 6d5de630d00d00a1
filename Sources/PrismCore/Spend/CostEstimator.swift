import Foundation

/// Everything an estimate needs that does not depend on the model: the thread (worked
/// out once per leaf), the draft (re-counted per keystroke) and the reply budget.
public struct EstimateBasis: Sendable, Equatable, Hashable {
    public var thread: ThreadEstimate
    public var draft: PendingText
    /// `max_tokens` set on the session; nil for the configured cap.
    public var explicitMaxTokens: Int?
    public var maxTokensCap: Int
    /// The request sends the `web` plugin: one search's price is added (not for `:online` models).
    public var searchesWeb: Bool

    public init(thread: ThreadEstimate, draft: PendingText, explicitMaxTokens: Int?, maxTokensCap: Int, searchesWeb: Bool = false) {
        self.searchesWeb = searchesWeb
        self.thread = thread
        self.draft = draft
        self.explicitMaxTokens = explicitMaxTokens
        self.maxTokensCap = maxTokensCap
    }
}

/// The cost of a request before it is sent (see `CostEstimate`).
///
/// Split so typing stays cheap: `ThreadEstimate` is computed once per leaf, the draft is
/// a byte count, and pricing a model is a few multiplications.
public enum CostEstimator {
    /// What sending `draft` (with `attachments`) after `leafID` would cost on `model`:
    /// the request `ChatRequest.build` would make, with the draft as its last message.
    public static func estimate(model: String, session: Session, upTo leafID: String?, catalog: [ModelInfo],
                                maxTokensCap: Int, draft: String, attachments: [Attachment] = []) -> CostEstimate {
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: leafID),
                                  draft: PendingText(message: draft, attachments: attachments),
                                  explicitMaxTokens: session.settings.maxTokens, maxTokensCap: maxTokensCap)
        return estimate(model: model, info: catalog.entry(for: model), basis: basis)
    }

    /// Prices one model: `info` nil (not in the catalog) gives nil costs, never $0.
    public static func estimate(model: String, info: ModelInfo?, basis: EstimateBasis) -> CostEstimate {
        let tokens = promptTokens(model: model, basis: basis)
        let maxTokens = ChatRequest.resolveMaxTokens(explicit: basis.explicitMaxTokens, configuredCap: basis.maxTokensCap,
                                                     modelLimit: info?.maxCompletionTokens)
        let pricing = info?.pricing
        let images = basis.thread.pending.images + basis.draft.images
        let input = pricing?.prompt.map { price -> Decimal in
            var cost = price * Decimal(tokens) + (pricing?.request ?? 0)
            if images > 0, let image = pricing?.image { cost += image * Decimal(images) }
            // `:online` searches too, but its price is said beside the figures, not guessed into them.
            if basis.searchesWeb, !WebSearchSettings.isOnlineVariant(model) { cost += webSearchPrice(pricing) }
            return cost
        }
        return CostEstimate(model: model, promptTokens: tokens, exactPromptTokens: basis.thread.exactTokens,
                            inputCost: input, maxOutputTokens: maxTokens,
                            maxOutputCost: pricing?.completion.map { $0 * Decimal(maxTokens) })
    }

    /// One web search: the catalog's `web_search` price when it names one, else the
    /// reference's figure for the default engine (an estimate either way).
    public static func webSearchPrice(_ pricing: ModelPricing?) -> Decimal {
        if let price = pricing?.webSearch, price > 0 { return price }
        return WebSearchSettings.defaultPricePerRequest
    }

    /// Input tokens on `model`: the exact part plus the pending text at the thread's
    /// calibrated ratio, or the model family's default.
    public static func promptTokens(model: String, basis: EstimateBasis) -> Int {
        let ratio = basis.thread.calibratedRatio ?? TokenRatio.familyDefault(for: model)
        return basis.thread.exactTokens + (basis.thread.pending + basis.draft).tokens(bytesPerToken: ratio)
    }
}
