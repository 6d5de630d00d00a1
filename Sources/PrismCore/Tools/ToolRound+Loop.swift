import Foundation

extension ToolStep {
    /// True once nothing more will happen to this call: it has an output, or was denied.
    public var isDone: Bool { output != nil || approval == .denied }

    /// What the loop does with a call that was never run because the turn hit its round cap.
    public static let roundLimitText = "not run: round limit"
}

extension ToolOutput {
    /// The output cut to `limit` characters, with a note saying how much was left out
    /// (the model is told, and so is the reader of the transcript).
    public func capped(_ limit: Int) -> ToolOutput {
        guard limit > 0, text.count > limit else { return self }
        let cut = text.count - limit
        return ToolOutput(text: String(text.prefix(limit)) + "\n[… \(cut) more characters cut by Prism]", isError: isError)
    }
}

extension TokenUsage {
    /// Several requests' usage added up: counts that any part lacks stay counted from the
    /// others, a cost is known when any part has one, and estimated when any part's is.
    public static func summed(_ parts: [TokenUsage]) -> TokenUsage? {
        guard let first = parts.first else { return nil }
        guard parts.count > 1 else { return first }
        func add(_ key: KeyPath<TokenUsage, Int?>) -> Int? {
            let values = parts.compactMap { $0[keyPath: key] }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
        let costs = parts.compactMap(\.cost)
        let sources = Set(parts.compactMap(\.source))
        return TokenUsage(promptTokens: add(\.promptTokens), completionTokens: add(\.completionTokens),
                          totalTokens: add(\.totalTokens), cachedTokens: add(\.cachedTokens), reasoningTokens: add(\.reasoningTokens),
                          cost: costs.isEmpty ? nil : costs.reduce(0, +), costIsEstimate: parts.contains { $0.cost != nil && $0.costIsEstimate },
                          costSource: sources.count == 1 ? sources.first : (sources.contains(.estimate) ? .estimate : .usage))
    }
}

extension Message {
    /// The whole turn's usage: every tool round's request plus the final one (`usage`).
    /// What the transcript, the session total and the reply history count.
    public var turnUsage: TokenUsage? {
        guard let rounds = toolRounds, !rounds.isEmpty else { return usage }
        return TokenUsage.summed(rounds.compactMap(\.usage) + (usage.map { [$0] } ?? []))
    }
}
