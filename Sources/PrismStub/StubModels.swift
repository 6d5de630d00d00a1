import Foundation

/// One built-in stub model: a catalog entry for `/models` plus the behavior it triggers.
public struct StubModel: Sendable {
    public let id: String
    public let name: String
    public let summary: String
    /// USD per token as a decimal string, like OpenRouter; "-1" marks a router with dynamic pricing.
    public let promptPrice: String
    public let completionPrice: String
    public let contextLength: Int
    public let maxCompletionTokens: Int
    public let supportsReasoning: Bool
    /// Lists `structured_outputs` and `response_format` in the catalog (most stub models do).
    public let supportsStructuredOutputs: Bool
    /// The behavior for a request whose last user message is the argument.
    let behavior: @Sendable (String) -> StubBehavior
}

/// The built-in stub models, selectable by a request's `model` when no behavior is queued.
///
/// Why: the end-to-end test and manual users drive the stub from prism's model picker,
/// so every interesting server behavior has a model id. The list lives only here.
public enum StubModels {
    public static let echo = "stub/echo"

    public static let all: [StubModel] = [
        model(echo, "Echo", "Quotes your last message back in markdown, with reasoning and cost.", reasoning: true) {
            .stream(echoReply(to: $0))
        },
        model("stub/fast", "Fast", "Answers instantly in a few chunks.") { _ in
            .stream(StubReply(content: words("Fast answer: the quick brown fox jumps over the lazy dog.")))
        },
        model("stub/slow", "Slow", "About 40 chunks, 200 ms apart (8 s in all).") { _ in
            .stream(StubReply(content: StubReply.fillerPieces(count: 40), interChunkDelay: 0.2))
        },
        model("stub/slow-start", "Slow start", "Three keep-alive comments over 3 s before the first token.") { _ in
            .stream(StubReply(content: words("Sorry for the wait; here is the answer."), keepAlives: 3, firstTokenDelay: 3))
        },
        model("stub/reasoning", "Reasoning", "Thinks aloud for a while, then answers.", reasoning: true) { _ in
            .stream(StubReply(
                content: words("After some thought: **42**."),
                reasoning: words("Let me consider the question carefully. It is a classic one. The answer is well known."),
                interChunkDelay: 0.05, reasoningTokens: 40, cost: "0.00021"))
        },
        model("stub/tools", "Tools", "Calls a get_weather tool.") { _ in
            .stream(StubReply(content: [], toolCalls: [
                StubToolCall(id: "call_stub_1", name: "get_weather", argumentFragments: ["{\"city\":", "\"Oslo\"}"]),
            ]))
        },
        agentModel,
        jsonModel,
        jsonBadModel,
        webModel,
        cacheModel,
        model("stub/no-usage", "No usage", "Streams without a usage chunk, like Ollama; no structured outputs.", structured: false) { _ in
            .stream(StubReply(content: words("This server does not report usage."), includeUsage: false))
        },
        model("stub/no-cost", "No cost", "Reports token usage but no cost, like non-OpenRouter servers.") { _ in
            .stream(StubReply(content: words("Tokens counted, cost unknown."), cost: nil))
        },
        model("stub/fail-midstream", "Fails mid-stream", "Five chunks, then an error event in the stream.") { _ in
            .midStreamError(after: 5, code: 502, message: "Provider disconnected unexpectedly")
        },
        model("stub/disconnect", "Disconnects", "Five chunks, then the connection drops.") { _ in
            .disconnect(after: 5)
        },
        model("stub/truncated", "Truncated", "Five chunks, then the body ends with no finish_reason or [DONE].") { _ in
            .truncate(after: 5)
        },
        model("stub/http-502", "HTTP 502", "Fails at once with 502 Provider returned error.") { _ in
            .providerError()
        },
        model("stub/rate-limited", "Rate limited", "Fails at once with 429 and Retry-After: 1.") { _ in
            .rateLimited(retryAfter: 1)
        },
        model("stub/free", "Free", "A zero-priced model: answers at once, costs nothing, counts against the free limits.",
              prompt: "0", completion: "0") { _ in
            .stream(StubReply(content: words("Free answer: nothing to pay."), cost: "0"))
        },
        model("stub/free-daily", "Free daily limit", "Fails at once with the free tier's daily 429 (50/day) and X-RateLimit headers.",
              prompt: "0", completion: "0") { _ in
            .freeDailyLimit()
        },
        model("stub/free-minute", "Free per-minute limit", "Fails at once with the free tier's per-minute 429, resetting in 1 s.",
              prompt: "0", completion: "0") { _ in
            .freeMinuteLimit()
        },
        model("stub/error-200", "Error in 200", "HTTP 200 whose body is an error object with no choices.") { _ in
            .errorBody200
        },
        model("stub/stall", "Stalls", "One chunk, then silence until the client gives up.") { _ in
            .stall(after: 1)
        },
        model("stub/endless-line", "Endless line", "Three chunks, then `data: ` and a line that never ends.") { _ in
            .endlessLine(after: 3)
        },
        model("stub/keepalive-forever", "Keep-alives forever", "One chunk, then a keep-alive comment every second, forever.") { _ in
            .keepAlivesForever(after: 1, interval: 1)
        },
        model("stub/no-answer", "No answer", "Accepts the request and never answers.") { _ in
            .noAnswer
        },
        model("stub/open-after-usage", "Open after usage", "A whole reply with finish reason and usage, then the connection stays open.") { _ in
            .openAfterUsage(StubReply(content: words("Done, but the connection stays open.")))
        },
        model("stub/redirect", "Redirect", "Answers 307 to another host, with a user and password in the location.") { _ in
            .redirect(to: "https://user:secret@elsewhere.invalid/api/v1/chat/completions")
        },
        model("stub/malformed", "Malformed events", "A reply with two events that are not chunks among good ones.") { _ in
            .malformedEvents
        },
        model("stub/huge", "Huge", "Streams a 50 MB markdown reply in 16 kB chunks (about 5 s).") { _ in
            .stream(StubReply(content: hugePieces(bytes: 50_000_000, piece: 16_384), interChunkDelay: 0.001))
        },
        model("stub/auto", "Auto Router", "A router model with dynamic pricing (\"-1\"); answers as stub/echo.",
              prompt: "-1", completion: "-1") {
            .stream(echoReply(to: $0, model: echo))
        },
    ]

