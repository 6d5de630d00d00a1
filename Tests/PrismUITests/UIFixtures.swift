import Foundation
import PrismCore
import PrismTerminal
@testable import PrismUI

/// Stable states for golden frames: fixed ids, times and content (CJK, emoji, markdown, a stream in flight).
enum UIFixtures {
    static let epoch = Date(timeIntervalSince1970: 1_763_780_000)

    static let catalog: [ModelInfo] = [
        ModelInfo(id: "anthropic/claude-sonnet-4.5", name: "Anthropic: Claude Sonnet 4.5", contextLength: 1_000_000,
                  inputModalities: ["text", "image", "file"], pricing: ModelPricing(prompt: Decimal(string: "0.000003"), completion: Decimal(string: "0.000015")),
                  maxCompletionTokens: 64000, supportedParameters: ["reasoning", "tools", "max_tokens"]),
        ModelInfo(id: "openai/gpt-5-mini", name: "OpenAI: GPT-5 Mini", contextLength: 400_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.00000025"), completion: Decimal(string: "0.000002")),
                  maxCompletionTokens: 128000, supportedParameters: ["tools", "max_tokens"]),
        ModelInfo(id: "openrouter/auto", name: "Auto Router", contextLength: 2_000_000),
        ModelInfo(id: "google/gemini-2.5-flash:free", name: "Google: Gemini 2.5 Flash (free)", contextLength: 1_048_576,
                  inputModalities: ["text", "image"], pricing: ModelPricing(prompt: 0, completion: 0)),
        ModelInfo(id: "qwen/qwen3-coder", name: "Qwen: Qwen3 Coder", contextLength: 262_144,
                  pricing: ModelPricing(prompt: Decimal(string: "0.0000002"), completion: Decimal(string: "0.0000008"))),
    ]

    static let reply = """
    ## 東京の天気 ☀️

    Here is a **short** answer with `inline code` and a list:

    - first point, long enough to wrap on narrow terminals without breaking words
    - second point 👩‍💻 with an emoji

    ```swift
    let total = costs.reduce(0, +) // sum
    ```
    """

    static func session() -> Session {
        var s = Session(id: "20261122-030000-abcd", title: "Weather in Tokyo", createdAt: epoch, model: "anthropic/claude-sonnet-4.5")
        s.append(Message(id: "u1", parentID: nil, role: .user, content: "東京の天気は？ What's the weather like in Tokyo today? 🌦", createdAt: epoch))
        var a = Message(id: "a1", parentID: "u1", role: .assistant, content: reply, createdAt: epoch)
        a.modelRequested = "anthropic/claude-sonnet-4.5"
        a.modelServed = "anthropic/claude-sonnet-4.5"
        a.provider = "Anthropic"
        a.reasoning = "The user asks about the weather in Tokyo. I cannot browse, so answer generally."
        a.usage = TokenUsage(promptTokens: 1234, completionTokens: 321, totalTokens: 1555, cost: Decimal(string: "0.008517"))
        a.timings = ReplyTimings(ttftMs: 420, totalMs: 2150, tokensPerSecond: 185)
        a.status = .complete
        s.append(a)
        return s
    }

    /// A state with the fixture session, at a size, optionally with a second reply streaming.
    static func state(_ size: Size, streaming: Bool = false, focus: AppState.Focus = .prompt) -> AppState {
        var state = AppState(size: size, session: session(), demo: false, theme: "dark", now: epoch.addingTimeInterval(30))
        state.catalog = catalog
        state.catalogFetchedAt = epoch
        state.focus = focus
        state.credits = KeyInfo(limit: 10, limitRemaining: Decimal(string: "7.42"), usage: Decimal(string: "2.58"))
        state.spentToday = Decimal(string: "0.0412")!
        if streaming {
            state.session.append(Message(id: "u2", parentID: "a1", role: .user, content: "And tomorrow? 明日は？", createdAt: epoch.addingTimeInterval(20)))
            var partial = Message(id: "a2", parentID: "u2", role: .assistant, content: "Tomorrow looks **cooler**, with rain in the 午後", createdAt: epoch.addingTimeInterval(21))
            partial.modelRequested = "anthropic/claude-sonnet-4.5"
            partial.provider = "Anthropic"
            partial.status = .streaming
            state.session.append(partial)
            var stream = StreamState(requestID: 1, messageID: "a2", startedAt: epoch.addingTimeInterval(21))
            stream.firstTokenAt = epoch.addingTimeInterval(22)
            stream.lastEventAt = epoch.addingTimeInterval(29.8)
            stream.lastTextAt = epoch.addingTimeInterval(29.8)
            state.lanes[0].stream = stream
        }
        state.prompt.set("Draft: 你好, how about next week?")
        return state
    }

    static func theme(_ support: ColorSupport = .truecolor) -> Theme {
        (try? ThemeCatalog(userDirectory: nil).load(name: "dark").adapted(to: support)) ?? Theme(name: "plain", styles: [:])
    }
}
