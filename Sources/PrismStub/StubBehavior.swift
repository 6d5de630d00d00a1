import Foundation

/// How the stub answers one `/chat/completions` request: a good stream or a specific failure.
///
/// Each case reproduces something a real OpenRouter (or OpenAI-compatible) server does, so
/// the HTTP client and stream parser can be tested over real sockets.
public enum StubBehavior: Sendable, Equatable {
    /// A well-formed OpenRouter SSE stream (or a `chat.completion` JSON if the request has no `"stream": true`).
    case stream(StubReply)
    /// A plain (non-SSE) response with this status, body and extra headers, like OpenRouter's pre-stream errors.
    case httpError(status: Int, body: String, headers: [String: String])
    /// HTTP 200 whose JSON body is only `{"error":{...},"user_id":...}`: no `choices`.
    case errorBody200
    /// `after` content chunks, then a chunk with a top-level `error` and `finish_reason: "error"`, then a clean end without `[DONE]`.
    case midStreamError(after: Int, code: StubErrorCode, message: String)
    /// `after` content chunks, then the socket closes without the chunked terminator (a lost connection).
    case disconnect(after: Int)
    /// `after` content chunks, then a clean end of the body with no `finish_reason` and no `[DONE]`.
    case truncate(after: Int)
    /// `after` content chunks (0 = headers only), then silence until the client closes or the server stops.
    case stall(after: Int)
    /// Arbitrary body bytes, each piece written (as one HTTP chunk) `delay` seconds after the previous one.
    case raw(status: Int, contentType: String, pieces: [Data], delay: TimeInterval)
    /// `after` content chunks, then `data: ` and `x` after `x` with no line end, in 64 KiB chunks
    /// `pace` seconds apart (0: as fast as the client reads), until the client hangs up. The bytes
    /// written are recorded (`StubServer.endlessLineBytes`).
    case endlessLine(after: Int, pace: TimeInterval = 0)
    /// `after` content chunks, then a keep-alive comment every `interval` seconds until the client hangs up.
    case keepAlivesForever(after: Int, interval: TimeInterval)
    /// Reads the request and never answers (no status line), until the client hangs up.
    case noAnswer
    /// The reply through its finish reason and usage chunk, then neither `[DONE]` nor an end of the
    /// body: the connection stays open until the client closes it.
    case openAfterUsage(StubReply)
}

/// OpenRouter's `error.code`: usually the HTTP status as an Int, sometimes a String such as `"server_error"`.
public enum StubErrorCode: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case int(Int)
    case string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    var json: StubJSON {
        switch self {
        case .int(let value): .int(value)
        case .string(let value): .string(value)
        }
    }
}

extension StubBehavior {
    /// A `.stream` of the given content pieces with default usage.
    public static func text(_ pieces: [String]) -> StubBehavior {
        .stream(StubReply(content: pieces))
    }

    /// An OpenRouter-style error response: `{"error":{"code":status,"message":...,"metadata":{...}}}`.
    public static func openRouterError(
        status: Int, message: String, providerName: String? = nil, raw: String? = nil,
        headers: [String: String] = [:]
    ) -> StubBehavior {
        .httpError(
            status: status,
            body: openRouterErrorBody(code: .int(status), message: message, providerName: providerName, raw: raw),
            headers: headers)
    }

    /// A redirect (307 unless told) to `location`, with an empty body.
    public static func redirect(to location: String, status: Int = 307) -> StubBehavior {
        .httpError(status: status, body: "", headers: ["Location": location])
    }

    /// A good reply ("Hello world") with two events among its chunks that are not chunks: one
    /// not JSON at all, one JSON but no chunk (`[1,2]`).
    public static var malformedEvents: StubBehavior {
        let events = [
            #"{"id":"gen-m","provider":"Stub","choices":[{"index":0,"delta":{"content":"Hello"}}]}"#,
            "this is not json",
            #"{"id":"gen-m","provider":"Stub","choices":[{"index":0,"delta":{"content":" world"}}]}"#,
            "[1,2]",
            #"{"id":"gen-m","provider":"Stub","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
            #"{"id":"gen-m","provider":"Stub","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#,
            "[DONE]",
        ]
        return .raw(status: 200, contentType: "text/event-stream",
                    pieces: events.map { Data("data: \($0)\n\n".utf8) }, delay: 0)
    }

    /// 429 "Rate limit exceeded" with `Retry-After` (seconds).
    public static func rateLimited(retryAfter: Int = 1) -> StubBehavior {
        openRouterError(
            status: 429, message: "Rate limit exceeded: free-models-per-min.",
            headers: ["Retry-After": String(retryAfter)])
    }

    /// 502 "Provider returned error" with `provider_name` and a JSON-string `raw`, as OpenRouter relays upstream failures.
    public static func providerError(
        status: Int = 502, providerName: String = "Google AI Studio", upstreamMessage: String = "upstream overloaded"
    ) -> StubBehavior {
        let raw = StubJSON.object([("error", .object([("message", .string(upstreamMessage))]))]).serialized
        return openRouterError(status: status, message: "Provider returned error", providerName: providerName, raw: raw)
    }

    /// The JSON text of an OpenRouter error body; `metadata` is present only if `providerName` or `raw` is given.
    public static func openRouterErrorBody(
        code: StubErrorCode, message: String, providerName: String? = nil, raw: String? = nil, userID: String? = nil
    ) -> String {
        var error: [(String, StubJSON)] = [("code", code.json), ("message", .string(message))]
        var metadata: [(String, StubJSON)] = []
        if let providerName { metadata.append(("provider_name", .string(providerName))) }
        if let raw { metadata.append(("raw", .string(raw))) }
        if !metadata.isEmpty { error.append(("metadata", .object(metadata))) }
        var body: [(String, StubJSON)] = [("error", .object(error))]
        if let userID { body.append(("user_id", .string(userID))) }
        return StubJSON.object(body).serialized
    }
}
