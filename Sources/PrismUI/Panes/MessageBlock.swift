import Foundation
import PrismCore
import PrismTerminal

/// Lays out one message of the transcript: header, reasoning, body, status line, gap.
///
/// The body comes from a `BodyLayout` (markdown for replies, wrapped text for
/// prompts), which caches its own work; this type adds the chrome around it.
struct MessageBlock {
    let message: Message
    let width: Int
    let theme: Theme
    let expanded: Bool
    let selected: Bool
    let streaming: Bool
    let siblingIndex: Int
    let siblingCount: Int
    let spinner: String
    var reasoningKey = "Ctrl-R"
    /// The reply's tool rounds (`ToolLines`), drawn after the reasoning and before the final text.
    var toolLines: [StyledLine] = []

    static let gutter = 2

    func lines(body: [StyledLine]) -> [StyledLine] {
        lines(indentedBody: body.map { Self.indent($0, selected: selected, theme: theme) })
    }

    /// The block around a body whose lines are already indented with `indent`.
    func lines(indentedBody: [StyledLine]) -> [StyledLine] {
        top() + indentedBody + bottom()
    }

    /// What comes before the body: the header and the reasoning (or its one-line summary).
    ///
    /// `reasoningWords` is the reasoning's word count when the caller keeps it (counting
    /// a long reasoning every frame would cost its length).
    func top(reasoningWords: Int? = nil) -> [StyledLine] {
        var out: [StyledLine] = [header()]
        if let note = message.routeDecision {
            // Where routing sent the prompt and why, in one line (wrapped within 80 columns).
            let wrap = max(1, min(width, 80) - Self.gutter)
            for line in TextWrap.wrap("⇢ " + TerminalSanitizer.sanitize(note.line), style: theme.style(.textMuted), width: wrap) {
                out.append(indent(line))
            }
        }
        if let note = ServedRoute.explain(message) {
            // How the reply was served when not as asked (a fallback, a router's pick, another provider).
            for line in TextWrap.wrap("↪ " + TerminalSanitizer.sanitize(note), style: theme.style(.textMuted), width: max(1, width - Self.gutter)) {
                out.append(indent(line))
            }
        }
        let reasoning = message.reasoning ?? ""
        if !reasoning.isEmpty {
            if expanded {
                let style = theme.style(.reasoning)
                for line in TextWrap.wrap(TerminalSanitizer.sanitize(reasoning), style: style, width: max(1, width - Self.gutter - 2)) {
                    var l = StyledLine("│ ", theme.style(.reasoning))
                    l.spans += line.spans
                    out.append(indent(l))
                }
            } else {
                let words = reasoningWords ?? reasoning.split(whereSeparator: \.isWhitespace).count
                let thinking = streaming && message.content.isEmpty
                out.append(indent(StyledLine("▸ \(thinking ? "thinking " + spinner : "reasoning") · " + Formatting.count(words, "word") + " (\(reasoningKey))", theme.style(.reasoning))))
            }
        }
        out += toolLines.map(indent)
        return out
    }

    /// What comes after the body: the wait for the first token, the failure or cancellation, the gap.
    func bottom() -> [StyledLine] {
        var out = extras()
        let reasoning = message.reasoning ?? ""
        let toolsBusy = message.toolRounds?.last?.steps.contains { !$0.isDone } ?? false
        if streaming, message.content.isEmpty, reasoning.isEmpty, (message.toolCalls ?? []).isEmpty, !toolsBusy {
            out.append(indent(StyledLine("\(spinner) waiting for the first token…", theme.style(.textMuted))))
        }
        switch message.status {
        case .failed?:
            let text = "✗ " + (message.failure?.oneLine ?? "failed")
            for line in TextWrap.wrap(text, style: theme.style(.error), width: max(1, width - Self.gutter)) { out.append(indent(line)) }
        case .cancelled?:
            out.append(indent(StyledLine("⊘ cancelled · the text above is what arrived", theme.style(.warning))))
        default:
            break
        }
        out.append(StyledLine())
        return out
    }

    /// What the message carries besides its text: a prompt's attachments, a reply's tool calls.
    ///
    /// Without them a prompt sent with a file would look like text alone, and a reply
    /// that is only tool calls would show an empty body.
    func extras() -> [StyledLine] {
        var items: [String] = message.attachments.map { "attached: " + $0.summary }
        items += (message.toolCalls ?? []).map { "tool call: " + $0.summary() }
        var out: [StyledLine] = []
        for item in items {
            for line in TextWrap.wrap(item, style: theme.style(.textMuted), width: max(1, width - Self.gutter)) { out.append(indent(line)) }
        }
        return out + references()
    }

    func indent(_ line: StyledLine) -> StyledLine {
        Self.indent(line, selected: selected, theme: theme)
    }

    /// A line moved right by the gutter, which shows a bar when the message is selected.
    static func indent(_ line: StyledLine, selected: Bool, theme: Theme) -> StyledLine {
        var spans = [Span(selected ? "▌ " : "  ", theme.style(.accent))]
        spans.reserveCapacity(line.spans.count + 1)
        spans += line.spans
        return StyledLine(spans)
    }

    private func header() -> StyledLine {
        var line = StyledLine(selected ? "▌ " : "  ", theme.style(.accent))
        switch message.role {
        case .user:
            line.append("You", theme.style(.user).adding(.bold))
            if siblingCount > 1 { line.append("  ‹\(siblingIndex + 1)/\(siblingCount)›", theme.style(.accent)) }
        case .system:
            line.append("System", theme.style(.system).adding(.bold))
        case .tool:
            line.append("Tool", theme.style(.system).adding(.bold))
        case .assistant:
            let model = message.modelServed ?? message.modelRequested ?? "assistant"
            line.append(TerminalSanitizer.sanitize(model), theme.style(.assistant).adding(.bold))
            if let provider = message.provider { line.append(" via \(TerminalSanitizer.sanitize(provider))", theme.style(.textMuted)) }
            if siblingCount > 1 { line.append("  ‹\(siblingIndex + 1)/\(siblingCount)›", theme.style(.accent)) }
            var facts: [String] = []
            // A tool turn's figures are every round's together.
            if let u = message.turnUsage {
                if let out = u.completionTokens { facts.append("\(Formatting.tokens(out)) tok") }
                // A cost from OpenRouter's record (the stream had none, e.g. cancelled) says so.
                if u.cost != nil {
                    facts.append(Formatting.cost(u) + (u.source == .generation ? " billed" : ""))
                } else if message.toolRounds?.isEmpty == false, !streaming {
                    // A turn with a round whose cost is still to come (or never came) says so, not a partial sum.
                    facts.append(Formatting.cost(nil))
                }
            }
            if let t = message.timings?.totalMs { facts.append(Formatting.duration(ms: t)) }
            // Prompt tokens read from a cache, when the line has room for them too.
            var withCache = facts
            if let cached = message.turnUsage?.cachedTokens, cached > 0 {
                withCache.insert("cache \(Formatting.tokens(cached))", at: min(1, withCache.count))
            }
            for candidate in [withCache, facts] where !candidate.isEmpty {
                let text = "  " + candidate.joined(separator: " · ")
                let used = DisplayWidth.of(line.text)
                let pad = max(2, width - used - DisplayWidth.of(text))
                if used + DisplayWidth.of(text) + 2 <= width {
                    line.append(String(repeating: " ", count: pad - 2), theme.style(.textMuted))
                    line.append(text, theme.style(.cost))
                    break
                }
            }
        }
        return line
    }
}