    /// Every built-in model id, in catalog order.
    public static var ids: [String] { all.map(\.id) }

    /// The behavior of the built-in model `id`, or nil if there is no such model.
    /// A variant id (`stub/echo:nitro`, stacked `stub/echo:free:online`) behaves as its base model.
    public static func behavior(forModel id: String, lastUserText: String) -> StubBehavior? {
        let wanted = all.contains { $0.id == id } ? id : baseID(id)
        return all.first { $0.id == wanted }?.behavior(lastUserText)
    }

    /// OpenRouter's variant suffixes, which the stub accepts after any of its ids. (The stub
    /// imports no Prism code, so it keeps its own list; `ModelVariant` is Prism's.)
    static let variantSuffixes: Set<Substring> = ["free", "nitro", "floor", "online", "exacto", "thinking", "extended"]

    /// `id` without the known variant suffixes at its end.
    static func baseID(_ id: String) -> String {
        var base = Substring(id)
        while let colon = base.lastIndex(of: ":"), variantSuffixes.contains(base[base.index(after: colon)...]) {
            base = base[..<colon]
        }
        return String(base)
    }

    /// The stub/echo reply: a short markdown answer quoting `text`.
    public static func echoReply(to text: String, model: String? = nil) -> StubReply {
        let quoted = text.isEmpty ? "> (empty)" : text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> " + $0 }.joined(separator: "\n")
        let answer = "You said:\n\n\(quoted)\n\nThis is a **stub** reply:\n\n- it echoes your message\n- it costs `$0.000042`\n"
        return StubReply(
            content: words(answer), reasoning: words("The user wants an echo. Quoting it back."), model: model,
            interChunkDelay: 0.01, promptTokens: 10 + text.count / 4, cachedTokens: 0, cost: "0.000042")
    }

    /// About `bytes` of markdown (numbered sections with prose, a list, code and a table) in
    /// pieces of `piece` bytes, cut between characters.
    public static func hugePieces(bytes: Int, piece: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var section = 0
        while pieces.count * piece < bytes {
            section += 1
            current += "## Section \(section)\n\nThe quick brown fox jumps over the lazy dog, and then it does it again, "
                + "a little slower, in section \(section).\n\n- first point\n- second point with `code`\n\n"
                + "```swift\nlet section = \(section)\nprint(section * 2) // doubled\n```\n\n"
                + "| n | n² |\n|---|---|\n| \(section) | \(section * section) |\n\n"
            if current.utf8.count >= piece {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Splits `text` into pieces of one word each, every piece keeping the whitespace after it.
    public static func words(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if !character.isWhitespace && !current.isEmpty && current.last!.isWhitespace
                && current.contains(where: { !$0.isWhitespace }) {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    static func model(
        _ id: String, _ name: String, _ summary: String, reasoning: Bool = false, structured: Bool = true,
        prompt: String = "0.000001", completion: String = "0.000002",
        behavior: @escaping @Sendable (String) -> StubBehavior
    ) -> StubModel {
        StubModel(
            id: id, name: "Stub: \(name)", summary: summary, promptPrice: prompt, completionPrice: completion,
            contextLength: 32768, maxCompletionTokens: 4096, supportsReasoning: reasoning,
            supportsStructuredOutputs: structured, behavior: behavior)
    }
}
