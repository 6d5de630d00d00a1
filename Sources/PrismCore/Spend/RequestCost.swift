import Foundation

/// The one seam every budget check (and every reservation in the spend ledger) reads a
/// request's worst case from: the cost estimator's figures for a request that
/// `ChatRequest.build` made from `session` up to `leafID`, with that request's own
/// `max_tokens` and prices; with a fallback chain, the worst case of its dearest model.
public enum RequestCost {
    public static func estimate(_ request: ChatRequest, session: Session, upTo leafID: String?) -> CostEstimate {
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: leafID), draft: PendingText(),
                                  explicitMaxTokens: request.maxTokens, maxTokensCap: request.maxTokens,
                                  searchesWeb: request.settings.web != nil)
        // Prices as the request carries them: none known gives nil costs, never $0.
        let info = ModelInfo(id: request.model, pricing: request.pricing ?? ModelPricing())
        let primary = CostEstimator.estimate(model: request.model, info: info, basis: basis)
        let fallbacks = request.fallbackPricing.sorted { $0.key < $1.key }.map {
            CostEstimator.estimate(model: $0.key, info: ModelInfo(id: $0.key, pricing: $0.value), basis: basis)
        }
        return FallbackChain.dearest(primary, fallbacks)
    }
}
