import Foundation

/// Turns a session into something to share: Markdown to read, or the session file itself.
///
/// Markdown shows what a reader needs to follow the conversation (who said what,
/// which model and provider answered, what it cost, what failed) and leaves the
/// rest to the JSON export, which is exactly the on-disk format and loads back.
///
/// The Markdown is text to keep and share, so it carries no control characters but
/// newline and tab (model output may hold escape sequences), and its metadata (title,
/// models, providers, errors) is cleaned to one line each (`TerminalSanitizer`).
public enum SessionExporter {
    /// The session as Markdown: the current branch, or with `branchOnly: false` every branch, depth first.
    public static func markdown(_ session: Session, branchOnly: Bool = true) -> String {
        TerminalSanitizer.forExport(rawMarkdown(session, branchOnly: branchOnly))
    }

    private static func rawMarkdown(_ session: Session, branchOnly: Bool) -> String {
        var out = "# \(session.title.isEmpty ? "Untitled session" : clean(session.title))\n\n"
        out += "_\(metadata(session))_\n"
        if let system = session.systemPrompt, !system.isEmpty {
            out += "\n**System prompt:**\n\n" + quoted(system) + "\n"
        }
        if branchOnly, let record = session.compare, record.models.count > 1 {
            out += comparePanes(session, models: record.models)
        } else if branchOnly {
            for message in session.currentBranch {
                out += "\n" + render(message, session: session, position: nil)
            }
        } else {
            var children: [String?: [Message]] = [:]
            for message in session.messages { children[message.parentID, default: []].append(message) }
            var stack: [(Message, (Int, Int)?)] = []
            func push(_ parent: String?) {
                let kids = children[parent] ?? []
                for (i, kid) in kids.enumerated().reversed() {
                    stack.append((kid, kids.count > 1 ? (i + 1, kids.count) : nil))
                }
            }
            // Messages whose parent is missing count as roots, so nothing is dropped.
            let ids = Set(session.messages.map(\.id))
            let orphans = session.messages.filter { $0.parentID != nil && !ids.contains($0.parentID!) }
            for orphan in orphans.reversed() { stack.append((orphan, nil)) }
            push(nil)
            var seen = Set<String>()
            while let (message, position) = stack.popLast() {
                guard seen.insert(message.id).inserted else { continue }
                out += "\n" + render(message, session: session, position: position)
                push(message.id)
            }
        }
        return out
    }

    /// A compare session: the part every pane shares, then each model's own thread under its name.
    ///
    /// The current branch alone would be one model's thread, and a compare session is
    /// read for what every model said.
    private static func comparePanes(_ session: Session, models: [String]) -> String {
        let threads = models.indices.map { session.thread(ofLane: $0) }
        var shared = 0
        while let first = threads.first, shared < first.count,
              threads.allSatisfy({ $0.count > shared && $0[shared].id == first[shared].id }) {
            shared += 1
        }
        var out = ""
        for message in threads.first?.prefix(shared) ?? [] {
            out += "\n" + render(message, session: session, position: nil)
        }
        for (pane, model) in models.enumerated() {
            out += "\n---\n\n## Pane \(pane + 1) of \(models.count): \(clean(model))\n"
            let own = threads[pane].dropFirst(shared)
            if own.isEmpty { out += "\n_No reply yet._\n" }
            for message in own {
                out += "\n" + render(message, session: session, position: nil)
            }
        }
        return out
    }

    /// The session file format itself: what `FileSessionStore` writes, readable by `SessionCodec.decode`.
    public static func json(_ session: Session) throws -> Data {
        try SessionCodec.encode(session)
    }

    private static func metadata(_ session: Session) -> String {
        var parts: [String] = []
        if let model = session.model { parts.append(clean(model)) }
        if let created = UTCTimestamp(session.createdAt) { parts.append(created.readable) }
        let cost = session.totalCost
        if cost.known { parts.append("total " + money(cost.cost, estimated: cost.estimated)) }
        parts.append(session.messages.count == 1 ? "1 message" : "\(session.messages.count) messages")
        return parts.joined(separator: " · ")
    }

