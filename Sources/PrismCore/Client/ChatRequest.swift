import Foundation

/// One message as it goes to the API.
public struct ChatMessage: Sendable, Equatable {
    public var role: Message.Role
    public var content: String
    public var attachments: [Attachment]
    /// An assistant turn's tool calls (sent as `tool_calls`).
    public var toolCalls: [ToolCall]
    /// A `tool` message's answer to this call id.
    public var toolCallID: String?

    public init(role: Message.Role, content: String, attachments: [Attachment] = [],
                toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.attachments = attachments
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }
}

/// Everything needed to ask for one reply.
public struct ChatRequest: Sendable, Equatable {
    public var model: String
    public var messages: [ChatMessage]
    public var settings: RequestSettings
    /// Always sent: omitting it makes OpenRouter reserve the model's whole output cap
    /// against the balance, which fails small accounts with a 402.
    public var maxTokens: Int
    /// Catalog prices of the model, used only to estimate a cost the server did not report.
    public var pricing: ModelPricing?
    /// Catalog prices of the fallback models the catalog knows, by id: a fallback that
    /// answers bills at its own prices, so the worst case counts the dearest.
    public var fallbackPricing: [String: ModelPricing] = [:]
    /// Tools offered to the model, sent as `tools` (OpenAI function format) when not empty.
    public var tools: [ToolSpec] = []
    /// Asks for JSON following a schema (`--schema`), sent as `response_format` when set.
    public var responseFormat: ResponseFormat?
    /// Whether and from what size `cache_control` breakpoints are added (`ChatRequest+Caching`).
    public var cache = PromptCacheSettings()

    public init(model: String, messages: [ChatMessage], settings: RequestSettings = RequestSettings(),
                maxTokens: Int, pricing: ModelPricing? = nil) {
        self.model = model
        self.messages = messages
        self.settings = settings
        self.maxTokens = maxTokens
        self.pricing = pricing
    }

    /// The reply budget: an explicit setting wins; otherwise the configured cap,
    /// lowered to the model's own completion limit when the catalog knows it.
    public static func resolveMaxTokens(explicit: Int?, configuredCap: Int, modelLimit: Int?) -> Int {
        if let explicit, explicit > 0 { return explicit }
        if let modelLimit, modelLimit > 0 { return min(configuredCap, modelLimit) }
        return configuredCap
    }

    /// Builds the messages for a session's current branch, with its system prompt first.
    ///
    /// Replies that failed before producing any text are left out: an empty
    /// assistant turn is rejected by several providers and carries nothing.
    public static func messages(for session: Session, upTo leafID: String? = nil) -> [ChatMessage] {
        var out: [ChatMessage] = []
        if let system = session.systemPrompt, !system.isEmpty {
            out.append(ChatMessage(role: .system, content: system))
        }
        for m in session.branch(endingAt: leafID ?? session.currentLeafID) {
            if m.role == .assistant { out += expandToolRounds(m.toolRounds ?? []) }
            if m.role == .assistant, m.content.isEmpty { continue }
            out.append(ChatMessage(role: m.role, content: m.content, attachments: m.attachments))
        }
        return out
    }

    /// A reply's tool rounds as the API wants them: each round's assistant turn with its
    /// `tool_calls`, then one `tool` message per call with its result (or why there is none).
    public static func expandToolRounds(_ rounds: [ToolRound]) -> [ChatMessage] {
        var out: [ChatMessage] = []
        for round in rounds where !round.steps.isEmpty {
            out.append(ChatMessage(role: .assistant, content: round.content, toolCalls: round.steps.map(\.call)))
            for step in round.steps {
                out.append(ChatMessage(role: .tool, content: step.resultText, toolCallID: step.call.id ?? ""))
            }
        }
        return out
    }
}

/// Why a request could not be built (a missing attachment, say).
public struct RequestBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
