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

extension Message {
    /// The whole turn's usage: every tool round's request plus the final one (`usage`).
    /// What the transcript, the session total and the reply history count.
    public var turnUsage: TokenUsage? {
        guard let rounds = toolRounds, !rounds.isEmpty else { return usage }
        return TokenUsage.summed(rounds.compactMap(\.usage) + (usage.map { [$0] } ?? []))
    }
}
