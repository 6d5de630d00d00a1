import Foundation

extension OpenRouterClient {
    /// One request: send, check the status, then decode the stream until it ends.
    ///
    /// A transport that can (libcurl) hands an event stream's pieces to the decoder on
    /// its own thread, so events reach `emit` without a task waking up per piece; this
    /// task then only waits for the end. Otherwise the task decodes the body stream.
    func attempt(_ request: ChatRequest, body: Data, state: inout AttemptState,
                 emit: @escaping @Sendable (CompletionEvent) -> Void) async -> Reply {
        var headers = configuration.headers(json: true)
        headers["Accept"] = "text/event-stream"
        var http = configuration.httpRequest(method: "POST", path: "chat/completions", headers: headers, body: body)
        let decoding = EventStreamDecoding(state: state, maxEventBytes: configuration.maxEventBytes, emit: emit)
        http.bodySink = { head -> BodySink? in
            guard head.status == 200, head.contentType.contains("text/event-stream") else { return nil }
            decoding.noteGenerationID(head.headers["x-generation-id"])
            return { piece in decoding.feed(piece) }
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(http)
        } catch {
            // What the decoder saw before the failure (the head's generation id, streamed
            // text) stays on the reply: a cancel while the body stalls must keep the id.
            state = decoding.close().0
            return state.accumulator.fail(Self.failure(from: error))
        }
        if response.head.status != 200 {
            return state.accumulator.fail(await httpFailure(response))
        }
        if !response.bodyWentToSink && !response.head.contentType.contains("text/event-stream")
            && response.head.contentType.contains("json") {
            return await nonStreamingBody(response, state: &state, emit: emit)
        }
        if !response.bodyWentToSink { decoding.noteGenerationID(response.head.headers["x-generation-id"]) }
        let transportFailure = await readEventStream(response, decoding: decoding)
        let (seen, ending) = decoding.close()
        state = seen
        if Task.isCancelled { return state.accumulator.fail(.cancelled) }
        switch ending {
        case .complete?:
            return state.accumulator.finishStream()
        case .failed(let failure)?:
            return state.accumulator.fail(failure)
        case nil:
            if let transportFailure { return state.accumulator.fail(transportFailure) }
            return state.accumulator.finishStream()
        }
    }

    /// A 200 whose body is plain JSON: an error object, or a whole non-streamed completion.
    private func nonStreamingBody(_ response: HTTPResponse, state: inout AttemptState,
                                  emit: @escaping @Sendable (CompletionEvent) -> Void) async -> Reply {
        let data: Data
        do {
            data = try await response.collect(limit: configuration.maxEventBytes)
        } catch {
            return state.accumulator.fail(Self.failure(from: error))
        }
        if let body = try? JSONDecoder().decode(APIErrorBody.self, from: data), let error = body.error {
            // Nothing was streamed: an error before the reply, like an HTTP error status
            // (and retried like one, by its code; see RetryPolicy), not a mid-stream error.
            var failure = error.failure(kind: .http, status: nil)
            failure.retryAfter = RetryPolicy.parseRetryAfter(response.head.headers["retry-after"])
            return state.accumulator.fail(failure)
        }
        guard let chunk = StreamChunk.decode(String(decoding: data, as: UTF8.self)), !chunk.choices.isEmpty else {
            return state.accumulator.fail(ReplyFailure(kind: .protocolViolation, status: 200,
                                                       message: "the server answered with JSON that holds neither a reply nor an error"))
        }
        for e in state.accumulator.consume(chunk) { emit(e) }
        state.firstToken = state.firstToken ?? ContinuousClock().now
        return state.accumulator.finishStream()
    }

    /// Reads an error response and turns it into a failure with the server's own words.
    func httpFailure(_ response: HTTPResponse) async -> ReplyFailure {
        let status = response.head.status
        let data = (try? await response.collect(limit: 1 << 20)) ?? Data()
        var failure: ReplyFailure
        if (300...399).contains(status) {
            failure = ReplyFailure(kind: .http, code: String(status), status: status, message: redirectMessage(response.head))
        } else if let body = try? JSONDecoder().decode(APIErrorBody.self, from: data), let error = body.error {
            failure = error.failure(kind: .http, status: status)
        } else {
            let text = String(decoding: data.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            failure = ReplyFailure(kind: .http, code: String(status), status: status,
                                   message: text.isEmpty ? HTTPURLResponseStatusText.text(for: status) : text)
        }
        failure.status = status
        failure.retryAfter = RetryPolicy.parseRetryAfter(response.head.headers["retry-after"])
        FreeTierLimit.adjust(&failure, headers: response.head.headers, now: Date())
        return failure
    }

    static func failure(from error: any Error) -> ReplyFailure {
        if error is CancellationError { return .cancelled }
        if let t = error as? TransportError {
            switch t.kind {
            case .cancelled: return .cancelled
            case .timeout:
                if let timeout = t.timeout { return timeoutFailure(timeout, onlyKeepAlives: false) }
                return ReplyFailure(kind: .timeout, message: t.message)
            case .connection: return ReplyFailure(kind: .network, message: t.message)
            case .protocolViolation: return ReplyFailure(kind: .protocolViolation, message: t.message)
            }
        }
        return ReplyFailure(kind: .network, message: "\(error)")
    }
}

/// Short reason phrases for statuses, for error bodies that carry no message.
enum HTTPURLResponseStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 400: return "bad request"
        case 401: return "unauthorized: check the API key"
        case 402: return "payment required: out of credits"
        case 403: return "forbidden"
        case 404: return "not found"
        case 408: return "request timeout"
        case 429: return "rate limited"
        case 500: return "internal server error"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
        default: return "HTTP error \(status)"
        }
    }
}
