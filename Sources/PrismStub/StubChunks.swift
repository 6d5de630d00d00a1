import Foundation

/// Builds the JSON payloads of one OpenRouter generation: stream chunks and the non-streaming body.
///
/// All chunks of one response share `id`, `provider`, `model` and `created`, as OpenRouter's do.
struct StubChunks {
    let id: String
    let provider: String
    let model: String
    let created: Int

    init(id: String, provider: String, model: String, created: Int = Int(Date().timeIntervalSince1970)) {
        self.id = id
        self.provider = provider
        self.model = model
        self.created = created
    }

    private var header: [(String, StubJSON)] {
        [("id", .string(id)), ("provider", .string(provider)), ("model", .string(model)),
         ("object", .string("chat.completion.chunk")), ("created", .int(created))]
    }

    private func chunk(delta: [(String, StubJSON)], finish: String? = nil, native: String? = nil) -> String {
        let choice: StubJSON = .object([
            ("index", .int(0)), ("delta", .object(delta)),
            ("finish_reason", .optional(finish)), ("native_finish_reason", .optional(native)),
        ])
        return StubJSON.object(header + [("choices", .array([choice]))]).serialized
    }

    /// The opening chunk: `delta: {"role":"assistant","content":""}`.
    func role() -> String {
        chunk(delta: [("role", .string("assistant")), ("content", .string(""))])
    }

    /// A content delta; `withRole` also carries `role` (used when there is no separate opening chunk).
    func content(_ text: String, withRole: Bool = false, citations: [StubCitation] = []) -> String {
        let role: [(String, StubJSON)] = withRole ? [("role", .string("assistant"))] : []
        var delta = role + [("content", .string(text))]
        if !citations.isEmpty { delta.append(("annotations", .array(citations.map(\.json)))) }
        return chunk(delta: delta)
    }

    /// A reasoning delta carrying the same text in `reasoning` and `reasoning_details`, like OpenRouter.
    func reasoning(_ text: String) -> String {
        let detail: StubJSON = .object([("type", .string("reasoning.text")), ("text", .string(text)), ("index", .int(0))])
        return chunk(delta: [("reasoning", .string(text)), ("reasoning_details", .array([detail]))])
    }

    /// One tool-call fragment; `id`, `type` and `function.name` only in the first fragment of an index.
    func toolCall(index: Int, call: StubToolCall, fragment: String, first: Bool) -> String {
        var function: [(String, StubJSON)] = []
        if first { function.append(("name", .string(call.name))) }
        function.append(("arguments", .string(fragment)))
        var item: [(String, StubJSON)] = [("index", .int(index))]
        if first { item += [("id", .string(call.id)), ("type", .string("function"))] }
        item.append(("function", .object(function)))
        return chunk(delta: [("tool_calls", .array([.object(item)]))])
    }

    /// The chunk carrying `finish_reason` and `native_finish_reason`.
    func finish(reason: String, native: String, citations: [StubCitation] = []) -> String {
        var delta: [(String, StubJSON)] = [("content", .string(""))]
        if !citations.isEmpty { delta.append(("annotations", .array(citations.map(\.json)))) }
        return chunk(delta: delta, finish: reason, native: native)
    }

    /// The usage chunk: `"choices":[]` plus `usage`.
    func usage(for reply: StubReply) -> String {
        StubJSON.object(header + [("choices", .array([])), ("usage", usageJSON(for: reply))]).serialized
    }

    /// A mid-stream error event: top-level `error` and `finish_reason: "error"`.
    func midStreamError(code: StubErrorCode, message: String) -> String {
        let error: StubJSON = .object([
            ("code", code.json), ("message", .string(message)),
            ("metadata", .object([("error_type", .string("provider_unavailable"))])),
        ])
        let choice: StubJSON = .object([
            ("index", .int(0)), ("delta", .object([("content", .string(""))])),
            ("finish_reason", .string("error")), ("native_finish_reason", .null),
        ])
        return StubJSON.object(header + [("error", error), ("choices", .array([choice]))]).serialized
    }

    /// The whole reply as a non-streaming `chat.completion` body.
    func completion(for reply: StubReply) -> String {
        var message: [(String, StubJSON)] = [("role", .string("assistant")), ("content", .string(reply.content.joined()))]
        if !reply.reasoning.isEmpty {
            let text = reply.reasoning.joined()
            message.append(("reasoning", .string(text)))
            message.append(("reasoning_details", .array([.object([
                ("type", .string("reasoning.text")), ("text", .string(text)), ("index", .int(0)),
            ])])))
        }
        if !reply.toolCalls.isEmpty {
            message.append(("tool_calls", .array(reply.toolCalls.map { call in
                .object([("id", .string(call.id)), ("type", .string("function")),
                         ("function", .object([("name", .string(call.name)),
                                               ("arguments", .string(call.argumentFragments.joined()))]))])
            })))
        }
        if !reply.citations.isEmpty { message.append(("annotations", .array(reply.citations.map(\.json)))) }
        let finish = reply.effectiveFinishReason
        let choice: StubJSON = .object([
            ("index", .int(0)), ("finish_reason", .string(finish)),
            ("native_finish_reason", .string(reply.nativeFinishReason ?? finish)), ("message", .object(message)),
        ])
        var body: [(String, StubJSON)] = [
            ("id", .string(id)), ("provider", .string(provider)), ("model", .string(model)),
            ("object", .string("chat.completion")), ("created", .int(created)), ("choices", .array([choice])),
        ]
        if reply.includeUsage { body.append(("usage", usageJSON(for: reply))) }
        return StubJSON.object(body).serialized
    }

    private func usageJSON(for reply: StubReply) -> StubJSON {
        let completion = reply.effectiveCompletionTokens
        var usage: [(String, StubJSON)] = [
            ("prompt_tokens", .int(reply.promptTokens)), ("completion_tokens", .int(completion)),
            ("total_tokens", .int(reply.promptTokens + completion)),
        ]
        if let cost = reply.cost, reply.costInStream { usage += [("cost", .raw(cost)), ("is_byok", .bool(false))] }
        usage.append(("prompt_tokens_details", .object([("cached_tokens", .int(reply.cachedTokens))])))
        usage.append(("completion_tokens_details", .object([("reasoning_tokens", .int(reply.effectiveReasoningTokens))])))
        return .object(usage)
    }
}
