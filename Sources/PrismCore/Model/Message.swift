import Foundation

/// One node of a conversation tree.
///
/// Every message names its parent, so a regenerated reply, or the replies of
/// several compared models, are siblings under the same user message. Fields
/// after `createdAt` describe assistant replies and stay `nil` for other roles.
public struct Message: Codable, Sendable, Equatable, Identifiable {
    public enum Role: String, Codable, Sendable {
        /// `tool` appears only in requests (a tool's result); saved sessions keep tool
        /// rounds inside the assistant message (`toolRounds`).
        case system, user, assistant, tool
    }

    /// How a reply ended. A reply still streaming is saved as `streaming` only if the
    /// app dies mid-reply; on load such a reply reads as interrupted.
    public enum Status: String, Codable, Sendable {
        case complete, streaming, failed, cancelled
    }

    public var id: String
    public var parentID: String?
    public var role: Role
    public var content: String
    public var attachments: [Attachment]
    public var createdAt: Date

    public var reasoning: String?
    public var modelRequested: String?
    public var modelServed: String?
    public var provider: String?
    public var generationID: String?
    public var finishReason: String?
    public var nativeFinishReason: String?
    public var toolCalls: [ToolCall]?
    public var usage: TokenUsage?
    public var timings: ReplyTimings?
    public var status: Status?
    public var failure: ReplyFailure?
    /// Stream events skipped as unreadable (`Reply.skippedEvents`); nil when none were.
    /// Saved as `skipped_events`, only when there were some, and read leniently.
    public var skippedEvents: Int?
    /// The fallback chain and provider order the reply was sent with (`ServedRoute` explains
    /// from it); nil when the request sent neither, and in files written before it existed.
    public var sentRoute: SentRoute?
    /// A prompt's tag as the user set it (`/tag code`); nil: `PromptTag.classify` guesses it.
    public var tag: PromptTag?
    /// The tool rounds before this reply's final round (`ToolRound`); nil when it used no tools.
    /// Saved as `tool_rounds`, only when there were some.
    public var toolRounds: [ToolRound]?
    /// Why routing chose this reply's model (the session was routed); saved as `route_decision`.
    public var routeDecision: RouteNote?
    /// Web sources the reply cites (`Reply.citations`); saved as `citations`, only when there are some.
    public var citations: [Citation]?

    public init(
        id: String, parentID: String?, role: Role, content: String,
        attachments: [Attachment] = [], createdAt: Date
    ) {
        self.id = id
        self.parentID = parentID
        self.role = role
        self.content = content
        self.attachments = attachments
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, parentID = "parent_id", role, content, attachments, createdAt = "created_at"
        case reasoning, modelRequested = "model_requested", modelServed = "model_served", provider
        case generationID = "generation_id", finishReason = "finish_reason"
        case nativeFinishReason = "native_finish_reason", toolCalls = "tool_calls"
        case usage, timings, status, failure
        case skippedEvents = "skipped_events", sentRoute = "sent_route", tag, toolRounds = "tool_rounds"
        case routeDecision = "route_decision"
        case citations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        parentID = try c.decodeIfPresent(String.self, forKey: .parentID)
        role = try c.decode(Role.self, forKey: .role)
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        reasoning = try c.decodeIfPresent(String.self, forKey: .reasoning)
        modelRequested = try c.decodeIfPresent(String.self, forKey: .modelRequested)
        modelServed = try c.decodeIfPresent(String.self, forKey: .modelServed)
        provider = try c.decodeIfPresent(String.self, forKey: .provider)
        generationID = try c.decodeIfPresent(String.self, forKey: .generationID)
        finishReason = try c.decodeIfPresent(String.self, forKey: .finishReason)
        nativeFinishReason = try c.decodeIfPresent(String.self, forKey: .nativeFinishReason)
        toolCalls = try c.decodeIfPresent([ToolCall].self, forKey: .toolCalls)
        usage = try c.decodeIfPresent(TokenUsage.self, forKey: .usage)
        timings = try c.decodeIfPresent(ReplyTimings.self, forKey: .timings)
        status = try c.decodeIfPresent(Status.self, forKey: .status)
        failure = try c.decodeIfPresent(ReplyFailure.self, forKey: .failure)
        skippedEvents = (try? c.decodeIfPresent(Int.self, forKey: .skippedEvents)).flatMap { $0 }.flatMap { $0 > 0 ? $0 : nil }
        sentRoute = (try? c.decodeIfPresent(SentRoute.self, forKey: .sentRoute)).flatMap { $0 }
        tag = (try? c.decodeIfPresent(PromptTag.self, forKey: .tag)).flatMap { $0 }
        toolRounds = try c.decodeIfPresent([ToolRound].self, forKey: .toolRounds).flatMap { $0.isEmpty ? nil : $0 }
        routeDecision = (try? c.decodeIfPresent(RouteNote.self, forKey: .routeDecision)).flatMap { $0 }
        citations = c.lenient([Citation].self, .citations).map { $0.filter { !$0.url.isEmpty } }.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(parentID, forKey: .parentID)
        try c.encode(role, forKey: .role)
        try c.encode(content, forKey: .content)
        if !attachments.isEmpty { try c.encode(attachments, forKey: .attachments) }
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(reasoning, forKey: .reasoning)
        try c.encodeIfPresent(modelRequested, forKey: .modelRequested)
        try c.encodeIfPresent(modelServed, forKey: .modelServed)
        try c.encodeIfPresent(provider, forKey: .provider)
        try c.encodeIfPresent(generationID, forKey: .generationID)
        try c.encodeIfPresent(finishReason, forKey: .finishReason)
        try c.encodeIfPresent(nativeFinishReason, forKey: .nativeFinishReason)
        try c.encodeIfPresent(toolCalls, forKey: .toolCalls)
        try c.encodeIfPresent(usage, forKey: .usage)
        try c.encodeIfPresent(timings, forKey: .timings)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(failure, forKey: .failure)
        try c.encodeIfPresent(skippedEvents, forKey: .skippedEvents)
        try c.encodeIfPresent(sentRoute, forKey: .sentRoute)
        try c.encodeIfPresent(tag, forKey: .tag)
        if let toolRounds, !toolRounds.isEmpty { try c.encode(toolRounds, forKey: .toolRounds) }
        try c.encodeIfPresent(routeDecision, forKey: .routeDecision)
        if let citations, !citations.isEmpty { try c.encode(citations, forKey: .citations) }
    }
}

extension Message {
    /// Copies what a finished (or failed) reply produced onto this assistant message.
    public mutating func apply(_ reply: Reply) {
        content = reply.content
        reasoning = reply.reasoning.isEmpty ? nil : reply.reasoning
        modelServed = reply.model
        provider = reply.provider
        generationID = reply.generationID
        finishReason = reply.finishReason
        nativeFinishReason = reply.nativeFinishReason
        toolCalls = reply.toolCalls.isEmpty ? nil : reply.toolCalls
        usage = reply.usage
        timings = reply.timings
        failure = reply.failure
        skippedEvents = reply.skippedEvents > 0 ? reply.skippedEvents : nil
        citations = reply.citations.isEmpty ? nil : reply.citations
        switch reply.failure?.kind {
        case nil: status = .complete
        case .cancelled?: status = .cancelled
        default: status = .failed
        }
    }
}
