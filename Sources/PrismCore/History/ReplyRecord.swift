import Foundation

/// One finished reply as the history keeps it (a row of `replies` in `prism.db`), built by
/// every front end from the reply and where it was asked; its `outcome` is what the route
/// health record keeps of it, so both are written from this one value.
public struct ReplyRecord: Sendable, Equatable {
    /// Where the reply was asked: a chat screen's single chat or compare pane, `prism ask`, `prism compare`.
    public enum Source: String, Sendable, Codable, CaseIterable {
        case chat, compare, ask, compareCommand = "compare-command"

        /// The name the spend ledger and route health use (the compare command counts as compare).
        public var healthName: String { self == .compareCommand ? "compare" : rawValue }
    }

    /// What the leaderboard decided for a compare reply.
    public enum CompareOutcome: String, Sendable, Codable, CaseIterable {
        case won, lost, tie, allBad = "all_bad"
    }

    public var at: Date
    public var replyID: String?
    public var sessionID: String?
    /// The user message the reply answers.
    public var roundID: String?
    /// The compare pane (0 in single chat and `ask`).
    public var lane: Int?
    public var source: Source
    /// The model the request named (after open circuits were skipped).
    public var modelAsked: String
    public var modelServed: String?
    public var provider: String?
    /// The asked model's variant suffixes (":free:online"), nil without any.
    public var variant: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var reasoningTokens: Int?
    public var cachedTokens: Int?
    public var cost: Decimal?
    public var costSource: CostSource?
    public var ttftMs: Int?
    public var durationMs: Int?
    /// Only when measurable (`ReplyTimings.measuredRate`).
    public var tokensPerSecond: Double?
    public var finishReason: String?
    /// The failure's kind (`ReplyFailure.Kind`), status and one sanitized line; nil for a success.
    public var errorKind: String?
    public var errorStatus: Int?
    public var errorMessage: String?
    /// The failure's code, for route health only (not a column of `replies`).
    public var errorCode: String?
    public var tag: PromptTag?
    /// True when the user set the tag (`/tag`), false when `PromptTag.classify` guessed it.
    public var tagByUser: Bool
    public var compareOutcome: CompareOutcome?
    /// The prompt; `ReplyHistory` stores it only when `[history] keep_prompts = true`.
    public var promptText: String?

    public init(at: Date, source: Source, modelAsked: String, replyID: String? = nil, sessionID: String? = nil,
                roundID: String? = nil, lane: Int? = nil) {
        self.at = at
        self.source = source
        self.modelAsked = modelAsked
        self.replyID = replyID
        self.sessionID = sessionID
        self.roundID = roundID
        self.lane = lane
        self.tagByUser = false
    }

    /// Longest error line kept.
    public static let maxErrorLength = 300

    /// The record of `reply`, sent as a request for `model` in answer to `prompt`: the tag is
    /// `tag` when the user gave one, else `PromptTag.classify(prompt)`.
    public init(reply: Reply, model: String, prompt: String, tag: PromptTag? = nil,
                source: Source, at: Date, replyID: String? = nil, sessionID: String? = nil, roundID: String? = nil,
                lane: Int? = nil) {
        self.init(at: at, source: source, modelAsked: model, replyID: replyID, sessionID: sessionID, roundID: roundID, lane: lane)
        modelServed = reply.model
        provider = reply.provider ?? reply.failure?.provider
        let variants = ModelVariant.parse(model).variants
        variant = variants.isEmpty ? nil : variants.map(\.suffix).joined()
        let usage = reply.usage
        promptTokens = usage?.promptTokens
        completionTokens = usage?.completionTokens
        reasoningTokens = usage?.reasoningTokens
        cachedTokens = usage?.cachedTokens
        cost = usage?.cost
        costSource = usage?.source
        ttftMs = reply.timings.ttftMs.map { Int($0.rounded()) }
        durationMs = reply.timings.totalMs.map { Int($0.rounded()) }
        tokensPerSecond = reply.timings.measuredRate(completionTokens: usage?.completionTokens)
        finishReason = reply.finishReason
        if let failure = reply.failure {
            errorKind = failure.kind.rawValue
            errorStatus = failure.status
            errorCode = RouteOutcome.code(failure)
            errorMessage = String(TerminalSanitizer.metadata(failure.oneLine).prefix(Self.maxErrorLength))
        }
        self.tag = tag ?? PromptTag.classify(prompt).tag
        tagByUser = tag != nil
        promptText = prompt
    }

    /// What the route health record keeps of this reply.
    public var outcome: RouteOutcome {
        RouteOutcome(model: modelAsked, modelServed: modelServed, provider: provider,
                     kind: errorKind.map { .init(name: $0) } ?? .ok, status: errorStatus, code: errorCode,
                     ttftMs: ttftMs, totalMs: durationMs, at: at, source: source.healthName)
    }

    /// A failure other than the user's cancel.
    public var isError: Bool { errorKind != nil && errorKind != ReplyFailure.Kind.cancelled.rawValue }
}
