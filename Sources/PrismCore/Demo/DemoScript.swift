import Foundation

/// Writes the text a simulated model answers with.
///
/// Canned, but shaped by the prompt (it quotes it, and code questions get code),
/// with the markdown a real reply has: headings, lists, emphasis, a code block.
enum DemoScript {
    static func reasoning(for prompt: String) -> String {
        let topic = summary(of: prompt)
        return "The user asks about \(topic). I should answer briefly, give a concrete example, "
            + "and note that this whole conversation is simulated, offline, by Prism's demo mode."
    }

    static func answer(for prompt: String, model: DemoModel) -> String {
        let topic = summary(of: prompt)
        let lower = prompt.lowercased()
        if model.id == "demo/prism-coder" || ["code", "swift", "function", "bug", "python", "script"].contains(where: lower.contains) {
            return """
            Here is a small, self-contained example for **\(topic)**:

            ```swift
            /// Sums the prices of a list of replies, in USD.
            func totalCost(of replies: [Double]) -> Double {
                replies.reduce(0, +)
            }

            print(totalCost(of: [0.0012, 0.0004]))  // 0.0016
            ```

            - It takes an array and folds it with `+`.
            - Costs are tiny, so format them with enough digits.

            *(This reply is simulated by Prism's demo mode: no model was called.)*
            """
        }
        return """
        ## About \(topic)

        You asked: *\(topic)*. This is a **simulated** answer from Prism's offline demo, \
        streamed through the same decoder as a real OpenRouter reply.

        1. Pick a real model with `prism models`.
        2. Set `OPENROUTER_API_KEY` and ask again with `prism ask -m MODEL`.
        3. Compare costs: every reply reports its tokens and exact cost.

        > Demo replies cost nothing; the prices shown are what the simulated model *would* charge.
        """
    }

    /// The first line of the prompt, shortened, for quoting.
    static func summary(of prompt: String) -> String {
        let line = prompt.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "your question" }
        return trimmed.count > 60 ? String(trimmed.prefix(57)) + "..." : trimmed
    }

    /// Splits text into token-sized pieces (a word and its following space, or punctuation).
    static func tokens(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == " " || ch == "\n" || current.count >= 6 {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
