import Foundation

extension StreamChunk {
    /// Decodes one `data:` payload: the fast scanner first, JSONDecoder when the
    /// scanner meets something it does not handle. Nil when it is not JSON at all.
    public static func decode(_ payload: String) -> StreamChunk? {
        var text = payload
        return text.withUTF8 { bytes in
            if let fast = try? scan(bytes) { return fast }
            return try? JSONDecoder().decode(StreamChunk.self, from: Data(bytes))
        }
    }

    /// The fast path: reads only the fields Prism uses, decoding the rare `usage`
    /// and `error` objects with JSONDecoder.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws -> StreamChunk {
        var s = JSONScanner(bytes)
        var chunk = StreamChunk()
        try s.forEachMember { s, key in
            if key.equals("choices") {
                chunk.isRecognized = true
                try s.forEachElement { s in chunk.choices.append(try scanChoice(&s)) }
            } else if key.equals("id") {
                chunk.id = try s.stringOrSkip()
            } else if key.equals("model") {
                chunk.model = try s.stringOrSkip()
            } else if key.equals("provider") {
                chunk.provider = try s.stringOrSkip()
            } else if key.equals("usage") {
                chunk.isRecognized = true
                let raw = try s.skipValue()
                if !raw.equals("null") { chunk.usage = try? JSONDecoder().decode(WireUsage.self, from: Data(raw)) }
            } else if key.equals("error") {
                chunk.isRecognized = true
                let raw = try s.skipValue()
                if !raw.equals("null") {
                    let wrapped = Data("{\"error\":".utf8) + Data(raw) + Data("}".utf8)
                    chunk.error = try JSONDecoder().decode(APIErrorBody.self, from: wrapped).error
                }
            } else {
                try s.skipValue()
            }
        }
        guard s.peek() == nil else { throw JSONScanner.Malformed() }
        return chunk
    }

    private static func scanChoice(_ s: inout JSONScanner) throws -> Choice {
        var choice = Choice()
        try s.forEachMember { s, key in
            if key.equals("delta") || key.equals("message") {
                if s.peek() == UInt8(ascii: "{") { choice.delta = try scanDelta(&s) } else { try s.skipValue() }
            } else if key.equals("finish_reason") {
                choice.finishReason = try s.stringOrSkip()
            } else if key.equals("native_finish_reason") {
                choice.nativeFinishReason = try s.stringOrSkip()
            } else if key.equals("index") {
                choice.index = try s.intOrSkip()
            } else {
                try s.skipValue()
            }
        }
        return choice
    }

    private static func scanDelta(_ s: inout JSONScanner) throws -> Delta {
        var delta = Delta()
        var reasoningContent: String?
        try s.forEachMember { s, key in
            if key.equals("content") {
                delta.content = try s.stringOrSkip()
            } else if key.equals("reasoning") {
                delta.reasoning = try s.stringOrSkip()
            } else if key.equals("reasoning_content") {
                reasoningContent = try s.stringOrSkip()
            } else if key.equals("reasoning_details") {
                guard s.peek() == UInt8(ascii: "[") else { try s.skipValue(); return }
                var details: [ReasoningDetail] = []
                try s.forEachElement { s in
                    guard s.peek() == UInt8(ascii: "{") else { try s.skipValue(); return }
                    var d = ReasoningDetail()
                    try s.forEachMember { s, key in
                        if key.equals("type") { d.type = try s.stringOrSkip() }
                        else if key.equals("text") { d.text = try s.stringOrSkip() }
                        else if key.equals("summary") { d.summary = try s.stringOrSkip() }
                        else { try s.skipValue() }
                    }
                    details.append(d)
                }
                delta.reasoningDetails = details
            } else if key.equals("tool_calls") {
                guard s.peek() == UInt8(ascii: "[") else { try s.skipValue(); return }
                var calls: [ToolCallFragment] = []
                try s.forEachElement { s in calls.append(try scanToolCall(&s)) }
                delta.toolCalls = calls
            } else if key.equals("annotations") {
                let raw = try s.skipValue()
                if !raw.equals("null") { delta.annotations = AnnotationList.decode(Data(raw)) }
            } else {
                try s.skipValue()
            }
        }
        if delta.reasoning == nil { delta.reasoning = reasoningContent }
        return delta
    }

    private static func scanToolCall(_ s: inout JSONScanner) throws -> ToolCallFragment {
        var call = ToolCallFragment()
        guard s.peek() == UInt8(ascii: "{") else { try s.skipValue(); return call }
        try s.forEachMember { s, key in
            if key.equals("index") { call.index = try s.intOrSkip() }
            else if key.equals("id") { call.id = try s.stringOrSkip() }
            else if key.equals("type") { call.type = try s.stringOrSkip() }
            else if key.equals("function") {
                guard s.peek() == UInt8(ascii: "{") else { try s.skipValue(); return }
                try s.forEachMember { s, key in
                    if key.equals("name") { call.name = try s.stringOrSkip() }
                    else if key.equals("arguments") { call.arguments = try s.stringOrSkip() }
                    else { try s.skipValue() }
                }
            } else {
                try s.skipValue()
            }
        }
        return call
    }
}
