import Foundation
import PrismCore

/// Changing the tree from the transcript: deleting a message with what follows it, and
/// forking the session at a message.
extension Reducer {
    /// The delete key on the selected message: the first press asks, the second (or y) deletes
    /// it and its subtree, moving the branch to another version or to the parent.
    static func deleteMessage(_ state: inout AppState, _ bindings: KeyBindings) -> [Effect] {
        let asked = state.confirmingDeleteID
        state.confirmingDeleteID = nil
        let before = state.session.thread(ofLane: state.focusedLane)
        guard state.focus == .transcript, let id = state.lane.view.selectedMessageID,
              let position = before.lastIndex(where: { $0.id == id }) else {
            notify(&state, "select a message in the transcript first (\(bindings.name(.focusTranscript)))")
            return []
        }
        let target = before[position]
        let doomed = state.session.subtree(of: target.id)
        if state.lanes.contains(where: { $0.stream.map { doomed.contains($0.messageID) } == true }) {
            notify(&state, "a reply is streaming into it: \(bindings.name(.cancelOrClear)) stops it first", .error)
            return []
        }
        guard asked == target.id else {
            state.confirmingDeleteID = target.id
            let what = target.role == .user ? "this prompt" : "this message"
            let under = doomed.count > 1 ? " and \(doomed.count - 1) under it" : ""
            notify(&state, "delete \(what)\(under)? press again or \(bindings.name(ConfirmCommand.yes)) to delete, any other key keeps it")
            return []
        }
        state.session.deleteSubtree(target.id, at: state.now)
        if let editing = state.editingPromptID, doomed.contains(editing) { state.editingPromptID = nil }
        for lane in state.lanes.indices {
            state.lanes[lane].view.expandedReasoning.subtract(doomed)
            if let anchor = state.lanes[lane].view.anchor, doomed.contains(anchor.messageID) { state.lanes[lane].view.follow() }
        }
        let thread = state.session.thread(ofLane: state.focusedLane)
        // The version that took its place, or the parent when none did.
        state.lane.view.selectedMessageID = thread.indices.contains(position) ? thread[position].id : thread.last?.id
        notify(&state, doomed.count == 1 ? "deleted the message" : "deleted \(doomed.count) messages")
        return [.saveSession(state.session)]
    }

    /// A new session holding the path from the root to the selected message (the newest one
    /// outside the transcript); the old session stays as it was.
    static func fork(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        guard !state.isStreaming else {
            notify(&state, "a reply is still streaming: \(env.bindings.name(.cancelOrClear)) stops it first", .error)
            return []
        }
        let lane = state.focusedLane
        let thread = state.session.thread(ofLane: lane)
        let selected = state.focus == .transcript ? state.lane.view.selectedMessageID : nil
        guard let position = selected.flatMap({ id in thread.lastIndex { $0.id == id } }) ?? (thread.isEmpty ? nil : thread.count - 1) else {
            notify(&state, "nothing to fork yet")
            return []
        }
        let old = state.session
        let name = old.title.isEmpty ? old.id : old.title
        guard let fork = old.fork(at: thread[position].id, newID: env.makeSessionID(state.now), model: state.model(ofLane: lane), at: state.now),
              fork.id != old.id else {
            // Two ids in the same second with the same random part: rare, and a second try differs.
            notify(&state, "the new session's id was taken: fork again", .error)
            return []
        }
        show(fork, in: &state)
        notify(&state, "forked from \(name) at message \(position + 1)")
        return [.saveSession(fork)]
    }
}
