import Foundation
import PrismCore

/// A long chat as the TUI sees it, built deterministically: the 10,000-message session of
/// the UI benchmarks (render in-process, memory of `prism --resume`).
///
/// Unlike `SessionFixture` (sized for the store benchmarks, every reply ~2 KB), replies
/// here vary like a real chat: short answers of a sentence or two, medium ones with a
/// list, long ones with a fenced code block and a table; some prompts and replies carry
/// CJK text and emoji (wide characters, grapheme clusters). Every reply has the usage,
/// timings and provider a real one records; every twentieth exchange was regenerated,
/// so the session has sibling branches.
enum ChatFixture {
    static let start = Date(timeIntervalSince1970: 1_763_000_000)
    static let model = "anthropic/claude-sonnet-4.5"

    static func session(id: String = "20251113-020000-b10k", messages count: Int = 10_000, seed: UInt64 = 7) -> Session {
        var rng = SplitMix64(seed: seed)
        var session = Session(id: id, title: "Ten thousand messages", createdAt: start,
                              systemPrompt: "You are a concise assistant.", model: model,
                              settings: RequestSettings(maxTokens: 4096))
        session.messages.reserveCapacity(count)
        var parent: String?
        var n = 0
        var clock = start
        func nextID() -> String {
            n += 1
            return String(format: "m%06d", n)
        }
        while session.messages.count < count {
            clock += 45
            let user = Message(id: nextID(), parentID: parent, role: .user, content: prompt(&rng, turn: n), createdAt: clock)
            session.messages.append(user)
            guard session.messages.count < count else { break }
            var reply = assistant(&rng, id: nextID(), parent: user.id, at: clock + 6)
            if (n / 2) % 20 == 19, session.messages.count + 2 < count {
                session.messages.append(reply)  // the first attempt stays as a sibling branch
                reply = assistant(&rng, id: nextID(), parent: user.id, at: clock + 25)
            }
            session.messages.append(reply)
            parent = reply.id
        }
        session.currentLeafID = parent ?? session.messages.last?.id
        session.updatedAt = clock
        return session
    }

