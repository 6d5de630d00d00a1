import Foundation

/// How the stub answers `GET /credits`.
public enum StubCreditsMode: Sendable, Equatable {
    /// `{"data":{"total_credits":TOTAL,"total_usage":USED}}`, both decimal literals.
    case ok(total: String, used: String)
    /// 403 "Only management keys can perform this operation", as documented for inference keys.
    case forbidden
    /// 404, like a server without the endpoint.
    case notFound

    /// $25 bought, $12.66 used: $12.34 left.
    public static let standard = StubCreditsMode.ok(total: "25", used: "12.66")
}

/// How the stub answers `GET /generation?id=…` for a generation it served.
public enum StubGenerationMode: Sendable, Equatable {
    /// The record at once.
    case available
    /// 404 "Generation not found" for the first `notFoundFor` lookups, then the record.
    case late(notFoundFor: Int)
    /// Always 404: the record never appears.
    case missing
    /// Always 500.
    case failing
}

extension StubServer {
    /// What `/generation` says a reply without its own `cost` (or a misbehaving stream) was billed.
    public static let defaultGenerationCost = "0.000061"
}

/// What the stub remembers of a generation it served, for `/generation`.
struct StubGeneration: Sendable {
    var id: String
    var model: String
    var provider: String
    /// A decimal literal placed raw into `total_cost`.
    var cost: String
    var promptTokens: Int
    var completionTokens: Int
    var reasoningTokens: Int

    static let defaultCost = StubServer.defaultGenerationCost

    init(id: String, model: String, behavior: StubBehavior) {
        self.id = id
        self.model = model
        provider = "Stub"
        cost = Self.defaultCost
        promptTokens = 12
        completionTokens = 5
        reasoningTokens = 0
        switch behavior {
        case .stream(let reply), .openAfterUsage(let reply):
            self.model = reply.model ?? model
            provider = reply.provider
            cost = reply.cost ?? Self.defaultCost
            promptTokens = reply.promptTokens
            completionTokens = reply.effectiveCompletionTokens
            reasoningTokens = reply.effectiveReasoningTokens
        case .midStreamError(let after, _, _), .disconnect(let after), .truncate(let after), .stall(let after),
             .endlessLine(let after, _), .keepAlivesForever(let after, _):
            completionTokens = after
        default:
            break
        }
    }

    /// `{"data":{…}}` shaped like OpenRouter's record, nullable fields included.
    var payload: Data {
        let data: StubJSON = .object([
            ("id", .string(id)), ("total_cost", .raw(cost)), ("created_at", .string("2026-01-01T00:00:00Z")),
            ("model", .string(model)), ("origin", .string("")), ("usage", .raw(cost)), ("is_byok", .bool(false)),
            ("upstream_id", .null), ("cache_discount", .null), ("upstream_inference_cost", .null),
            ("app_id", .null), ("streamed", .bool(true)), ("cancelled", .bool(false)),
            ("provider_name", .string(provider)), ("latency", .int(210)), ("moderation_latency", .null),
            ("generation_time", .int(840)), ("finish_reason", .string("stop")), ("native_finish_reason", .string("stop")),
            ("tokens_prompt", .int(promptTokens)), ("tokens_completion", .int(completionTokens)),
            ("native_tokens_prompt", .int(promptTokens)), ("native_tokens_completion", .int(completionTokens)),
            ("native_tokens_reasoning", .int(reasoningTokens)), ("native_tokens_cached", .int(0)),
            ("num_media_prompt", .null), ("num_search_results", .null), ("router", .null),
        ])
        return Data(StubJSON.object([("data", data)]).serialized.utf8)
    }
}

extension StubCreditsMode {
    var action: StubAction {
        switch self {
        case .ok(let total, let used):
            let body = StubJSON.object([("data", .object([("total_credits", .raw(total)), ("total_usage", .raw(used))]))])
            return .fixed(status: 200, body: Data(body.serialized.utf8), headers: [:])
        case .forbidden:
            return Self.error(403, "Only management keys can perform this operation")
        case .notFound:
            return Self.error(404, "Not Found")
        }
    }

    static func error(_ status: Int, _ message: String) -> StubAction {
        .fixed(status: status, body: Data(StubBehavior.openRouterErrorBody(code: .int(status), message: message).utf8),
               headers: [:])
    }
}

extension StubBehavior {
    /// 429 for the free tier's daily limit, as OpenRouter sends it: `X-RateLimit-Limit`,
    /// `-Remaining: 0` and `-Reset` (epoch milliseconds; `resetAt` defaults to the next UTC midnight), no `Retry-After`.
    public static func freeDailyLimit(limit: Int = 50, resetAt: Date? = nil) -> StubBehavior {
        let reset = resetAt ?? nextUTCMidnight(after: Date())
        return openRouterError(
            status: 429, message: "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
            headers: rateLimitHeaders(limit: limit, reset: reset))
    }

    /// 429 for the free tier's per-minute limit with `X-RateLimit-Reset` `resetIn` seconds ahead and no `Retry-After`.
    public static func freeMinuteLimit(limit: Int = 20, resetIn: TimeInterval = 1) -> StubBehavior {
        openRouterError(status: 429, message: "Rate limit exceeded: free-models-per-min.",
                        headers: rateLimitHeaders(limit: limit, reset: Date().addingTimeInterval(resetIn)))
    }

    static func rateLimitHeaders(limit: Int, reset: Date) -> [String: String] {
        ["X-RateLimit-Limit": String(limit), "X-RateLimit-Remaining": "0",
         "X-RateLimit-Reset": String(Int64(reset.timeIntervalSince1970 * 1000))]
    }

    static func nextUTCMidnight(after date: Date) -> Date {
        let day = 86_400.0
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / day).rounded(.down) * day + day)
    }
}
