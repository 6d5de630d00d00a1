import Foundation

/// The one seam every budget check reads a request's worst case from.
///
/// Until the cost estimator is merged this is a rough stand-in: the prompt's characters / 3
/// as input tokens at the model's prompt price (plus any per-request fee), and `max_tokens`
/// at its completion price. Swapping the body for the estimator changes every caller at once.
public enum RequestCost {
    public static func estimate(_ request: ChatRequest) -> CostEstimate? {
        let characters = request.messages.reduce(0) { $0 + $1.content.count }
        let promptTokens = (characters + 2) / 3
        let pricing = request.pricing
        return CostEstimate(
            model: request.model, promptTokens: promptTokens, exactPromptTokens: 0,
            inputCost: pricing?.prompt.map { $0 * Decimal(promptTokens) + (pricing?.request ?? 0) },
            maxOutputTokens: request.maxTokens,
            maxOutputCost: pricing?.completion.map { $0 * Decimal(request.maxTokens) })
    }
}
