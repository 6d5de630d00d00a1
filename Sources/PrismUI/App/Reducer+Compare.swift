import Foundation
import PrismCore
import PrismTerminal

/// Compare mode: one prompt to several models at once, each streaming into its own pane.
///
/// Each pane's stream has its own request id, so events are routed to the right
/// pane and a pane that fails or is cancelled never disturbs the others.
extension Reducer {
    /// Enters compare mode with these models (from the set `setName`, if any), or changes the models between rounds.
    static func enterCompare(_ state: inout AppState, models: [String], setName: String? = nil) -> [Effect] {
        guard state.compare?.isStreaming != true else {
            notify(&state, "replies are still streaming: wait or press Ctrl-C")
            return []
        }
        var effects: [Effect] = []
        if let stream = state.stream { effects += cancelStream(&state, stream) }
        let old = state.compare
        if old == nil { state.session.startCompare(models: models) } else { state.session.setCompareModels(models) }
        var compare = CompareState(models: models)
        for i in compare.panes.indices {
            if let kept = old?.panes.first(where: { $0.model == models[i] }) { compare.panes[i].view = kept.view }
        }
        compare.scrollLocked = old?.scrollLocked ?? false
        state.compare = compare
        state.focus = .prompt
        state.editingParentID = nil
        let unknown = state.catalog.isEmpty ? [] : models.filter { id in !state.catalog.contains { $0.id == id } }
        if !unknown.isEmpty {
            notify(&state, "comparing \(models.count) models, but not in the catalog: \(unknown.joined(separator: ", "))", .error)
        } else if let setName {
            notify(&state, "comparing set \(setName): \(models.count) models · Alt-←/→ focus · Alt-P pick one")
        } else {
            notify(&state, "comparing \(models.count) models: Alt-←/→ focus · Alt-P pick one · /set save NAME keeps them")
        }
        if !state.session.messages.isEmpty { effects.append(.saveSession(state.session)) }
        return effects
    }

    /// Sends the prompt to every pane at once.
    static func compareSend(_ state: inout AppState, _ text: String, _ env: ReducerEnvironment) -> [Effect] {
        guard state.compare?.isStreaming == false else {
            notify(&state, "replies are still streaming: Esc stops the focused one, Ctrl-C all")
            return []
        }
        if state.session.messages.isEmpty, state.session.id.isEmpty {
            state.session.id = env.makeSessionID(state.now)
        }
        let replies = state.session.appendCompareRound(text, attachments: state.pendingAttachments, at: state.now, makeID: env.makeID)
        state.pendingAttachments = []
        state.history.record(text)
        state.prompt.clear()
        var effects: [Effect] = [.appendHistory(text), .saveSession(state.session)]
        for (pane, reply) in replies.enumerated() {
            effects += startPaneStream(&state, pane: pane, replyID: reply, env)
        }
        return effects
    }

    /// Starts streaming into a pane's (already added, empty) reply with a fresh request id.
    static func startPaneStream(_ state: inout AppState, pane: Int, replyID: String, _ env: ReducerEnvironment) -> [Effect] {
        guard var compare = state.compare, compare.panes.indices.contains(pane),
              let parent = state.session.message(replyID)?.parentID else { return [] }
        let model = compare.panes[pane].model
        state.nextRequestID += 1
        compare.panes[pane].stream = StreamState(requestID: state.nextRequestID, messageID: replyID, startedAt: state.now)
        compare.panes[pane].view.anchor = nil
        compare.panes[pane].view.pendingScroll = []
        compare.panes[pane].view.hasUnseenBelow = false
        state.compare = compare
        let request = ChatRequest.build(model: model, session: state.session, upTo: parent, catalog: state.catalog,
                                        maxTokensCap: env.maxTokensCap)
        return [.startStream(requestID: state.nextRequestID, request: request, journal: journalTarget(state, replyID: replyID))]
    }

    /// Applies one event of a pane's stream.
    static func compareCompletion(_ state: inout AppState, pane: Int, _ event: CompletionEvent) -> [Effect] {
        guard var stream = state.compare?.panes[pane].stream,
              let index = state.session.index(of: stream.messageID) else { return [] }
        let folded = fold(event, into: index, stream: &stream, &state)
        guard var compare = state.compare else { return [] }
        compare.panes[pane].stream = stream
        switch folded {
        case .nothing:
            break
        case .arrived:
            if !compare.panes[pane].view.isFollowing { compare.panes[pane].view.hasUnseenBelow = true }
        case .finished(let reply):
            compare.panes[pane].stream = nil
            state.compare = compare
            if let failure = reply.failure, failure.kind != .cancelled {
                notify(&state, "\(compare.panes[pane].model): \(failure.oneLine)", .error)
            } else if let warning = skippedWarning(reply, model: compare.panes[pane].model) {
                notify(&state, warning, .error)
            }
            var effects: [Effect] = [.saveSession(state.session)]
            if let cost = reply.usage?.cost, cost > 0, !state.demo { effects.append(.recordSpend(cost)) }
            if !state.demo, !compare.isStreaming { effects.append(.fetchKeyInfo) }
            return effects
        }
        state.compare = compare
        return []
    }

