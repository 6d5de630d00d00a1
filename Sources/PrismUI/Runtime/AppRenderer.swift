import Foundation
import PrismCore
import PrismTerminal

/// Renders the whole state into a frame: layout, then each pane.
///
/// Holds the layout caches, so it lives as long as the app. `render` takes the
/// state `inout` only so the transcript can resolve scroll intents.
public final class AppRenderer {
    /// One layout cache per lane, so compare panes of different widths never evict each other.
    let layouts = (0..<Lane.maxCount).map { _ in TranscriptLayout() }
    public var bindings: KeyBindings
    /// The configured reply cap, for the cost preview's worst case (as `ChatRequest.build` resolves it).
    public var maxTokensCap: Int
    private var sessionID: String?
    private var costs = CostTally()

    public init(bindings: KeyBindings = .defaults, maxTokensCap: Int = 4096) {
        self.bindings = bindings
        self.maxTokensCap = maxTokensCap
    }

    public func render(_ state: inout AppState, theme: Theme) -> Frame {
        guard BlindCompare.hides(state) else { return draw(&state, theme: theme) }
        // Blind compare: drawn from a copy without model names; only the scroll positions come back.
        var shown = BlindCompare.masked(state)
        let frame = draw(&shown, theme: theme)
        for lane in state.lanes.indices where shown.lanes.indices.contains(lane) { state.lanes[lane].view = shown.lanes[lane].view }
        return frame
    }

    private func draw(_ state: inout AppState, theme: Theme) -> Frame {
        var frame = Frame(size: state.size, fill: .blank(theme[.background]))
        if sessionID != state.session.id || state.session.messages.isEmpty {
            if sessionID != state.session.id {
                layouts.forEach { $0.reset() }
            }
            sessionID = state.session.id
        }
        let promptLines = PromptPane.lineCount(state, width: max(1, state.size.width - 2))
        let layout = Layout(size: state.size, focus: state.focus, promptLines: promptLines, pickerWidth: PickerPane.sizer(state))
        if layout.tooSmall {
            let text = "Prism needs \(Layout.minimum.width)×\(Layout.minimum.height); this is \(state.size.width)×\(state.size.height)"
            for (i, line) in TextWrap.wrap(text, style: theme[.warning], width: max(1, state.size.width)).prefix(state.size.height).enumerated() {
                frame.put(line, at: Point(x: 0, y: i))
            }
            return frame
        }
        if state.isComparing {
            ComparePane.render(&state, layouts: layouts, maxTokensCap: maxTokensCap, bindings: bindings, theme: theme, into: &frame, rect: layout.transcript)
        } else {
            TranscriptPane.render(&state, lane: 0, layout: layouts[0], bindings: bindings, theme: theme, into: &frame, rect: layout.transcript)
        }
        PromptPane.render(state, preview: CostPreview.line(state, maxTokensCap: maxTokensCap), bindings: bindings, theme: theme, into: &frame, rect: layout.prompt)
        if let picker = layout.picker {
            PickerPane.render(state, bindings: bindings, theme: theme, into: &frame, rect: picker)
        }
        if let overlay = layout.overlay {
            frame.cursor = nil
            switch state.focus {
            case .help: OverlayPanes.help(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .browser: OverlayPanes.browser(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .themes: OverlayPanes.themes(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .fallbacks: FallbacksPane.render(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .providers: ProviderTablePane.render(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .stats: StatsPane.render(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .leaderboard: LeaderboardPane.render(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .routeWhy: RouteWhyPane.render(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            case .tools: ToolsPane.render(state, bindings: bindings, theme: theme, into: &frame, rect: overlay)
            default: break
            }
        }
        if state.focus != .tools, let pending = Reducer.pendingApproval(state) {
            frame.cursor = nil
            // Drawn from the masked state while blind: the pane's label then, never its model.
            let pane = state.comparedModels.map { models -> String in
                let label = BlindCompare.label(pending.lane)
                return BlindCompare.hides(state) || !models.indices.contains(pending.lane) || models[pending.lane] == label
                    ? label : label + " · " + models[pending.lane]
            }
            ToolApprovalPane.render(pending.value, pane: pane, bindings: bindings, theme: theme, into: &frame, above: layout.prompt,
                                    area: layout.transcript)
        }
        if state.focus == .transcript { frame.cursor = nil }
        let totals = costs.totals(of: state.session, catalogStamp: state.catalogFetchedAt) { [state] in state.catalogEntry($0)?.pricing }
        StatusBar.render(state, session: totals, bindings: bindings, theme: theme, into: &frame, rect: layout.status)
        return frame
    }
}
