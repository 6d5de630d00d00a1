import Foundation

/// What a request will cost before it is sent: its input estimated, its output bounded by
/// `max_tokens`. Every figure here is an estimate and is shown with "≈" (the input) or
/// "≤" (the worst case); the exact cost replaces it when the reply ends.
///
/// `nil` costs mean the model has no known price (another server, a router such as
/// `openrouter/auto`): the preview says so instead of showing $0.
public struct CostEstimate: Sendable, Equatable {
    public var model: String
    /// Input tokens: the part known exactly from the last reply's usage plus the new text estimated.
    public var promptTokens: Int
    /// How many of `promptTokens` are known exactly (from the thread's last reported usage).
    public var exactPromptTokens: Int
    /// `promptTokens` at the model's prompt price, plus any per-request fee.
    public var inputCost: Decimal?
    /// The reply cap the request carries (`max_tokens`).
    public var maxOutputTokens: Int
    /// `maxOutputTokens` at the model's completion price.
    public var maxOutputCost: Decimal?

    public init(model: String, promptTokens: Int, exactPromptTokens: Int, inputCost: Decimal?,
                maxOutputTokens: Int, maxOutputCost: Decimal?) {
        self.model = model
        self.promptTokens = promptTokens
        self.exactPromptTokens = exactPromptTokens
        self.inputCost = inputCost
        self.maxOutputTokens = maxOutputTokens
        self.maxOutputCost = maxOutputCost
    }

    /// The most this request can cost: the input estimate plus a full-length reply.
    public var worstCase: Decimal? {
        guard let inputCost, let maxOutputCost else { return nil }
        return inputCost + maxOutputCost
    }
}
