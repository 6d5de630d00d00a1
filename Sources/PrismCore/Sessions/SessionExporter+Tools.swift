import Foundation

extension SessionExporter {
    /// A reply's tool rounds in Markdown: each round's text, then each call with its
    /// arguments as a code block, how it was approved, and its result folded in `<details>`.
    static func toolRounds(_ rounds: [ToolRound]) -> String {
        var out = ""
        for (n, round) in rounds.enumerated() {
            out += "**Tool round \(n + 1)**\n\n"
            let text = round.content.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { out += text + "\n\n" }
            for step in round.steps {
                let name = step.server.map { "\($0)/\(step.tool ?? "?")" } ?? (step.call.name ?? "?")
                out += "- Tool call " + codeSpan(TerminalSanitizer.metadata(name)) + " · " + approvalText(step) + "\n\n"
                out += fenced(ToolArguments.pretty(step.call.arguments), language: "json")
                let summary = step.output?.isError == true || step.approval == .denied ? "Result (error)" : "Result"
                out += "  <details>\n  <summary>\(summary)</summary>\n\n" + fenced(step.resultText, language: "") + "  </details>\n\n"
            }
        }
        return out
    }

    private static func approvalText(_ step: ToolStep) -> String {
        switch step.approval {
        case .once?: return "approved once"
        case .alwaysTool?: return "approved: always this tool"
        case .alwaysServer?: return "approved: always this server"
        case .preapproved?: return "approved beforehand"
        case .denied?: return "denied"
        case nil: return step.server == nil ? "unknown tool, not run" : (step.output == nil ? "not answered" : "not run")
        }
    }

    /// Text in a fenced block (indented under the list item) whose fence is longer than any backtick run inside.
    private static func fenced(_ text: String, language: String) -> String {
        var longest = 0, run = 0
        for c in text { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return "  \(fence)\(language)\n\(body)\n  \(fence)\n\n"
    }
}
