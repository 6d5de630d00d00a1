import Foundation
import PrismCore

/// Keeping the session safe: journals for streaming replies, saves that merge or fail,
/// a session deleted elsewhere, quitting while saves fail, and signals that end the app.
extension Reducer {
    /// The journal for a reply about to stream: the session's metadata with just the
    /// reply and the prompt it answers (all a crash needs to put it back). None while the
    /// session is deleted elsewhere: a journal would bring it back.
    static func journalTarget(_ state: AppState, replyID: String) -> JournalTarget? {
        guard !state.deletedElsewhere, !state.session.id.isEmpty, let reply = state.session.message(replyID) else { return nil }
        var skeleton = state.session
        skeleton.messages = state.session.messages.filter { $0.id == reply.parentID }
        skeleton.messages.append(reply)
        return JournalTarget(session: skeleton, replyID: replyID)
    }

    /// Ids of the replies this window is streaming (a merge never overrides them).
    static func liveMessageIDs(_ state: AppState) -> Set<String> {
        Set(state.lanes.compactMap { $0.stream?.messageID })
    }

    static func notSaved(_ state: inout AppState, id: String, reason: String) -> [Effect] {
        guard id == state.session.id else {
            notify(&state, reason, .error)
            return []
        }
        state.saveError = reason
        notify(&state, reason, .error)
        return []
    }

    static func saved(_ state: inout AppState, id: String) -> [Effect] {
        guard id == state.session.id else { return [] }
        if state.saveError != nil { notify(&state, "saved again") }
        if state.deletedElsewhere { notify(&state, "kept: the session is saved again") }
        state.saveError = nil
        state.deletedElsewhere = false
        state.quitConfirmPending = false
        return []
    }

    /// Takes in what another window wrote, keeping everything this window changed since.
    static func merged(_ state: inout AppState, saved: Session, merged: Session, summary: MergeSummary) -> [Effect] {
        guard saved.id == state.session.id else { return [] }
        state.session = state.session.merged(with: merged, base: SessionBaseline(saved), live: liveMessageIDs(state)).0
        if let text = summary.text { notify(&state, "merged \(text) from another window") }
        // Another window deleted what a lane is streaming into: the deletion wins, the stream stops.
        let orphaned = state.lanes.indices.filter { lane in state.lanes[lane].stream.map { state.session.message($0.messageID) == nil } == true }
        guard !orphaned.isEmpty else { return [] }
        notify(&state, "another window deleted the message a reply was streaming into: stopped")
        // A lane running tools has no request in flight; a later tool round is reserved under its own key.
        let reserved = orphaned.compactMap { state.lanes[$0].stream }.filter { $0.toolsSince == nil }.map(\.spendKey)
        return stopStreams(&state, orphaned, reason: .cancelled) + reserved.map { .releaseSpend(replyID: $0) }
    }

    static func deletedElsewhere(_ state: inout AppState, id: String) -> [Effect] {
        guard id == state.session.id, !state.deletedElsewhere else { return [] }
        state.deletedElsewhere = true
        state.saveError = "this session was deleted elsewhere"
        notify(&state, "session deleted in another window: /keep saves it again", .error)
        return []
    }

    /// `/keep`: write the session again although it was deleted elsewhere.
    static func keep(_ state: inout AppState) -> [Effect] {
        guard state.deletedElsewhere else {
            notify(&state, "nothing to keep: the session is saved")
            return []
        }
        return [.keepSession(state.session)]
    }

    /// Ctrl-Q. While saves fail (or the session was deleted elsewhere), the first press
    /// only warns: quitting then loses what is not on disk.
    static func quit(_ state: inout AppState, _ bindings: KeyBindings) -> [Effect] {
        if let problem = state.saveError, !state.quitConfirmPending, !state.session.messages.isEmpty {
            state.quitConfirmPending = true
            let hint = state.deletedElsewhere ? "/keep saves it first" : "the last save failed"
            notify(&state, "not saved (\(problem)): \(hint); \(bindings.name(.quit)) again quits anyway", .error)
            return []
        }
        let effects = cancelLanes(&state)
        state.quitRequested = true
        return effects + [.quit]
    }

    /// SIGTERM, SIGHUP and friends: every streaming reply is stopped and kept (marked
    /// interrupted, with the signal's name), the session saved, and the app quits.
    static func terminate(_ state: inout AppState, signal: Int32) -> [Effect] {
        var effects = stopStreams(&state, reason: .interrupted(bySignal: signal))
        if !state.session.messages.isEmpty, !state.deletedElsewhere { effects.append(.saveSession(state.session)) }
        state.terminationSignal = signal
        state.quitRequested = true
        return effects + [.quit]
    }
}
