import Foundation

extension ChatRequest {
    /// Indices into `messages` that get a `cache_control` breakpoint; empty unless the model
    /// needs explicit breakpoints and `cache.auto` is on.
    ///
    /// Marked, when the prefix ending there is at least `cache.minTokens` (estimated at the
    /// model family's bytes per token): the system prompt, the user message before the newest
    /// (read back from the previous turn's write) and the newest user message (written for the
    /// next turn). Never more than Anthropic's four.
    public var cacheBreakpoints: [Int] {
        guard cache.auto, PromptCacheSettings.needsBreakpoints(model), !messages.isEmpty else { return [] }
        let bytesPerToken = TokenRatio.familyDefault(for: model)
        var prefix: [Int] = []
        var total = 0.0
        for message in messages {
            total += Double(message.content.utf8.count) / bytesPerToken
            prefix.append(Int(total.rounded(.up)))
        }
        var candidates: [Int] = []
        if messages[0].role == .system { candidates.append(0) }
        let users = messages.indices.filter { messages[$0].role == .user }
        candidates += users.suffix(2)
        let marked = candidates.filter { prefix[$0] >= cache.minTokens }
        return Array(Set(marked)).sorted().suffix(PromptCacheSettings.maxBreakpoints)
    }

    /// An encoded message with a breakpoint on its last text part, turning a plain string
    /// content into the one-part form `cache_control` needs.
    static func markCached(_ encoded: [String: Any]) -> [String: Any] {
        var out = encoded
        let control: [String: Any] = ["type": "ephemeral"]
        if let text = encoded["content"] as? String {
            out["content"] = [["type": "text", "text": text, "cache_control": control] as [String: Any]]
        } else if var parts = encoded["content"] as? [[String: Any]],
                  let last = parts.lastIndex(where: { $0["type"] as? String == "text" }) {
            parts[last]["cache_control"] = control
            out["content"] = parts
        }
        return out
    }
}