    private static func render(_ message: Message, session: Session, position: (Int, Int)?) -> String {
        let suffix = position.map { " (\($0.0) of \($0.1))" } ?? ""
        switch message.role {
        case .user:
            var out = "## You\(suffix)\n\n\(message.content)\n"
            if !message.attachments.isEmpty {
                out += "\n" + message.attachments.map { "- Attachment: " + codeSpan($0.summary) }
                    .joined(separator: "\n") + "\n"
            }
            return out
        case .system:
            return "## System\(suffix)\n\n\(message.content)\n"
        case .tool:
            return "## Tool\(suffix)\n\n\(message.content)\n"
        case .assistant:
            let model = clean(message.modelServed ?? message.modelRequested ?? session.model ?? "Assistant")
            let provider = message.provider.map { " (\(clean($0)))" } ?? ""
            var out = "## \(model)\(provider)\(suffix)\n\n"
            let stats = statistics(message)
            if !stats.isEmpty { out += "_\(stats)_\n\n" }
            if let reasoning = message.reasoning, !reasoning.isEmpty {
                out += "<details>\n<summary>Reasoning</summary>\n\n\(reasoning)\n\n</details>\n\n"
            }
            if let rounds = message.toolRounds, !rounds.isEmpty { out += toolRounds(rounds) }
            if !message.content.isEmpty { out += message.content + "\n" }
            if let calls = message.toolCalls, !calls.isEmpty {
                for call in calls {
                    out += "\n- Tool call: " + codeSpan(call.summary(limit: nil)) + "\n"
                }
            }
            if let citations = message.citations, !citations.isEmpty {
                out += "\n**Sources**\n\n" + citations.enumerated().map { "\($0.offset + 1). " + $0.element.markdownLink }
                    .joined(separator: "\n") + "\n"
            }
            switch message.status {
            case .cancelled?:
                if let signal = message.failure?.interruptingSignal {
                    out += "\n> **Interrupted:** Prism received \(clean(signal)) before the reply finished.\n"
                } else {
                    out += "\n> **Cancelled:** the reply was stopped before it finished.\n"
                }
            case .failed?, .streaming?:
                out += "\n> **Failed:** \(clean(message.failure?.oneLine ?? Session.interruptedMessage))\n"
            case .complete?, nil:
                break
            }
            return out
        }
    }

    /// `12 in · 345 out tokens · $0.000093 · 1.2 s`, from whatever the reply recorded.
    private static func statistics(_ message: Message) -> String {
        var parts: [String] = []
        if let usage = message.turnUsage {
            var tokens: [String] = []
            if let prompt = usage.promptTokens { tokens.append("\(prompt) in") }
            if let completion = usage.completionTokens { tokens.append("\(completion) out") }
            if let reasoning = usage.reasoningTokens, reasoning > 0 { tokens.append("\(reasoning) reasoning") }
            if !tokens.isEmpty { parts.append(tokens.joined(separator: " · ") + " tokens") }
            if let cost = usage.cost { parts.append(money(cost, estimated: usage.costIsEstimate)) }
        }
        if let timings = message.timings {
            if let total = timings.totalMs, total.isFinite { parts.append(String(format: "%.1f s", total / 1000)) }
            if let speed = timings.measuredRate(completionTokens: message.usage?.completionTokens) { parts.append(String(format: "%.0f tok/s", speed)) }
        }
        return parts.joined(separator: " · ")
    }

    private static func clean(_ text: String) -> String {
        TerminalSanitizer.metadata(text)
    }

    /// One line as inline code, fenced with more backticks than it holds (so a backtick inside cannot end it).
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for c in text { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    private static func money(_ amount: Decimal, estimated: Bool) -> String {
        "$\(amount)" + (estimated ? " (estimated)" : "")
    }

    private static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }
}