    /// Text of a reply as it streams: markdown tokens, no `ж` (the keystroke probe) anywhere.
    static func streamTokens(count: Int) -> [String] {
        var rng = SplitMix64(seed: 99)
        var text = ""
        while text.count < count * 6 { text += replyText(&rng, kind: 2) + "\n" }
        // Split into word-sized tokens, as a model streams them (whitespace stays attached).
        var tokens: [String] = []
        var current = ""
        for ch in text {
            if ch == " " || ch == "\n", !current.isEmpty, current != " " {
                tokens.append(current)
                current = ""
                if tokens.count == count { break }
            }
            current.append(ch)
        }
        if tokens.count < count, !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static let asks = [
        "How do I cancel a TaskGroup cleanly when one child fails?",
        "東京で一番おすすめのラーメン屋は？ Also, what should I order?",
        "Why is this loop quadratic? 🤔",
        "Summarise the diff below in two sentences.",
        "给我一个简单的例子：如何在 Swift 中读取文件？",
        "What's the difference between `actor` and a class with a lock?",
        "Can you make this function generic over the element type?",
        "Thanks! 👍 One more thing: how do I test it?",
    ]

    private static func prompt(_ rng: inout SplitMix64, turn: Int) -> String {
        var text = asks[Int(rng.next() % UInt64(asks.count))]
        if rng.next() % 5 == 0 {
            text += "\n\n```swift\n" + codeLines(&rng, count: 4 + Int(rng.next() % 6)) + "```"
        } else if rng.next() % 4 == 0 {
            text += " I tried the obvious approach first, but it still allocates on every iteration (turn \(turn))."
        }
        return text
    }

    private static func assistant(_ rng: inout SplitMix64, id: String, parent: String, at date: Date) -> Message {
        let roll = rng.next() % 10
        let kind = roll < 4 ? 0 : (roll < 8 ? 1 : 2)  // 40 % short, 40 % medium, 20 % long
        var m = Message(id: id, parentID: parent, role: .assistant, content: replyText(&rng, kind: kind), createdAt: date)
        if rng.next() % 6 == 0 {
            m.reasoning = "The user wants a practical answer; check the semantics first, then give a minimal example."
        }
        let promptTokens = 1_200 + Int(rng.next() % 4_000)
        let completion = m.content.utf8.count / 4
        m.modelRequested = model
        m.modelServed = model
        m.provider = rng.next() % 3 == 0 ? "Google" : "Anthropic"
        m.generationID = "gen-\(1_763_000_000 + Int(rng.next() % 1_000_000))-" + String(rng.next(), radix: 36)
        m.finishReason = "stop"
        m.nativeFinishReason = "end_turn"
        m.usage = TokenUsage(promptTokens: promptTokens, completionTokens: completion, totalTokens: promptTokens + completion,
                             cost: Decimal(promptTokens) * Decimal(string: "0.000003")! + Decimal(completion) * Decimal(string: "0.000015")!)
        let ttft = 250 + Double(rng.next() % 1_200)
        m.timings = ReplyTimings(ttftMs: ttft, totalMs: ttft + Double(completion) * 11, tokensPerSecond: 90)
        m.status = .complete
        return m
    }

    private static let sentences = [
        "Cancellation is cooperative: a cancelled task keeps running until it checks.",
        "When the group's scope exits, every child that is still running is cancelled and awaited.",
        "Use `try Task.checkCancellation()` in long loops, or **`Task.isCancelled`** when you must clean up first.",
        "この方法なら、メモリ使用量は一定のままです。",
        "The allocation comes from copying the array on each pass, so hoist it out of the loop. 🚀",
        "In release builds the optimiser may reorder work, which is why it only shows up there.",
        "简单来说：先读取一块，处理完再读取下一块。",
        "Keep the *public* surface small; you can always add an overload later.",
    ]

    /// kind 0: a short answer; 1: a paragraph and a list; 2: headings, code, a table, a quote.
    static func replyText(_ rng: inout SplitMix64, kind: Int) -> String {
        func sentence() -> String { sentences[Int(rng.next() % UInt64(sentences.count))] }
        switch kind {
        case 0:
            return sentence() + (rng.next() % 2 == 0 ? " " + sentence() : "")
        case 1:
            var text = sentence() + " " + sentence() + " " + sentence() + "\n\n"
            for i in 1...(3 + Int(rng.next() % 3)) { text += "\(i). " + sentence() + "\n" }
            return text + "\nHope that helps! ✅"
        default:
            var text = "## Short answer\n\n"
            for _ in 0..<4 { text += sentence() + " " }
            text += "\n\n### Example\n\n```swift\n" + codeLines(&rng, count: 12 + Int(rng.next() % 14)) + "```\n\n"
            text += "| Approach | Cost | 备注 |\n|---|---:|---|\n| copy per pass | O(n²) | slow 🐢 |\n| hoisted buffer | O(n) | fast |\n\n"
            text += "- " + sentence() + "\n- " + sentence() + "\n\n> **Tip:** measure before and after. 📏\n"
            return text
        }
    }

    /// Lines of plausible Swift, picked by `rng` (shared by every benchmark fixture).
    static func codeLines(_ rng: inout SplitMix64, count: Int) -> String {
        let lines = [
            "func process(_ url: URL) async throws -> Int {",
            "    let handle = try FileHandle(forReadingFrom: url)",
            "    defer { try? handle.close() }",
            "    var total = 0",
            "    for try await line in handle.bytes.lines {",
            "        try Task.checkCancellation()",
            "        total += line.utf8.count // bytes, not characters",
            "    }",
            "    return total",
            "}",
            "let result = try await withThrowingTaskGroup(of: Int.self) { group in",
            "    for url in urls { group.addTask { try await process(url) } }",
            "    return try await group.reduce(0, +)",
            "print(\"total: \\(result) bytes\\t(done) 完了\")",
        ]
        var out = ""
        for _ in 0..<count { out += lines[Int(rng.next() % UInt64(lines.count))] + "\n" }
        return out
    }
}
