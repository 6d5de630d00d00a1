import Foundation

/// What a `.stream` behavior sends: the pieces, their pacing and the usage report.
///
/// Every field has a default so a test states only what it cares about, e.g.
/// `StubReply(content: ["Hel", "lo"], keepAlives: 2)`.
public struct StubReply: Sendable, Equatable {
    /// Content deltas, one SSE chunk each, sent after the reasoning pieces.
    public var content: [String]
    /// Reasoning deltas, sent first; each chunk carries both `reasoning` and `reasoning_details`.
    public var reasoning: [String]
    /// Tool calls, streamed as fragments after the content.
    public var toolCalls: [StubToolCall]
    /// The `model` field of every chunk; nil echoes the request's `model`.
    public var model: String?
    /// The `provider` field of every chunk (OpenRouter's display name of the serving provider).
    public var provider: String
    /// `: OPENROUTER PROCESSING` comments sent before the first token, spread over `firstTokenDelay`.
    public var keepAlives: Int
    /// Seconds between the response headers and the first chunk.
    public var firstTokenDelay: TimeInterval
    /// Seconds between consecutive chunks.
    public var interChunkDelay: TimeInterval
    /// When true, delta chunk n is due `n × interChunkDelay` after the first one instead of
    /// `interChunkDelay` after the previous write, so the rate holds at short intervals.
    ///
    /// Why: each pause is a `poll` rounded up to whole milliseconds plus a wake-up, so
    /// 3.3 ms apart comes out near 4 ms (~240 chunks/s instead of 300); benchmarks that
    /// promise a token rate set this. A late chunk is sent at once and the next ones catch up.
    public var steadyRate = false
    /// nil = "tool_calls" when `toolCalls` is non-empty, else "stop".
    public var finishReason: String?
    /// nil = the same as the finish reason.
    public var nativeFinishReason: String?
    /// false = no usage chunk at all, like servers that do not report usage (Ollama).
    public var includeUsage: Bool
    public var promptTokens: Int
    /// nil = one token per content, reasoning and tool-argument piece.
    public var completionTokens: Int?
    /// nil = one token per reasoning piece.
    public var reasoningTokens: Int?
    public var cachedTokens: Int
    /// Web sources sent as `annotations` (`url_citation`) in the finish chunk, as OpenRouter does.
    public var citations: [StubCitation] = []
    /// Sends `citations` with content delta n (0-based) instead of the finish chunk, as some
    /// providers do, so a reply can be stopped after its sources arrived; nil: the finish chunk.
    public var citationsWithContent: Int?
    /// A decimal literal placed raw into the usage JSON (`"0.000093"`); nil omits `cost` entirely.
    public var cost: String?
    /// False: the stream's usage leaves `cost` out, while `/generation` still reports `cost`
    /// (a client must look the generation up to learn it).
    public var costInStream = true

    public init(
        content: [String] = ["Hello", " from", " the", " stub", "."],
        reasoning: [String] = [],
        toolCalls: [StubToolCall] = [],
        model: String? = nil,
        provider: String = "Stub",
        keepAlives: Int = 0,
        firstTokenDelay: TimeInterval = 0,
        interChunkDelay: TimeInterval = 0,
        finishReason: String? = nil,
        nativeFinishReason: String? = nil,
        includeUsage: Bool = true,
        promptTokens: Int = 12,
        completionTokens: Int? = nil,
        reasoningTokens: Int? = nil,
        cachedTokens: Int = 0,
        cost: String? = "0.000093"
    ) {
        self.content = content
        self.reasoning = reasoning
        self.toolCalls = toolCalls
        self.model = model
        self.provider = provider
        self.keepAlives = keepAlives
        self.firstTokenDelay = firstTokenDelay
        self.interChunkDelay = interChunkDelay
        self.finishReason = finishReason
        self.nativeFinishReason = nativeFinishReason
        self.includeUsage = includeUsage
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.reasoningTokens = reasoningTokens
        self.cachedTokens = cachedTokens
        self.cost = cost
    }

    /// The finish reason actually sent.
    public var effectiveFinishReason: String {
        finishReason ?? (toolCalls.isEmpty ? "stop" : "tool_calls")
    }

    /// The completion token count actually reported.
    public var effectiveCompletionTokens: Int {
        completionTokens ?? (content.count + reasoning.count + toolCalls.reduce(0) { $0 + $1.argumentFragments.count })
    }

    /// The reasoning token count actually reported.
    public var effectiveReasoningTokens: Int {
        reasoningTokens ?? reasoning.count
    }

    /// Filler text pieces used by the misbehaving behaviors (`.disconnect(after: 3)` sends the first 3).
    ///
    /// Public so a test can compute the partial text it expects the client to keep.
    public static func fillerPieces(count: Int) -> [String] {
        let words = ["Lorem", " ipsum", " dolor", " sit", " amet,", " consectetur", " adipiscing", " elit."]
        return (0..<max(0, count)).map { words[$0 % words.count] }
    }
}

/// One tool call the stub streams as `delta.tool_calls` fragments, accumulated by `index`.
public struct StubToolCall: Sendable, Equatable {
    /// `call_...`; sent only in the first fragment, like OpenRouter.
    public var id: String
    public var name: String
    /// The `arguments` string, split into the pieces sent one per chunk.
    public var argumentFragments: [String]

    public init(id: String, name: String, argumentFragments: [String]) {
        self.id = id
        self.name = name
        self.argumentFragments = argumentFragments
    }
}

/// One `url_citation` annotation the stub sends; the fields are raw, hostile ones included.
public struct StubCitation: Sendable, Equatable {
    public var url: String
    public var title: String
    public var content: String

    public init(url: String, title: String, content: String = "") {
        self.url = url
        self.title = title
        self.content = content
    }

    var json: StubJSON {
        .object([("type", .string("url_citation")), ("url_citation", .object([
            ("url", .string(url)), ("title", .string(title)), ("content", .string(content)),
            ("start_index", .int(0)), ("end_index", .int(10)),
        ]))])
    }
}
