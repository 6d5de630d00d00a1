import Foundation
import PrismCore

/// Realistic sessions for the store benchmarks, built deterministically.
///
/// Turns alternate a user prompt (a question, sometimes with pasted code) and an
/// assistant reply (~2 KB of markdown with a code block, sometimes reasoning) that
/// carries everything a real reply records: served model, provider, generation id,
/// finish reasons, usage with a Decimal cost, and timings. Every tenth exchange has
/// a regenerated sibling reply, so the tree has branches like a real session.
enum SessionFixture {
    static let start = Date(timeIntervalSince1970: 1_763_000_000)

    /// A session of `messages` messages (user and assistant, about half each).
    static func session(id: String, messages count: Int, seed: UInt64 = 1) -> Session {
        var rng = SplitMix64(seed: seed)
        var session = Session(id: id, title: "Benchmark session \(id)", createdAt: start,
                              systemPrompt: "You are a concise assistant for Swift developers.",
                              model: "anthropic/claude-sonnet-4.5",
                              settings: RequestSettings(maxTokens: 4096, temperature: 0.7))
        var parent: String?
        var n = 0
        var clock = start
        func nextID() -> String {
            n += 1
            return String(format: "m%06d", n)
        }
        while session.messages.count < count {
            clock += 30
            let user = Message(id: nextID(), parentID: parent, role: .user,
                               content: prompt(&rng, turn: n), createdAt: clock)
            session.messages.append(user)
            guard session.messages.count < count else { break }
            var reply = assistant(&rng, id: nextID(), parent: user.id, at: clock + 4)
            if (n / 2) % 10 == 9, session.messages.count + 2 < count {
                // A regenerated reply: the first one stays as a sibling branch.
                session.messages.append(reply)
                reply = assistant(&rng, id: nextID(), parent: user.id, at: clock + 20)
            }
            session.messages.append(reply)
            parent = reply.id
        }
        session.currentLeafID = parent ?? session.messages.last?.id
        session.updatedAt = clock
        return session
    }

    private static func prompt(_ rng: inout SplitMix64, turn: Int) -> String {
        let asks = [
            "Can you explain how structured concurrency handles cancellation in a TaskGroup?",
            "Why does this crash with \"Fatal error: Index out of range\" only in release builds?",
            "Rewrite this so it streams the file instead of loading it into memory.",
            "What is the difference between `Sendable` and `@unchecked Sendable` here?",
            "Give me a shell one-liner to find the 10 largest files under ~/Projects.",
        ]
        var text = asks[Int(rng.next() % UInt64(asks.count))] + " (turn \(turn))"
        if rng.next() % 3 == 0 {
            text += "\n\n```swift\n" + ChatFixture.codeLines(&rng, count: 6) + "```\n"
        }
        return text
    }

    private static func assistant(_ rng: inout SplitMix64, id: String, parent: String, at date: Date) -> Message {
        var m = Message(id: id, parentID: parent, role: .assistant, content: replyText(&rng), createdAt: date)
        if rng.next() % 4 == 0 {
            m.reasoning = "The user wants a practical answer. I should check the cancellation semantics first, "
                + "then show a minimal example and mention the pitfalls with detached tasks."
        }
        let prompt = 900 + Int(rng.next() % 3000)
        let completion = 350 + Int(rng.next() % 500)
        let cost = Decimal(prompt) * Decimal(string: "0.000003")! + Decimal(completion) * Decimal(string: "0.000015")!
        m.modelRequested = "anthropic/claude-sonnet-4.5"
        m.modelServed = "anthropic/claude-sonnet-4.5"
        m.provider = rng.next() % 2 == 0 ? "Anthropic" : "Google"
        m.generationID = "gen-\(1_763_000_000 + Int(rng.next() % 1_000_000))-" + String(rng.next(), radix: 36)
        m.finishReason = "stop"
        m.nativeFinishReason = "end_turn"
        m.usage = TokenUsage(promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion,
                             cachedTokens: prompt / 2, reasoningTokens: m.reasoning == nil ? 0 : 64, cost: cost)
        let ttft = 300 + Double(rng.next() % 1500) + 0.123
        let total = ttft + Double(completion) * 12.5
        // Whole milliseconds: session files keep dates to the millisecond.
        let startedAt = Date(timeIntervalSince1970: ((date.timeIntervalSince1970 - total / 1000) * 1000).rounded() / 1000)
        m.timings = ReplyTimings(startedAt: startedAt, ttftMs: ttft, totalMs: total,
                                 tokensPerSecond: Double(completion) / ((total - ttft) / 1000), attempts: 1)
        m.status = .complete
        return m
    }

    /// About 2 KB of markdown: a heading, paragraphs, a list and a code block.
    private static func replyText(_ rng: inout SplitMix64) -> String {
        let sentences = [
            "Cancellation in Swift is cooperative: a cancelled task keeps running until it checks.",
            "When the group's scope exits, every child task that is still running is cancelled and awaited.",
            "Use `try Task.checkCancellation()` in long loops, or `Task.isCancelled` when you need to clean up first.",
            "Note that `withTaskCancellationHandler` runs its handler concurrently with the operation.",
            "In release builds the optimiser may reorder work, which is why the bug only shows up there.",
            "Streaming keeps memory flat: read a chunk, process it, and let it go before reading the next one.",
        ]
        var text = "## Short answer\n\n"
        for _ in 0..<7 { text += sentences[Int(rng.next() % UInt64(sentences.count))] + " " }
        text += "\n\n### Example\n\n```swift\n" + ChatFixture.codeLines(&rng, count: 26) + "```\n\n### Details\n\n"
        for i in 1...6 { text += "\(i). " + sentences[Int(rng.next() % UInt64(sentences.count))] + "\n" }
        text += "\n> **Tip:** measure before and after; *\"fast\"* depends on the workload. ✅\n"
        return text
    }
}
