import Foundation

/// What a tool turn reports while it runs, in order, for a front end to show.
public enum ToolTurnEvent: Sendable {
    /// An event of round `round`'s stream (0 for the first request), `.finished` included.
    case stream(round: Int, CompletionEvent)
    /// An approved call is about to run.
    case calling(ToolStep)
    /// A call ended: run (output, duration), denied, or answered unrun (unknown tool).
    case called(ToolStep)
}

/// How a tool turn ended: the last round's reply, the rounds before it, and why it stopped early.
public struct ToolTurnResult: Sendable, Equatable {
    /// The last request's reply, except `usage` and `timings`, which are the whole turn's:
    /// every round's tokens and cost added (`TokenUsage.summed`), since every round was paid
    /// for, and the time from the first request to the end (`ToolTurn.turnTimings`).
    public var reply: Reply
    /// Every round that ended in tool calls, with the calls' approvals and results.
    public var rounds: [ToolRound]
    /// Set when the round cap stopped a model that kept calling tools: the one-line reason.
    /// The last reply's calls were then not run.
    public var stoppedByCap: String?
    /// Set when `ToolTurn.beforeRound` refused the next request (a budget cap): its reason.
    /// Every round's calls ran; the model did not see the last results, and `reply` is empty.
    public var refusedBeforeRound: String?

    public init(reply: Reply, rounds: [ToolRound], stoppedByCap: String? = nil, refusedBeforeRound: String? = nil) {
        self.reply = reply
        self.rounds = rounds
        self.stoppedByCap = stoppedByCap
        self.refusedBeforeRound = refusedBeforeRound
    }

    /// The reply as one assistant message: the last round's text with the earlier rounds in
    /// `toolRounds` and the turn's summed usage.
    public func message(id: String, parentID: String?, modelRequested: String?, createdAt: Date = Date()) -> Message {
        var message = Message(id: id, parentID: parentID, role: .assistant, content: "", createdAt: createdAt)
        message.modelRequested = modelRequested
        message.apply(reply)
        message.toolRounds = rounds.isEmpty ? nil : rounds
        return message
    }
}

extension TokenUsage {
    /// The usage of several requests added up, nil when none reported any.
    ///
    /// Token counts add where reported. The cost is the sum only when every round with usage
    /// reported one (a partial sum would understate what was paid; nil says "unknown");
    /// it is an estimate when any part is, and its source the least exact of the parts.
    public static func summed(_ parts: [TokenUsage?]) -> TokenUsage? {
        let present = parts.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        func add(_ field: KeyPath<TokenUsage, Int?>) -> Int? {
            let values = present.compactMap { $0[keyPath: field] }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
        let costs = present.compactMap(\.cost)
        let cost: Decimal? = costs.count == present.count ? costs.reduce(0, +) : nil
        let order: [CostSource] = [.usage, .generation, .estimate]
        let source = present.compactMap(\.source).max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
        return TokenUsage(promptTokens: add(\.promptTokens), completionTokens: add(\.completionTokens),
                          totalTokens: add(\.totalTokens), cachedTokens: add(\.cachedTokens),
                          reasoningTokens: add(\.reasoningTokens), cost: cost,
                          costIsEstimate: cost != nil && present.contains(where: \.costIsEstimate),
                          costSource: cost == nil ? nil : source)
    }
}
