import Foundation
import PrismCore
import PrismTerminal

/// A reply's tool rounds in the transcript: each round's text, then one line per call
/// (`⚙ server/tool {args}` and its state), then its result on one line, or whole when
/// the reply's tool results are expanded. Everything from the model and the tools is
/// sanitised: a tool's output is as hostile as any text from the network.
struct ToolLines {
    let rounds: [ToolRound]
    let width: Int
    let theme: Theme
    let expanded: Bool
    /// The reply is still in its turn (calls not answered are waiting, not abandoned).
    let live: Bool
    /// When each running call of the last round started, and the time now.
    let starts: [Int: Date]
    let now: Date
    /// Results longer than this many lines show their start when expanded.
    static let expandedLimit = 40

    func lines() -> [StyledLine] {
        var out: [StyledLine] = []
        let inner = max(1, width - MessageBlock.gutter)
        for (r, round) in rounds.enumerated() {
            let text = round.content.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty {
                for line in TextWrap.wrap(TerminalSanitizer.sanitize(text), style: theme.style(.text), width: inner) { out.append(line) }
            }
            let last = r == rounds.count - 1
            for (n, step) in round.steps.enumerated() {
                out += callLines(step, running: last ? starts[n] : nil, pending: live && last, width: inner)
            }
        }
        if !out.isEmpty { out.append(StyledLine()) }
        return out
    }

    private func callLines(_ step: ToolStep, running: Date?, pending: Bool, width: Int) -> [StyledLine] {
        let name = step.server.map { "\($0)/\(step.tool ?? "?")" } ?? (step.call.name ?? "?")
        let (state, style) = Self.state(step, running: running, pending: pending, now: now, theme: theme)
        let arguments = TerminalSanitizer.metadata(ToolCall.compact(step.call.arguments))
        var head = StyledLine("⚙ ", theme.style(.accent))
        head.append(TerminalSanitizer.metadata(name), theme.style(.text).adding(.bold))
        let room = max(0, width - DisplayWidth.of(head.text) - DisplayWidth.of(state) - 3)
        if room > 3, !arguments.isEmpty { head.append(" " + arguments.truncated(to: room), theme.style(.textMuted)) }
        head.append("  " + state, style)
        var out = [head]
        // The state already says what a denied or capped call's answer says.
        guard let output = step.output, output.text != ToolStep.roundLimitText else { return out }
        let resultStyle = theme.style(output.isError ? .error : .textMuted)
        let clean = TerminalSanitizer.sanitize(output.text)
        if expanded {
            let all = clean.split(separator: "\n", omittingEmptySubsequences: false)
            for line in all.prefix(Self.expandedLimit) {
                for wrapped in TextWrap.wrap("  │ " + line, style: resultStyle, width: width) { out.append(wrapped) }
            }
            if all.count > Self.expandedLimit {
                out.append(StyledLine("  │ … \(all.count - Self.expandedLimit) more lines (the export has them all)", theme.style(.textMuted)))
            }
        } else {
            let (first, more) = Self.folded(clean)
            out.append(StyledLine(("  ↳ " + first).truncated(to: max(1, width - DisplayWidth.of(more))) + more, resultStyle))
        }
        return out
    }

    /// A result on one line: a JSON result squeezed onto it (a pretty-printed object's first
    /// line, `{`, says nothing), any other its first line, with ` …` when lines are left out.
    static func folded(_ text: String) -> (line: String, more: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = trimmed.first, open == "{" || open == "[", let data = trimmed.data(using: .utf8),
           (try? JSONSerialization.jsonObject(with: data)) != nil {
            return (ToolCall.compact(trimmed), "")
        }
        let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: true)
        return (lines.first.map(String.init) ?? "", lines.count > 1 ? " …" : "")
    }

    /// What became of a call, in a few words, and its style.
    static func state(_ step: ToolStep, running: Date?, pending: Bool, now: Date, theme: Theme) -> (String, Style) {
        if step.server == nil { return ("✗ unknown tool", theme.style(.error)) }
        if step.approval == .denied { return ("denied", theme.style(.warning)) }
        if let output = step.output {
            if output.text == ToolStep.roundLimitText { return ("not run: round limit", theme.style(.warning)) }
            let time = step.duration.map { " " + String(format: "%.1f s", $0) } ?? ""
            return output.isError ? ("✗ error" + time, theme.style(.error)) : ("✓" + time, theme.style(.success))
        }
        if let running { return ("running " + String(format: "%.1f s", max(0, now.timeIntervalSince(running))), theme.style(.accent)) }
        guard pending else { return ("not run", theme.style(.textMuted)) }
        return step.approval == nil ? ("waiting for approval", theme.style(.warning)) : ("starting", theme.style(.accent))
    }
}
