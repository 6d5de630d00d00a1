import Foundation
import PrismCore
import PrismTerminal

/// Draws compare mode: a pane per lane (columns, a 2×2 grid or tabs), each with a header, plus the summary line.
///
/// A pane's body is its lane drawn by `TranscriptPane`, as single chat's transcript is.
enum ComparePane {
    /// Rows of each pane's header (model line, figures line).
    static let headerRows = 2

    static func render(_ state: inout AppState, layouts: [TranscriptLayout], maxTokensCap: Int = 4096, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let models = state.comparedModels, !rect.isEmpty else { return }
        frame.fill(rect, style: theme.style(.background))
        let geometry = CompareLayout(area: rect, count: models.count, focused: state.focusedLane, screenHeight: state.size.height)
        for separator in geometry.separators {
            for y in separator.y..<separator.maxY { frame.put("│", at: Point(x: separator.x, y: y), style: theme.style(.border)) }
        }
        if let strip = geometry.tabs { tabs(models, focused: state.focusedLane, theme: theme, into: &frame, rect: strip) }
        for (lane, paneRect) in geometry.panes.enumerated() {
            guard let paneRect, lane < layouts.count, state.lanes.indices.contains(lane) else { continue }
            let (head, body) = paneRect.splitTop(headerRows)
            header(state, lane: lane, maxTokensCap: maxTokensCap, theme: theme, into: &frame, rect: head)
            TranscriptPane.render(&state, lane: lane, layout: layouts[lane], bindings: bindings, theme: theme, into: &frame, rect: body)
        }
        summary(state, bindings: bindings, theme: theme, into: &frame, rect: geometry.summary)
    }

