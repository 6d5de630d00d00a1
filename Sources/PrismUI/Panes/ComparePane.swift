import Foundation
import PrismCore
import PrismTerminal

/// Draws compare mode: a pane per model (columns, a 2×2 grid or tabs), each with a header, plus the summary line.
///
/// Each pane draws its model's thread through the transcript's own drawing code
/// with its own layout cache and scroll anchor, so panes scroll independently and
/// a streaming reply costs only its unfinished tail, as in the transcript.
enum ComparePane {
    /// Rows of each pane's header (model line, figures line).
    static let headerRows = 2

    static func render(_ state: inout AppState, layouts: [TranscriptLayout], theme: Theme, into frame: inout Frame, rect: Rect) {
        guard var compare = state.compare, !rect.isEmpty else { return }
        frame.fill(rect, style: theme.style(.background))
        let geometry = CompareLayout(area: rect, count: compare.panes.count, focused: compare.focused, screenHeight: state.size.height)
        for separator in geometry.separators {
            for y in separator.y..<separator.maxY { frame.put("│", at: Point(x: separator.x, y: y), style: theme.style(.border)) }
        }
        if let strip = geometry.tabs { tabs(compare, theme: theme, into: &frame, rect: strip) }
        let leaves = state.session.compare?.leafIDs ?? []
        let snapshot = state
        for (i, paneRect) in geometry.panes.enumerated() {
            guard let paneRect, i < layouts.count else { continue }
            let layout = layouts[i]
            let leaf = i < leaves.count ? leaves[i] : nil
            let ids = layout.branch(of: snapshot.session, endingAt: leaf)
            let last = ids.last.flatMap { snapshot.session.message($0) }
            let (head, body) = paneRect.splitTop(headerRows)
            header(snapshot, pane: i, reply: last?.role == .assistant ? last : nil, theme: theme, into: &frame, rect: head)
            guard !body.isEmpty else { continue }
            if ids.isEmpty {
                frame.put("Type a prompt: it goes to every pane.".truncated(to: body.width - 2), at: Point(x: body.x + 2, y: body.y + 1),
                          style: theme.style(.textMuted), clip: body)
                continue
            }
            let selected = snapshot.focus == .transcript && i == compare.focused ? snapshot.transcript.selectedMessageID : nil
            let context = TranscriptLayout.ViewContext(streamingID: compare.panes[i].stream?.messageID, selectedID: selected,
                                                        expanded: snapshot.transcript.expandedReasoning, spinnerFrame: snapshot.spinnerFrame,
                                                        showsSiblings: false)
            let width = body.width
            TranscriptPane.draw(ids: ids, view: &compare.panes[i].view, layout: layout, theme: theme, into: &frame, rect: body,
                                parts: { id in layout.partCount(of: id, in: snapshot.session, theme: theme) },
                                lines: { id, part in layout.lines(of: id, part: part, in: snapshot.session, context: context, width: width, theme: theme) })
        }
        state.compare = compare
        summary(snapshot, theme: theme, into: &frame, rect: geometry.summary)
    }

