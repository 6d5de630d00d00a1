import Foundation

/// The worst case a request reserves in the ledger while it is in flight.
///
/// For now a rough bound: `max_tokens` at the completion price plus the prompt's
/// characters / 3 at the prompt price (three characters a token errs high for English),
/// plus any per-request fee. `CostEstimate.worstCase` replaces it when the cost estimate
/// lands; this is the one place to swap. Nil when the model has no known price.
public enum InFlightEstimate {
    public static func worstCase(_ request: ChatRequest) -> Decimal? {
        guard let pricing = request.pricing, let prompt = pricing.prompt, let completion = pricing.completion else { return nil }
        let characters = request.messages.reduce(0) { $0 + $1.content.count }
        let promptTokens = (characters + 2) / 3
        return Decimal(request.maxTokens) * completion + Decimal(promptTokens) * prompt + (pricing.request ?? 0)
    }
}
