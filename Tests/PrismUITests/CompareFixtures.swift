import Foundation
import PrismCore
import PrismTerminal
@testable import PrismUI

/// Stable compare-mode states for golden frames: one shared prompt, a reply per model, fixed figures.
enum CompareFixtures {
    static let models = ["anthropic/claude-sonnet-4.5", "openai/gpt-5-mini", "google/gemini-2.5-flash:free", "qwen/qwen3-coder"]
    static let providers = ["Anthropic", "OpenAI", "Google AI Studio", "Alibaba"]

    static let replies = [
        "Tokyo is **mild** today: about 18°C with light cloud 🌤.\n\n- morning: clear\n- evening: a chance of rain",
        "Expect 17–19°C, partly cloudy. Carry an umbrella ☔ after 6pm.",
        "## 東京\n\nCool and cloudy, 18°C. Rain is likely in the evening, so plan indoor activities after dark.",
        "```text\ntemp: 18C\nsky:  cloudy\nrain: 60% after 18:00\n```",
    ]

    /// Compare mode with `count` panes, all finished; optionally pane 2 failed mid-stream and pane 3 still streaming.
    static func state(_ size: Size, panes count: Int, failing: Bool = false, focused: Int = 0) -> AppState {
        let epoch = UIFixtures.epoch
        var session = Session(id: "20261122-040000-cmpr", title: "Tokyo weather", createdAt: epoch, model: models[0])
        session.startCompare(models: Array(models.prefix(count)))
        var n = 0
        let ids = session.appendRound("What's the weather like in Tokyo today? 東京", at: epoch) { n += 1; return "c\(n)" }
        for (i, id) in ids.enumerated() {
            var reply = Reply()
            reply.content = replies[i]
            reply.model = models[i]
            reply.provider = providers[i]
            reply.finishReason = "stop"
            reply.usage = TokenUsage(promptTokens: 1200 + i * 37, completionTokens: 40 + i * 61 % 90,
                                     cost: i == 2 ? 0 : Decimal(string: ["0.004125", "0.000410", "0", "0.000287"][i]))
            reply.timings = ReplyTimings(ttftMs: [820, 390, 610, 1450][i], totalMs: [2300, 1900, 1500, 3800][i],
                                         tokensPerSecond: [95, 140, 210, 60][i])
            if failing, i == 1 {
                reply.content = "Expect 17–19°C, partly"
                reply.finishReason = nil
                reply.failure = ReplyFailure(kind: .stream, code: "502", message: "Provider returned error", provider: "OpenAI")
            }
            var message = session.message(id)!
            message.apply(reply)
            session.update(message, at: epoch)
        }
        var state = AppState(size: size, session: session, demo: false, theme: "dark", now: epoch.addingTimeInterval(30))
        state.catalog = UIFixtures.catalog
        state.catalogFetchedAt = epoch
        state.focusedLane = focused
        if failing, count >= 3 {
            let id = ids[2]
            var message = session.message(id)!
            message.content = "Cool and cloudy, 18°C. Rain is"
            message.status = .streaming
            message.usage = nil
            message.timings = nil
            message.finishReason = nil
            state.session.update(message, at: epoch)
            var stream = StreamState(requestID: 3, messageID: id, startedAt: epoch.addingTimeInterval(27))
            stream.firstTokenAt = epoch.addingTimeInterval(27.6)
            state.lanes[2].stream = stream
        }
        state.prompt.set("And tomorrow?")
        return state
    }
}
