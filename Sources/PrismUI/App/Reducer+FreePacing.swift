import Foundation
import PrismCore
import PrismTerminal

/// Free models allow 20 requests a minute. A send that would be the 21st waits, saying so,
/// and goes by itself when the oldest of the twenty leaves the minute (Esc cancels it; the
/// draft stays). The starts counted are every Prism process's, from the ledger, plus this
/// window's own since it last read them.
extension Reducer {
    /// A send waiting for the free models' per-minute limit.
    struct PacedSend: Equatable {
        var due: Date
        var budget: BudgetPass
    }

    /// Whether any model this send goes to is free.
    static func sendsToFreeModel(_ state: AppState) -> Bool {
        state.lanes.indices.contains { lane in
            guard let model = state.model(ofLane: lane) else { return false }
            return FreeTier.isFree(model: model, pricing: state.catalogEntry(model)?.pricing)
        }
    }

    /// Holds the send when it would break the per-minute limit; true when it may go now.
    static func freePacingAllows(_ state: inout AppState, budget: BudgetPass, _ env: ReducerEnvironment) -> Bool {
        guard !state.demo, sendsToFreeModel(state) else { return true }
        let lanes = state.isComparing ? state.lanes.count : 1
        // Room for every free request of the round.
        guard let wait = FreeTier.pacingDelay(recent: state.freeStarts, now: state.now, perMinute: FreeTier.perMinute - lanes + 1) else {
            return true
        }
        state.pacedSend = PacedSend(due: state.now.addingTimeInterval(wait), budget: budget)
        pacingNotice(&state, env)
        return false
    }

    static func pacingNotice(_ state: inout AppState, _ env: ReducerEnvironment) {
        guard let paced = state.pacedSend else { return }
        let seconds = max(1, Int(paced.due.timeIntervalSince(state.now).rounded(.up)))
        state.notice = Notice("free models allow \(FreeTier.perMinute) requests a minute: sending in \(seconds) s · "
                              + "\(env.bindings.name(.cancelOrClear)) cancels", expires: paced.due.addingTimeInterval(2))
    }

    /// On each tick: counts down, and sends when the wait is over.
    static func pacingTick(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        guard let paced = state.pacedSend else { return [] }
        guard state.now >= paced.due else {
            pacingNotice(&state, env)
            return []
        }
        state.pacedSend = nil
        state.notice = nil
        return send(&state, env, budget: paced.budget)
    }

    /// Esc while a send waits: it is not sent, the draft stays.
    static func cancelPacedSend(_ state: inout AppState) -> Bool {
        guard state.pacedSend != nil else { return false }
        state.pacedSend = nil
        notify(&state, "not sent: the draft is kept")
        return true
    }

    /// True (and says why) while the prompt's draft waits to be sent, paced or for its tool
    /// servers: what goes is what was there at Enter, so it cannot be edited meanwhile.
    static func heldDraft(_ state: inout AppState) -> Bool {
        guard state.focus == .prompt, state.pacedSend != nil || state.tools.sendAfterStart else { return false }
        notify(&state, state.tools.sendAfterStart ? "the prompt goes once the tool servers are ready · Esc keeps it unsent"
                                                  : "the prompt is waiting to be sent · Esc keeps it unsent")
        return true
    }

    /// A key that would change the prompt's text: a character, a line break, a deletion.
    static func editsPrompt(_ state: AppState, _ key: Key) -> Bool {
        guard state.focus == .prompt else { return false }
        switch key.code {
        case .character: return key.modifiers.isEmpty || key.modifiers == [.shift]
        case .enter, .backspace, .delete: return true
        default: return false
        }
    }

    /// Remembers this window's own starts of free requests until the ledger is read again.
    static func noteFreeStart(_ state: inout AppState, free: Bool) {
        guard free else { return }
        state.freeStarts = state.freeStarts.filter { state.now.timeIntervalSince($0) < 60 } + [state.now]
    }
}
