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
    ///
    /// Its cost is unknown (nil) while any request's is: a round with no usage yet, or an
    /// ended last request whose cost is still to come from `/generation` (it has a generation
    /// id but no usage). A sum of the known parts would show less than was paid. A turn that
    /// ended without a last request (stopped by the round cap or the budget) has neither.
    public var turnUsage: TokenUsage? {
        guard let rounds = toolRounds, !rounds.isEmpty else { return usage }
        let lastPending = usage == nil && generationID != nil && status != .streaming
        let parts = rounds.map(\.usage) + (usage != nil || lastPending ? [usage] : [])
        guard var sum = TokenUsage.summed(parts.compactMap { $0 }) else { return nil }
        if parts.contains(where: { $0 == nil }) {
            sum.cost = nil
            sum.costIsEstimate = false
            sum.costSource = nil
        }
        return sum
    }
}
