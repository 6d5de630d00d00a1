import Foundation
import PrismCore
import PrismTerminal

/// What only compare mode has: entering it, changing its models, picking one model to
/// go on with, and the mouse over its panes. Sending, streaming, stopping, asking again
/// and scrolling are the lanes' (see `Reducer+Lanes`).
extension Reducer {
    /// Enters compare mode with these models (from the set `setName`, if any), or changes the models between rounds.
    static func enterCompare(_ state: inout AppState, models chosen: [String], setName: String? = nil, blind: Bool = false,
                             _ env: ReducerEnvironment) -> [Effect] {
        let bindings = env.bindings
        guard !(state.isComparing && state.isStreaming) else {
            notify(&state, "replies are still streaming: wait or press \(bindings.name(.cancel))")
            return []
        }
        var effects = cancelLanes(&state)
        let blind = blind || state.blindByDefault || (state.isComparing && state.blind != nil)
        state.blind = blind ? BlindCompare() : nil
        let models = blind ? BlindCompare.order(chosen, shuffle: env.shuffle) : chosen
        let old = state.comparedModels.map { models in zip(models, state.lanes).map { $0 } }
        let locked = state.scrollLocked
        if old == nil { state.session.startCompare(models: models) } else { state.session.setCompareModels(models) }
        state.resetLanes()
        for (i, model) in models.enumerated() where state.lanes.indices.contains(i) {
            if let kept = old?.first(where: { $0.0 == model }) { state.lanes[i].view = kept.1.view }
        }
        state.scrollLocked = old != nil && locked
        state.focus = .prompt
        state.editingPromptID = nil
        let paneKeys = bindings.name(.previousPane) + "/" + bindings.name(.nextPane)
        let unknown = state.catalog.isEmpty ? [] : models.filter { state.catalogEntry($0) == nil }
        if blind {
            notify(&state, "comparing " + Formatting.count(models.count, "model") + " blind: names hidden until you pick (\(bindings.name(.pickPane))), "
                + "tie (\(bindings.name(.tieRound))) or call all bad (\(bindings.name(.allBad)))")
        } else if !unknown.isEmpty {
            notify(&state, "comparing " + Formatting.count(models.count, "model") + ", but not in the catalog: \(unknown.joined(separator: ", "))", .error)
        } else if let setName {
            notify(&state, "comparing set \(setName): " + Formatting.count(models.count, "model") + " · \(paneKeys) focus · \(bindings.name(.pickPane)) pick one")
        } else {
            notify(&state, "comparing " + Formatting.count(models.count, "model") + ": \(paneKeys) focus · \(bindings.name(.pickPane)) pick one · /set save NAME keeps them")
        }
        if !state.session.messages.isEmpty { effects.append(.saveSession(state.session)) }
        return effects
    }

    /// Leaves compare mode with the focused pane's model and thread; the other replies stay as siblings.
    static func pickPane(_ state: inout AppState, _ bindings: KeyBindings) -> [Effect] {
        guard let models = state.comparedModels else { return [] }
        guard !state.isStreaming else {
            notify(&state, "replies are still streaming: wait or press \(bindings.name(.cancel)), then pick")
            return []
        }
        let model = models[state.focusedLane]
        let verdict = pickVerdict(&state, lane: state.focusedLane)
        state.blind = nil
        state.session.pickCompare(state.focusedLane)
        state.resetLanes()
        // Picking a pane chooses its model, as choosing one in the picker does: prompts are no longer routed.
        let wasRouted = state.session.routed
        state.session.routed = false
        let going = "continuing with \(model) alone" + (wasRouted ? " (route off)" : "")
            + "; the other replies are kept as versions (\(bindings.name(.previousSibling)) / \(bindings.name(.nextSibling)))"
        notify(&state, verdict.map { $0.text + " · " + going } ?? going)
        return (verdict.map { [.recordMatches($0.records), .recordCompareOutcomes($0.outcomes)] } ?? [])
            + (state.session.messages.isEmpty ? [] : [.saveSession(state.session)])
    }

    /// A press inside a pane (or on its tab) focuses it; the wheel scrolls the pane under the pointer.
    static func compareMouse(_ state: inout AppState, _ mouse: MouseEvent) -> Bool {
        // The tabs are hit-tested on the names the screen shows ("Pane A" while blind), not the real ones.
        guard let layout = CompareLayout.of(state), let models = BlindCompare.masked(state).comparedModels else { return false }
        let hit = layout.panes.firstIndex { $0?.contains(mouse.position) == true }
        switch mouse.kind {
        case .press:
            if let hit {
                state.focusedLane = hit
            } else if let tabs = layout.tabs, tabs.contains(mouse.position),
                      let tab = CompareTabs.tab(at: mouse.position.x - tabs.x, models: models) {
                state.focusedLane = tab
            } else {
                return false
            }
            if state.focus == .transcript { state.focus = .prompt }
            return true
        case .wheelUp, .wheelDown:
            guard state.focus != .picker else { return false }
            if let hit, !state.scrollLocked { state.focusedLane = hit }
            scroll(&state, .lines(mouse.kind == .wheelUp ? -3 : 3))
            return true
        case .release:
            return false
        }
    }
}
