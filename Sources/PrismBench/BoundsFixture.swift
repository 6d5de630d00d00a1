import Foundation
import PrismCore

/// The oversized inputs of the "bounds" benchmark, built deterministically: a 50 MB
/// reply, a 200,000-model catalog and a 1 MB paste.
enum BoundsFixture {
    static let replyBytes = 50_000_000

    /// Kinds of oversized reply: ordinary markdown, one line with no newline at all, one code block.
    enum ReplyShape: String, CaseIterable {
        case markdown, line, code
    }

    /// About `bytes` of markdown shaped like `shape`.
    static func reply(bytes: Int = replyBytes, shape: ReplyShape = .markdown) -> String {
        var rng = SplitMix64(seed: 50)
        var text = ""
        text.reserveCapacity(bytes + 4096)
        switch shape {
        case .markdown:
            var part = 0
            while text.utf8.count < bytes {
                part += 1
                text += "# Part \(part)\n\n"
                text += ChatFixture.replyText(&rng, kind: 2) + "\n"
                text += ChatFixture.replyText(&rng, kind: 1) + "\n\n"
            }
        case .line:
            let words = ["stream", "buffer", "token", "reply", "width", "layout", "cache", "frame", "東京", "🙂", "**bold**", "`code`"]
            while text.utf8.count < bytes {
                for _ in 0..<64 { text += words[Int(rng.next() % UInt64(words.count))] + " " }
            }
        case .code:
            text += "```swift\n"
            while text.utf8.count < bytes { text += ChatFixture.codeLines(&rng, count: 64) }
            text += "```\n"
        }
        return text
    }

    /// A session whose last message is a reply of `text` (complete, or still streaming).
    static func session(reply text: String, streaming: Bool) -> Session {
        var session = ChatFixture.session(id: "20251113-030000-big", messages: 20)
        let leaf = session.currentLeafID
        let at = ChatFixture.start.addingTimeInterval(3_600)
        let user = Message(id: "big-u", parentID: leaf, role: .user, content: "Write it all out, please.", createdAt: at)
        session.append(user)
        var reply = Message(id: "big-a", parentID: user.id, role: .assistant, content: text, createdAt: at)
        reply.modelRequested = ChatFixture.model
        reply.status = streaming ? .streaming : .complete
        if !streaming {
            reply.modelServed = ChatFixture.model
            reply.finishReason = "stop"
            reply.usage = TokenUsage(promptTokens: 1_000, completionTokens: text.utf8.count / 4, totalTokens: 1_000 + text.utf8.count / 4)
        }
        session.append(reply)
        return session
    }

    /// `count` models shaped like OpenRouter's: provider/family-size-variant ids, prices, contexts, dates.
    static func catalog(count: Int = 200_000) -> [ModelInfo] {
        var rng = SplitMix64(seed: 200)
        let providers = ["anthropic", "openai", "google", "meta-llama", "mistralai", "qwen", "deepseek", "cohere",
                         "x-ai", "nvidia", "microsoft", "amazon", "perplexity", "nousresearch", "thedrummer", "sao10k"]
        let families = ["claude", "gpt", "gemini", "llama", "mistral", "qwen", "deepseek", "command", "grok",
                        "nemotron", "phi", "nova", "sonar", "hermes", "rocinante", "euryale", "mixtral", "gemma"]
        let variants = ["instruct", "chat", "turbo", "mini", "pro", "flash", "vision", "preview", "coder", "thinking", "free", "exp"]
        var models: [ModelInfo] = []
        models.reserveCapacity(count)
        for i in 0..<count {
            let provider = providers[Int(rng.next() % UInt64(providers.count))]
            let family = families[Int(rng.next() % UInt64(families.count))]
            let variant = variants[Int(rng.next() % UInt64(variants.count))]
            let size = [1, 3, 7, 8, 14, 32, 70, 405][Int(rng.next() % 8)]
            let version = "\(1 + rng.next() % 4).\(rng.next() % 10)"
            let id = "\(provider)/\(family)-\(version)-\(size)b-\(variant)-\(i)"
            let name = "\(provider.capitalized): \(family.capitalized) \(version) \(size)B \(variant.capitalized) #\(i)"
            let free = rng.next() % 10 == 0
            let prompt = free ? Decimal(0) : Decimal(Int(rng.next() % 3_000) + 1) / Decimal(100_000_000)
            let completion = free ? Decimal(0) : prompt * 4
            let unknownPrice = rng.next() % 200 == 0
            models.append(ModelInfo(
                id: id, name: name, created: Date(timeIntervalSince1970: 1_600_000_000 + Double(rng.next() % 150_000_000)),
                contextLength: [4_096, 8_192, 32_768, 128_000, 200_000, 1_000_000][Int(rng.next() % 6)],
                inputModalities: rng.next() % 3 == 0 ? ["text", "image"] : ["text"],
                pricing: unknownPrice ? ModelPricing() : ModelPricing(prompt: prompt, completion: completion),
                supportedParameters: rng.next() % 2 == 0 ? ["tools", "reasoning"] : ["tools"]))
        }
        return models
    }

    /// About 1 MB of pasted text: prose and code lines, some CJK, lines of every length.
    static func paste(bytes: Int = 1_000_000) -> String {
        var rng = SplitMix64(seed: 1)
        var text = ""
        text.reserveCapacity(bytes + 1024)
        while text.utf8.count < bytes {
            text += ChatFixture.replyText(&rng, kind: Int(rng.next() % 3)) + "\n"
            text += ChatFixture.codeLines(&rng, count: 8)
        }
        return text
    }
}
