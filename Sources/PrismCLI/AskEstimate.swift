import Foundation
import PrismCore

/// `prism ask --estimate`: what the request would cost, printed instead of sending it.
struct AskEstimate {
    var estimate: CostEstimate
    /// What a variant suffix means for these figures (`ModelInfo.variantNote`), when the id has one.
    var note: String? = nil
    /// The request sends the web plugin, whose search is in the input figure.
    var webSearch = false

    /// `{"model": ..., "estimate": {"prompt_tokens", "input_cost", "max_output_tokens",
    /// "max_output_cost", "worst_case"}}`, keys in that order, USD as numbers (null when unknown);
    /// then `"variant_note"` for an id with a variant suffix, and `"web_search": true` when the
    /// input cost includes one search.
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let model = (try? encoder.encode(estimate.model)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        func usd(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "null" }
        return "{\"model\": \(model), \"estimate\": {\"prompt_tokens\": \(estimate.promptTokens), "
            + "\"input_cost\": \(usd(estimate.inputCost)), \"max_output_tokens\": \(estimate.maxOutputTokens), "
            + "\"max_output_cost\": \(usd(estimate.maxOutputCost)), \"worst_case\": \(usd(estimate.worstCase))}"
            + (note.flatMap { try? encoder.encode($0) }.map { ", \"variant_note\": " + String(decoding: $0, as: UTF8.self) } ?? "")
            + (webSearch ? ", \"web_search\": true" : "") + "}"
    }

    /// Two lines: the figures (or that the model has no price), then the tokens behind them.
    func text() -> String {
        let model = TerminalSanitizer.sanitize(estimate.model)
        let first = (estimate.summary.map { "\($0) (\(model))" } ?? "no price for \(model): cost unknown")
            + (note.map { " · " + $0 } ?? "") + (webSearch ? " · incl. one web search" : "")
        let estimated = estimate.promptTokens - estimate.exactPromptTokens
        let tokens = "≈ \(estimate.promptTokens) input tokens"
            + (estimate.exactPromptTokens > 0 ? " (\(estimated) of them estimated)" : "")
            + ", at most \(estimate.maxOutputTokens) output tokens (max_tokens); nothing was sent"
        return first + "\n" + tokens + "\n"
    }
}
