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
    /// The usage of the last request alone, when it is not one of `rounds` (nil when the turn
    /// ended on a round: refused before the next request, or cancelled while tools ran).
    public var lastRequestUsage: TokenUsage?
    /// Web sources of every request of the turn, earlier rounds' first (`reply.citations`
    /// has the last request's only).
    public var citations: [Citation]

    public init(reply: Reply, rounds: [ToolRound], stoppedByCap: String? = nil, refusedBeforeRound: String? = nil,
                lastRequestUsage: TokenUsage? = nil, citations: [Citation]? = nil) {
        self.reply = reply
        self.rounds = rounds
        self.stoppedByCap = stoppedByCap
        self.refusedBeforeRound = refusedBeforeRound
        self.lastRequestUsage = lastRequestUsage
        self.citations = citations ?? reply.citations
    }
}

extension Message {
    /// The turn's rounds on a reply message that has the last request applied: the earlier
    /// rounds in `toolRounds` and the last request's own usage in `usage` (so `turnUsage`
    /// adds each request once), and every round's sources.
    public mutating func apply(_ turn: ToolTurnResult) {
        if !turn.rounds.isEmpty {
            toolRounds = turn.rounds
            usage = turn.lastRequestUsage
        }
        citations = turn.citations.isEmpty ? nil : turn.citations
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
