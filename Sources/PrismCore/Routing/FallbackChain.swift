import Foundation

/// The rules of a fallback chain (`RequestSettings.fallbackModels`), sent as OpenRouter's
/// `models` with the request's own model first.
///
/// OpenRouter refuses a `models` array of more than three ("'models' array must have 3
/// items or fewer"), and Prism puts the model asked for first, so a chain holds at most
/// two fallbacks. The chat screen's editor and its quick `/fallbacks` forms refuse more.
public enum FallbackChain {
    /// The most entries OpenRouter takes in `models`.
    public static let maxModels = 3
    /// The most fallbacks a chain holds: `maxModels` less the model asked for.
    public static let maxFallbacks = maxModels - 1

    /// Why `model` cannot join `chain` behind `current`, as one line; nil when it can.
    public static func refusal(adding model: String, to chain: [String], current: String?) -> String? {
        if model == current { return "\(TerminalSanitizer.metadata(model)) is the current model; a fallback is another model" }
        if chain.contains(model) { return "\(TerminalSanitizer.metadata(model)) is already in the chain" }
        return chain.count >= maxFallbacks ? limitRefusal : nil
    }

    /// The refusal of a fallback beyond `maxFallbacks`.
    public static let limitRefusal = "at most \(maxFallbacks) fallbacks (OpenRouter takes \(maxModels) models, the current one first)"

    /// The estimate with the largest worst case: any model of the chain may answer, billed at
    /// its own prices. An unknown worst case of the model asked for stays unknown.
    public static func dearest(_ primary: CostEstimate, _ fallbacks: [CostEstimate]) -> CostEstimate {
        fallbacks.reduce(primary) { best, next in
            guard let current = best.worstCase, let candidate = next.worstCase, candidate > current else { return best }
            return next
        }
    }

    /// The model's id without its author ("openai/gpt-5-mini" → "gpt-5-mini"), for short displays.
    public static func shortName(_ model: String) -> String {
        guard let slash = model.firstIndex(of: "/"), model.index(after: slash) < model.endIndex else { return model }
        return String(model[model.index(after: slash)...])
    }
}
