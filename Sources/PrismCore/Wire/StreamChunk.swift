import Foundation

/// One `data:` event of a chat completion stream, decoded leniently.
///
/// Everything is optional: the final usage chunk has `choices: []`, error chunks
/// carry a top-level `error`, and other OpenAI-compatible servers leave out fields
/// OpenRouter sends. A field of the wrong type reads as absent.
public struct StreamChunk: Decodable, Sendable {
    public var id: String?
    public var provider: String?
    public var model: String?
    public var choices: [Choice]
    public var usage: WireUsage?
    public var error: APIError?
    /// True when the object has a `choices`, `usage` or `error` member: something a chunk
    /// carries. Any other JSON (a number, an array, `{"foo":1}`) is not a chunk at all.
    public var isRecognized = false

    public init() {
        choices = []
    }

    public struct Choice: Decodable, Sendable {
        public var index: Int?
        public var delta: Delta?
        public var finishReason: String?
        public var nativeFinishReason: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case index, delta, message, finishReason = "finish_reason", nativeFinishReason = "native_finish_reason"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            index = c.lenient(Int.self, .index)
            // Non-streaming bodies put the same fields under `message`.
            delta = c.lenient(Delta.self, .delta) ?? c.lenient(Delta.self, .message)
            finishReason = c.lenient(String.self, .finishReason)
            nativeFinishReason = c.lenient(String.self, .nativeFinishReason)
        }
    }

    public struct Delta: Decodable, Sendable {
        public var content: String?
        public var reasoning: String?
        public var reasoningDetails: [ReasoningDetail]?
        public var toolCalls: [ToolCallFragment]?
        /// `annotations`: web citations, usually in one of the last deltas (or the final message).
        public var annotations: AnnotationList?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case content, reasoning, reasoningContent = "reasoning_content"
            case reasoningDetails = "reasoning_details", toolCalls = "tool_calls", annotations
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            content = c.lenient(String.self, .content)
            // `reasoning_content` is what DeepSeek-style servers (vLLM, llama.cpp) send.
            reasoning = c.lenient(String.self, .reasoning) ?? c.lenient(String.self, .reasoningContent)
            reasoningDetails = c.lenient([ReasoningDetail].self, .reasoningDetails)
            toolCalls = c.lenient([ToolCallFragment].self, .toolCalls)
            annotations = c.lenient(AnnotationList.self, .annotations)
        }
    }

    public struct ReasoningDetail: Decodable, Sendable {
        public var type: String?
        public var text: String?
        public var summary: String?

        public init() {}

        enum CodingKeys: String, CodingKey { case type, text, summary }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = c.lenient(String.self, .type)
            text = c.lenient(String.self, .text)
            summary = c.lenient(String.self, .summary)
        }

        /// The readable text of this detail; encrypted details have none.
        public var readableText: String? {
            switch type {
            case "reasoning.summary": return summary
            case "reasoning.encrypted": return nil
            default: return text ?? summary
            }
        }
    }

    public struct ToolCallFragment: Decodable, Sendable {
        public var index: Int?
        public var id: String?
        public var type: String?
        public var name: String?
        public var arguments: String?

        public init() {}

        enum CodingKeys: String, CodingKey { case index, id, type, function }
        enum FunctionKeys: String, CodingKey { case name, arguments }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            index = c.lenient(Int.self, .index)
            id = c.lenient(String.self, .id)
            type = c.lenient(String.self, .type)
            if let f = try? c.nestedContainer(keyedBy: FunctionKeys.self, forKey: .function) {
                name = f.lenient(String.self, .name)
                arguments = f.lenient(String.self, .arguments)
            }
        }
    }

    enum CodingKeys: String, CodingKey { case id, provider, model, choices, usage, error }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        isRecognized = c.contains(.choices) || c.contains(.usage) || c.contains(.error)
        id = c.lenient(String.self, .id)
        provider = c.lenient(String.self, .provider)
        model = c.lenient(String.self, .model)
        choices = c.lenient([Choice].self, .choices) ?? []
        usage = c.lenient(WireUsage.self, .usage)
        if let e = c.lenient(APIError.self, .error) {
            error = e
        } else if let s = c.lenient(String.self, .error) {
            error = APIError(message: s)
        }
    }
}

/// The `usage` object as sent on the wire.
public struct WireUsage: Decodable, Sendable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public var cost: Decimal?
    public var cachedTokens: Int?
    public var cacheWriteTokens: Int?
    public var reasoningTokens: Int?

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
        case cost, promptDetails = "prompt_tokens_details", completionDetails = "completion_tokens_details"
    }
    enum PromptKeys: String, CodingKey { case cachedTokens = "cached_tokens", cacheWriteTokens = "cache_write_tokens" }
    enum CompletionKeys: String, CodingKey { case reasoningTokens = "reasoning_tokens" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = c.lenient(Int.self, .promptTokens)
        completionTokens = c.lenient(Int.self, .completionTokens)
        totalTokens = c.lenient(Int.self, .totalTokens)
        cost = c.lenient(Decimal.self, .cost) ?? c.lenient(String.self, .cost).flatMap { Decimal(string: $0) }
        if let p = try? c.nestedContainer(keyedBy: PromptKeys.self, forKey: .promptDetails) {
            cachedTokens = p.lenient(Int.self, .cachedTokens)
            cacheWriteTokens = p.lenient(Int.self, .cacheWriteTokens)
        }
        if let d = try? c.nestedContainer(keyedBy: CompletionKeys.self, forKey: .completionDetails) {
            reasoningTokens = d.lenient(Int.self, .reasoningTokens)
        }
    }

    public var tokenUsage: TokenUsage {
        var usage = TokenUsage(
            promptTokens: promptTokens, completionTokens: completionTokens,
            totalTokens: totalTokens ?? promptTokens.flatMap { p in completionTokens.map { p + $0 } },
            cachedTokens: cachedTokens, reasoningTokens: reasoningTokens, cost: cost
        )
        usage.cacheWriteTokens = cacheWriteTokens
        return usage
    }
}