    /// Model name and cost on the first row; provider, speed, tokens and finish reason (or the error) on the second.
    private static func header(_ state: AppState, lane: Int, maxTokensCap: Int, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.height >= 1, let model = state.model(ofLane: lane) else { return }
        let reply = state.session.lastReply(inLane: lane)
        let focused = lane == state.focusedLane
        let rowStyle = focused ? theme.style(.selection) : theme.style(.surface, on: .surface)
        let top = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        frame.fill(top, style: rowStyle)
        // A tool turn's cost is all its rounds', as in the reply's header.
        var cost = reply?.turnUsage.flatMap { $0.cost == nil ? nil : " " + Formatting.cost($0) + " " } ?? ""
        let shortName = CompareTabs.shortName(model)
        if let options = preview(state, lane: lane, maxTokensCap: maxTokensCap) {
            cost = options.first { 3 + DisplayWidth.of(shortName) + DisplayWidth.of($0) <= rect.width } ?? ""
        }
        // The full model id when it fits beside the cost, else without its vendor prefix.
        let name = 3 + DisplayWidth.of(model) + DisplayWidth.of(cost) <= rect.width ? model : shortName
        var title = StyledLine(focused ? "▌" : " ", focused ? rowStyle.adding(.bold) : theme.style(.accent, on: .surface))
        title.append("\(lane + 1) ", rowStyle)
        // Cut at a word with "…" rather than mid-word by the pane's edge.
        title.append(TerminalSanitizer.sanitize(name).truncatedAtWord(to: max(1, rect.width - 3), separators: "/-_:"), rowStyle.adding(.bold))
        frame.put(title, at: Point(x: rect.x, y: rect.y), clip: top)
        if !cost.isEmpty, DisplayWidth.of(title.text) + DisplayWidth.of(cost) <= rect.width {
            frame.putRight(StyledLine(cost, rowStyle), row: rect.y, in: top)
        }
        guard rect.height >= 2 else { return }
        let second = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 1)
        let line = figures(state, lane: lane, reply: reply, theme: theme)
        frame.put(" " + line.text.truncatedAtWord(to: rect.width - 1), at: Point(x: rect.x, y: second.y), style: line.style, clip: second)
    }

    /// What the first header row shows at its right while a draft would be sent: sending it
    /// here, as "≈ $0.0031 in · ≤ $0.012", or only the worst case when the pane is narrow.
    /// The last reply's exact cost stays on its message and in the summary line.
    static func preview(_ state: AppState, lane: Int, maxTokensCap: Int) -> [String]? {
        guard CostPreview.wouldSend(state), let estimate = CostPreview.estimate(state, lane: lane, maxTokensCap: maxTokensCap) else { return nil }
        guard let input = estimate.inputCost else { return [" no price "] }
        guard let worst = estimate.worstCase else { return [" ≈ \(Formatting.usd(input)) in "] }
        return [" ≈ \(Formatting.usd(input)) in · ≤ \(Formatting.usd(worst)) ", " ≤ \(Formatting.usd(worst)) "]
    }

    /// The second header row: what the pane is doing or how its reply went.
    static func figures(_ state: AppState, lane: Int, reply: Message?, theme: Theme) -> (text: String, style: Style) {
        if let stream = state.lanes[lane].stream {
            var parts = [StatusBar.spinner[state.spinnerFrame % StatusBar.spinner.count] + " " + stream.phase(at: state.now)]
            if let first = stream.firstTokenAt { parts.append("ttft " + Formatting.duration(ms: first.timeIntervalSince(stream.startedAt) * 1000)) }
            if let provider = reply?.provider { parts.append("via " + TerminalSanitizer.sanitize(provider)) }
            return (parts.joined(separator: " · "), theme.style(.spinner))
        }
        guard let reply else { return ("no reply yet", theme.style(.textMuted)) }
        if reply.status == .failed { return ("✗ " + (reply.failure?.oneLine ?? "failed"), theme.style(.error)) }
        var parts: [String] = reply.status == .cancelled ? ["⊘ cancelled"] : []
        if let note = ServedRoute.explain(reply) {
            parts.append("↪ " + TerminalSanitizer.sanitize(note))
        } else if let provider = reply.provider {
            parts.append(TerminalSanitizer.sanitize(provider))
        }
        if let ttft = reply.timings?.ttftMs { parts.append("ttft " + Formatting.duration(ms: ttft)) }
        if let rate = Formatting.rate(reply.timings, completionTokens: reply.usage?.completionTokens) { parts.append(rate) }
        if let u = reply.usage {
            parts.append("↑\(u.promptTokens.map(Formatting.tokens) ?? "?") ↓\(u.completionTokens.map(Formatting.tokens) ?? "?")")
        }
        if reply.status == .cancelled { return (parts.joined(separator: " · "), theme.style(.warning)) }
        if let finish = reply.finishReason { parts.append(TerminalSanitizer.sanitize(finish)) }
        return (parts.joined(separator: " · "), theme.style(.textMuted))
    }

    /// The tab strip of the narrow layout.
    private static func tabs(_ models: [String], focused: Int, theme: Theme, into frame: inout Frame, rect: Rect) {
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        var x = rect.x
        for (i, label) in CompareTabs.labels(models).enumerated() {
            let style = i == focused ? theme.style(.selection).adding(.bold) : theme.style(.textMuted, on: .surface)
            x = frame.put(TerminalSanitizer.sanitize(label), at: Point(x: x, y: rect.y), style: style, clip: rect) + 1
        }
    }

    /// The summary line across the panes; segments that do not fit are dropped from the end.
    private static func summary(_ state: AppState, bindings: KeyBindings, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let models = state.comparedModels, !rect.isEmpty else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        let replies = models.indices.map { state.session.lastReply(inLane: $0) }
        var segments = CompareSummaryLine.segments(models: models, replies: replies,
                                                   streaming: state.lanes.filter { $0.stream != nil }.count)
        if state.scrollLocked { segments.insert("scroll locked", at: 0) }
        if segments.isEmpty { segments = ["Compare: " + Formatting.count(models.count, "model") + " · \(bindings.name(.previousPane))/\(bindings.name(.nextPane)) focus · "
            + "\(bindings.name(.pickPane)) pick · \(bindings.name(.help)) keys"] }
        var text = " " + segments.joined(separator: " · ")
        while DisplayWidth.of(text) > rect.width, segments.count > 1 {
            segments.removeLast()
            text = " " + segments.joined(separator: " · ")
        }
        frame.put(text.truncated(to: rect.width), at: Point(x: rect.x, y: rect.y), style: theme.style(.cost, on: .surface), clip: rect)
    }
}
