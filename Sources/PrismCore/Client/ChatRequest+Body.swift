import Foundation

extension ChatRequest {
    /// The JSON body for `POST /chat/completions`, with `stream: true`.
    ///
    /// Attachments are read from disk here, at send time, and inlined as data URLs.
    public func body(stream: Bool = true) throws -> Data {
        var encoded = try messages.map(ChatRequest.encode)
        for index in cacheBreakpoints { encoded[index] = ChatRequest.markCached(encoded[index]) }
        var root: [String: Any] = [
            "model": model,
            "stream": stream,
            "max_tokens": maxTokens,
            "messages": encoded,
        ]
        if stream {
            // OpenRouter always reports usage; other OpenAI-compatible servers only when asked.
            root["stream_options"] = ["include_usage": true]
        }
        if let t = settings.temperature { root["temperature"] = t }
        if let p = settings.topP { root["top_p"] = p }
        if let s = settings.seed { root["seed"] = s }
        if let stop = settings.stop, !stop.isEmpty { root["stop"] = stop }
        if !settings.fallbackModels.isEmpty { root["models"] = [model] + settings.fallbackModels }
        if let provider = settings.provider, !provider.isEmpty { root["provider"] = try ChatRequest.object(provider) }
        if !tools.isEmpty { root["tools"] = zip(tools, ToolSpec.wireNames(tools)).map(ChatRequest.encode) }
        if let responseFormat { root["response_format"] = responseFormat.wireObject }
        let plugins = self.plugins
        if !plugins.isEmpty { root["plugins"] = plugins }
        if let reasoning = settings.reasoning, reasoning != ReasoningSettings() {
            var r: [String: Any] = [:]
            // Effort and a token budget are mutually exclusive; a budget is the more specific.
            if let budget = reasoning.maxTokens { r["max_tokens"] = budget } else if let e = reasoning.effort { r["effort"] = e }
            if let exclude = reasoning.exclude { r["exclude"] = exclude }
            root["reasoning"] = r
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func object<T: Encodable>(_ value: T) throws -> Any {
        let data = try JSONEncoder().encode(value)
        return try JSONSerialization.jsonObject(with: data)
    }

    /// A tool in OpenAI's function format, named by its wire name (`ToolSpec.wireNames`).
    private static func encode(_ tool: ToolSpec, wireName: String) -> [String: Any] {
        var schema = (try? object(tool.inputSchema)) as? [String: Any] ?? [:]
        if schema["type"] == nil { schema["type"] = "object" }
        if schema["type"] as? String == "object", schema["properties"] == nil { schema["properties"] = [String: Any]() }
        var function: [String: Any] = ["name": wireName, "parameters": schema]
        if !tool.description.isEmpty { function["description"] = tool.description }
        return ["type": "function", "function": function]
    }

    private static func encode(_ message: ChatMessage) throws -> [String: Any] {
        if message.role == .tool {
            return ["role": "tool", "tool_call_id": message.toolCallID ?? "", "content": message.content]
        }
        if !message.toolCalls.isEmpty {
            let calls: [[String: Any]] = message.toolCalls.map { call in
                ["id": call.id ?? "", "type": "function",
                 "function": ["name": call.name ?? "", "arguments": call.arguments.isEmpty ? "{}" : call.arguments]]
            }
            return ["role": "assistant", "content": message.content, "tool_calls": calls]
        }
        guard !message.attachments.isEmpty else {
            return ["role": message.role.rawValue, "content": message.content]
        }
        var parts: [[String: Any]] = []
        if !message.content.isEmpty { parts.append(["type": "text", "text": message.content]) }
        for attachment in message.attachments {
            let url = try dataURL(for: attachment)
            switch attachment.kind {
            case .image:
                parts.append(["type": "image_url", "image_url": ["url": url]])
            case .file:
                let name = (attachment.source as NSString).lastPathComponent
                parts.append(["type": "file", "file": ["filename": name, "file_data": url]])
            }
        }
        return ["role": message.role.rawValue, "content": parts]
    }

    private static func dataURL(for attachment: Attachment) throws -> String {
        if attachment.source.hasPrefix("https://") || attachment.source.hasPrefix("http://") || attachment.source.hasPrefix("data:") {
            return attachment.source
        }
        guard let data = FileManager.default.contents(atPath: attachment.source) else {
            throw RequestBuildError(message: "cannot read attachment \(attachment.source)")
        }
        return "data:\(attachment.mimeType);base64,\(data.base64EncodedString())"
    }
}