    /// Stops the streams of the given panes (all of them for nil); their text so far is kept.
    static func cancelPanes(_ state: inout AppState, _ panes: [Int]? = nil) -> [Effect] {
        guard var compare = state.compare else { return [] }
        var effects: [Effect] = []
        for i in panes ?? Array(compare.panes.indices) {
            guard compare.panes.indices.contains(i), let stream = compare.panes[i].stream else { continue }
            markCancelled(&state, stream)
            compare.panes[i].stream = nil
            effects.append(.cancelStream(requestID: stream.requestID))
        }
        state.compare = compare
        guard !effects.isEmpty else { return [] }
        notify(&state, effects.count == 1 ? "cancelled one reply: its text so far is kept" : "cancelled \(effects.count) replies")
        return effects + [.saveSession(state.session)]
    }

    /// Asks the focused pane's last prompt again: a new sibling reply in that model's thread.
    static func compareRegenerate(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        guard let compare = state.compare else { return [] }
        let pane = compare.focused
        guard compare.panes[pane].stream == nil else {
            notify(&state, "this pane is still streaming: Esc stops it")
            return []
        }
        guard let reply = state.session.appendCompareRetry(pane: pane, at: state.now, makeID: env.makeID) else {
            notify(&state, "nothing to regenerate in this pane yet")
            return []
        }
        return [.saveSession(state.session)] + startPaneStream(&state, pane: pane, replyID: reply, env)
    }

    /// Leaves compare mode with the focused pane's model and thread; the other replies stay as siblings.
    static func pickPane(_ state: inout AppState) -> [Effect] {
        guard let compare = state.compare else { return [] }
        guard !compare.isStreaming else {
            notify(&state, "replies are still streaming: wait or press Ctrl-C, then pick")
            return []
        }
        let model = compare.panes[compare.focused].model
        state.session.pickCompare(compare.focused)
        state.compare = nil
        state.transcript = TranscriptViewState()
        notify(&state, "continuing with \(model) alone; the other replies are kept as versions (Alt-[ / Alt-])")
        return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
    }

    /// Shows another version of the focused pane's last reply: only that model's own versions, not the other panes'.
    static func compareFlip(_ state: inout AppState, by step: Int) -> [Effect] {
        guard let compare = state.compare, compare.panes[compare.focused].stream == nil,
              var record = state.session.compare, let leaf = record.leafIDs[compare.focused],
              let reply = state.session.message(leaf), reply.role == .assistant else { return [] }
        let model = compare.panes[compare.focused].model
        let versions = state.session.siblings(of: leaf).filter { $0.role == .assistant && $0.modelRequested == model }
        guard versions.count > 1, let i = versions.firstIndex(where: { $0.id == leaf }) else {
            notify(&state, "this reply has no other versions")
            return []
        }
        let next = (i + step + versions.count) % versions.count
        record.leafIDs[compare.focused] = versions[next].id
        state.session.compare = record
        notify(&state, "version \(next + 1) of \(versions.count)")
        return [.saveSession(state.session)]
    }

    /// Moves focus to a pane (clamped).
    static func focusPane(_ state: inout AppState, _ pane: Int) {
        guard var compare = state.compare, !compare.panes.isEmpty else { return }
        compare.focused = max(0, min(compare.panes.count - 1, pane))
        state.compare = compare
    }

    /// Queues a scroll on the focused pane, or on every pane while scrolling is locked.
    static func scrollPanes(_ state: inout AppState, _ intent: TranscriptViewState.ScrollIntent) {
        guard var compare = state.compare else { return }
        for i in compare.panes.indices where compare.scrollLocked || i == compare.focused {
            if intent == .bottom {
                compare.panes[i].view.pendingScroll = [.bottom]
                compare.panes[i].view.hasUnseenBelow = false
            } else {
                compare.panes[i].view.pendingScroll.append(intent)
            }
        }
        state.compare = compare
    }

    /// A press inside a pane (or on its tab) focuses it; the wheel scrolls the pane under the pointer.
    static func compareMouse(_ state: inout AppState, _ mouse: MouseEvent) -> Bool {
        guard let layout = CompareLayout.of(state), var compare = state.compare else { return false }
        let hit = layout.panes.firstIndex { $0?.contains(mouse.position) == true }
        switch mouse.kind {
        case .press:
            if let hit {
                compare.focused = hit
            } else if let tabs = layout.tabs, tabs.contains(mouse.position),
                      let tab = CompareTabs.tab(at: mouse.position.x - tabs.x, models: compare.panes.map(\.model)) {
                compare.focused = tab
            } else {
                return false
            }
            state.compare = compare
            if state.focus == .transcript { state.focus = .prompt }
            return true
        case .wheelUp, .wheelDown:
            guard state.focus != .picker else { return false }
            if let hit, !compare.scrollLocked { compare.focused = hit; state.compare = compare }
            scrollPanes(&state, .lines(mouse.kind == .wheelUp ? -3 : 3))
            return true
        case .release:
            return false
        }
    }
}
