import Foundation

/// Folds decoded stream chunks into a `Reply`, emitting an event for each change.
///
/// Pure and synchronous: it holds no clock and does no I/O, so every wire case
/// can be tested by feeding it chunks. The caller stamps timings.
public struct ReplyAccumulator: Sendable {
    public private(set) var reply = Reply()
    /// True once content, reasoning or a tool call has arrived: after this, no retry.
    public private(set) var receivedFirstToken = false
    public private(set) var sawDone = false
    /// True once the reply is over, whether or not the connection is: `[DONE]` arrived, or
    /// the usage report arrived with or after the finish reason (OpenRouter sends usage last).
    ///
    /// The client stops reading here, so a server that keeps the connection open after
    /// its last chunk cannot hold a finished reply hostage until a timeout.
    public private(set) var isComplete = false
    /// `data:` payloads that were not JSON, or JSON that is not a chunk; skipped, and
    /// counted on the reply (`Reply.skippedEvents`) so front ends can say so.
    public private(set) var undecodableEvents = 0

    public init() {}

    /// Handles one SSE event's data.
    public mutating func consume(data: String) -> [CompletionEvent] {
        if data == "[DONE]" {
            sawDone = true
            isComplete = true
            return []
        }
        guard let chunk = StreamChunk.decode(data), chunk.isRecognized else {
            // An empty `data:` carries nothing (a bare heartbeat); it is not malformed.
            if !data.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                undecodableEvents += 1
                reply.skippedEvents = undecodableEvents
            }
            return []
        }
        return consume(chunk)
    }

    /// Takes the generation id from the response's `X-Generation-Id` header, before any
    /// chunk: a reply cancelled before its first chunk can then still be looked up.
    public mutating func noteGenerationID(_ id: String?) -> [CompletionEvent] {
        guard reply.generationID == nil, let id = id?.trimmingCharacters(in: .whitespaces), !id.isEmpty else { return [] }
        reply.generationID = id
        return [.metadata(model: reply.model, provider: reply.provider, generationID: id)]
    }

    /// Handles one decoded chunk.
    public mutating func consume(_ chunk: StreamChunk) -> [CompletionEvent] {
        var events: [CompletionEvent] = []
        let before = (reply.model, reply.provider, reply.generationID)
        if reply.model == nil, let m = chunk.model, !m.isEmpty { reply.model = m }
        if reply.provider == nil, let p = chunk.provider, !p.isEmpty { reply.provider = p }
        if reply.generationID == nil, let id = chunk.id, !id.isEmpty { reply.generationID = id }
        if before != (reply.model, reply.provider, reply.generationID) {
            events.append(.metadata(model: reply.model, provider: reply.provider, generationID: reply.generationID))
        }

        for choice in chunk.choices where (choice.index ?? 0) == 0 {
            if let delta = choice.delta {
                events += apply(delta)
            }
            if let reason = choice.finishReason, !reason.isEmpty {
                reply.finishReason = reason
            }
            if let native = choice.nativeFinishReason, !native.isEmpty {
                reply.nativeFinishReason = native
            }
        }

        if let usage = chunk.usage {
            reply.usage = usage.tokenUsage
            events.append(.usage(usage.tokenUsage))
            if reply.finishReason != nil { isComplete = true }
        }

        if let error = chunk.error, reply.failure == nil {
            // The HTTP status was 200: the error's code (often "502") is the provider's, not ours.
            reply.failure = error.failure(kind: .stream, status: nil, fallbackProvider: reply.provider)
        } else if reply.finishReason == "error", reply.failure == nil {
            var failure = ReplyFailure(kind: .stream, message: "the provider reported an error", provider: reply.provider)
            failure.code = reply.nativeFinishReason
            reply.failure = failure
        }
        return events
    }

    private mutating func apply(_ delta: StreamChunk.Delta) -> [CompletionEvent] {
        var events: [CompletionEvent] = []
        // The same reasoning arrives in `reasoning_details` and `reasoning`: read one only,
        // preferring the structured details when they carry readable text.
        let detailText = delta.reasoningDetails?.compactMap(\.readableText).joined() ?? ""
        let reasoning = detailText.isEmpty ? (delta.reasoning ?? "") : detailText
        if !reasoning.isEmpty {
            reply.reasoning += reasoning
            receivedFirstToken = true
            events.append(.reasoningDelta(reasoning))
        }
        if let content = delta.content, !content.isEmpty {
            reply.content += content
            receivedFirstToken = true
            events.append(.contentDelta(content))
        }
        if let annotations = delta.annotations {
            // Some providers repeat the list in a later delta: keep each source once.
            let before = reply.citations.count
            for citation in annotations.citations where !reply.citations.contains(where: { $0.url == citation.url }) {
                reply.citations.append(citation)
            }
            reply.skippedAnnotations += annotations.skipped
            // Said as they come, so a journal keeps them and a reply stopped before its end does too.
            if reply.citations.count > before { events.append(.citations(reply.citations)) }
        }
        for fragment in delta.toolCalls ?? [] {
            let index = fragment.index ?? 0
            var call: ToolCall
            if let i = reply.toolCalls.firstIndex(where: { $0.index == index }) {
                call = reply.toolCalls[i]
                merge(fragment, into: &call)
                reply.toolCalls[i] = call
            } else {
                call = ToolCall(index: index)
                merge(fragment, into: &call)
                reply.toolCalls.append(call)
            }
            receivedFirstToken = true
            events.append(.toolCall(call))
        }
        return events
    }

    private func merge(_ fragment: StreamChunk.ToolCallFragment, into call: inout ToolCall) {
        if let id = fragment.id, !id.isEmpty { call.id = id }
        if let type = fragment.type, !type.isEmpty { call.type = type }
        if let name = fragment.name, !name.isEmpty { call.name = (call.name ?? "") == name ? name : (call.name ?? "") + name }
        if let args = fragment.arguments { call.arguments += args }
    }

    /// Closes the reply when the byte stream has ended cleanly.
    ///
    /// A stream with neither a finish reason nor `[DONE]` was cut short: that is a
    /// failure even though no error was reported.
    public mutating func finishStream() -> Reply {
        if reply.failure == nil, reply.finishReason == nil, !sawDone {
            var message = "the stream ended before the reply was complete"
            if undecodableEvents > 0 { message += " (\(undecodableEvents) unreadable events skipped)" }
            reply.failure = ReplyFailure(kind: .truncated, message: message, provider: reply.provider)
        }
        return reply
    }

    /// Marks the reply as failed (connection lost, timeout, cancelled), keeping what arrived.
    public mutating func fail(_ failure: ReplyFailure) -> Reply {
        if reply.failure == nil || failure.kind == .cancelled {
            var f = failure
            if f.provider == nil { f.provider = reply.provider }
            reply.failure = f
        }
        return reply
    }
}