    /// Model name and cost on the first row; provider, speed, tokens and finish reason (or the error) on the second.
    private static func header(_ state: AppState, pane: Int, reply: Message?, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let compare = state.compare, rect.height >= 1 else { return }
        let focused = pane == compare.focused
        let rowStyle = focused ? theme.style(.selection) : theme.style(.surface, on: .surface)
        let top = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        frame.fill(top, style: rowStyle)
        let cost = reply?.usage.flatMap { $0.cost == nil ? nil : " " + Formatting.cost($0) + " " } ?? ""
        // The full model id when it fits beside the cost, else without its vendor prefix.
        let model = compare.panes[pane].model
        let name = 3 + DisplayWidth.of(model) + DisplayWidth.of(cost) <= rect.width ? model : CompareTabs.shortName(model)
        var title = StyledLine(focused ? "▌" : " ", focused ? rowStyle.adding(.bold) : theme.style(.accent, on: .surface))
        title.append("\(pane + 1) ", rowStyle)
        title.append(TerminalSanitizer.sanitize(name), rowStyle.adding(.bold))
        frame.put(title, at: Point(x: rect.x, y: rect.y), clip: top)
        if !cost.isEmpty, DisplayWidth.of(title.text) + DisplayWidth.of(cost) <= rect.width {
            frame.putRight(StyledLine(cost, rowStyle), row: rect.y, in: top)
        }
        guard rect.height >= 2 else { return }
        let second = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 1)
        let line = figures(state, pane: pane, reply: reply, theme: theme)
        frame.put(" " + line.text.truncated(to: rect.width - 1), at: Point(x: rect.x, y: second.y), style: line.style, clip: second)
    }

    /// The second header row: what the pane is doing or how its reply went.
    static func figures(_ state: AppState, pane: Int, reply: Message?, theme: Theme) -> (text: String, style: Style) {
        guard let compare = state.compare else { return ("", theme.style(.textMuted)) }
        if let stream = compare.panes[pane].stream {
            let spin = StatusBar.spinner[state.spinnerFrame % StatusBar.spinner.count]
            var parts = ["\(spin) \(stream.firstTokenAt == nil ? (stream.attempt > 1 ? "retry \(stream.attempt)" : "waiting") : "streaming") "
                         + String(format: "%.1fs", state.now.timeIntervalSince(stream.startedAt))]
            if let first = stream.firstTokenAt { parts.append("ttft " + Formatting.duration(ms: first.timeIntervalSince(stream.startedAt) * 1000)) }
            if let provider = reply?.provider { parts.append("via " + TerminalSanitizer.sanitize(provider)) }
            return (parts.joined(separator: " · "), theme.style(.spinner))
        }
        guard let reply else { return ("no reply yet", theme.style(.textMuted)) }
        if reply.status == .failed { return ("✗ " + (reply.failure?.oneLine ?? "failed"), theme.style(.error)) }
        var parts: [String] = reply.status == .cancelled ? ["⊘ cancelled"] : []
        if let provider = reply.provider { parts.append(TerminalSanitizer.sanitize(provider)) }
        if let ttft = reply.timings?.ttftMs { parts.append("ttft " + Formatting.duration(ms: ttft)) }
        if let tps = reply.timings?.tokensPerSecond, tps.isFinite { parts.append(String(format: "%.0f tok/s", tps)) }
        if let u = reply.usage {
            parts.append("↑\(u.promptTokens.map(Formatting.tokens) ?? "?") ↓\(u.completionTokens.map(Formatting.tokens) ?? "?")")
        }
        if reply.status == .cancelled { return (parts.joined(separator: " · "), theme.style(.warning)) }
        if let finish = reply.finishReason { parts.append(TerminalSanitizer.sanitize(finish)) }
        return (parts.joined(separator: " · "), theme.style(.textMuted))
    }

    /// The tab strip of the narrow layout.
    private static func tabs(_ compare: CompareState, theme: Theme, into frame: inout Frame, rect: Rect) {
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        var x = rect.x
        for (i, label) in CompareTabs.labels(compare.panes.map(\.model)).enumerated() {
            let style = i == compare.focused ? theme.style(.selection).adding(.bold) : theme.style(.textMuted, on: .surface)
            x = frame.put(TerminalSanitizer.sanitize(label), at: Point(x: x, y: rect.y), style: style, clip: rect) + 1
        }
    }

    /// The summary line across the panes; segments that do not fit are dropped from the end.
    private static func summary(_ state: AppState, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let compare = state.compare, !rect.isEmpty else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        let leaves = state.session.compare?.leafIDs ?? []
        let replies: [Message?] = compare.panes.indices.map { i in
            (i < leaves.count ? leaves[i] : nil).flatMap { state.session.message($0) }.flatMap { $0.role == .assistant ? $0 : nil }
        }
        var segments = CompareSummaryLine.segments(models: compare.panes.map(\.model), replies: replies,
                                               streaming: compare.panes.filter { $0.stream != nil }.count)
        if compare.scrollLocked { segments.insert("scroll locked", at: 0) }
        if segments.isEmpty { segments = ["Compare: \(compare.panes.count) models · Alt-←/→ focus · Alt-P pick · F1 keys"] }
        var text = " " + segments.joined(separator: " · ")
        while DisplayWidth.of(text) > rect.width, segments.count > 1 {
            segments.removeLast()
            text = " " + segments.joined(separator: " · ")
        }
        frame.put(text.truncated(to: rect.width), at: Point(x: rect.x, y: rect.y), style: theme.style(.cost, on: .surface), clip: rect)
    }
}
