import Foundation
import PrismCore
import PrismTerminal

/// Routed prompts: Enter asks for a decision (`.decideRoute`, off the UI thread), the answer
/// sets the session's model and sends through the usual path (budgets, health, variants all
/// apply), and the reply keeps the decision (`Message.routeDecision`) for its header and the
/// why key. The picker's route row and `/route` turn it on; choosing a model turns it off.
extension Reducer {
    /// Before a routed send: nil when a decision for this text is ready (the session's model
    /// is then its choice and the send goes on); else the effects that ask for one.
    static func routeFirst(_ state: inout AppState, _ text: String, _ env: ReducerEnvironment) -> [Effect]? {
        if let choice = state.route.choice, choice.text == text {
            state.session.model = choice.model
            return nil
        }
        state.route.choice = nil
        if state.route.pending != nil {
            notify(&state, "still choosing a model for this prompt")
            return []
        }
        let ids = state.routeCandidates
        guard !ids.isEmpty else {
            notify(&state, "not sent: " + RouteCandidateList.noneMessage, .error)
            return []
        }
        let tag = state.verdicts.nextTag
        let ask = RouteAsk.prepare(text: text, tag: tag, tagReason: "set with /tag next", ids: ids,
                                   basis: CostPreview.basis(state, lane: 0, maxTokensCap: env.maxTokensCap),
                                   hasImages: state.pendingAttachments.contains { $0.kind == .image },
                                   perRequestCap: state.budget.isOff ? nil : state.budget.perRequest,
                                   weights: state.route.settings.weights, entry: state.catalogEntry)
        state.route.nextAskID += 1
        state.route.pending = (state.route.nextAskID, text)
        notify(&state, "routing: choosing among \(Formatting.count(ids.count, "candidate"))…")
        return [.decideRoute(id: state.route.nextAskID, ask: ask)]
    }

    /// The decision for the pending prompt: send it to the choice, or say why nothing fits
    /// (the prompt stays in the editor).
    static func routeDecided(_ state: inout AppState, id: Int, _ decision: RouteDecision, _ env: ReducerEnvironment) -> [Effect] {
        guard let pending = state.route.pending, pending.id == id else { return [] }
        state.route.pending = nil
        guard state.isRouted else { return [] }
        guard let choice = decision.choice else {
            notify(&state, "not sent: " + TerminalSanitizer.metadata(decision.line), .error)
            return []
        }
        guard state.prompt.text.trimmingCharacters(in: .whitespacesAndNewlines) == pending.text else {
            notify(&state, "the prompt changed while routing: \(env.bindings.name(.send)) routes it again")
            return []
        }
        state.route.choice = RouteState.Choice(text: pending.text, model: choice.model, note: RouteNote(decision))
        state.notice = nil
        return send(&state, env)
    }

    /// Puts the decision on the reply it chose the model for, once the round is added.
    static func noteRoute(_ state: inout AppState, replies: [String]) {
        guard let choice = state.route.choice else { return }
        state.route.choice = nil
        guard state.isRouted, let reply = replies.first, let index = state.session.index(of: reply) else { return }
        state.session.messages[index].routeDecision = choice.note
    }

    /// Turns routing on or off for this session.
    static func setRouted(_ state: inout AppState, _ on: Bool, _ env: ReducerEnvironment) -> [Effect] {
        guard !state.isComparing || !on else {
            notify(&state, "routing does not apply in compare mode: each pane asks its own model", .error)
            return []
        }
        state.session.routed = on
        state.route.choice = nil
        state.route.pending = nil
        if on {
            let count = state.routeCandidates.count
            notify(&state, count == 0 ? RouteCandidateList.noneMessage
                : "route: each prompt goes to the best of \(Formatting.count(count, "candidate")) (\(env.bindings.name(.routeWhy)) says why)",
                   count == 0 ? .error : .info)
        }
        return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
    }

    /// `/route` (toggle), `/route on|off`, `/route explain`.
    static func routeCommand(_ state: inout AppState, _ argument: String, _ env: ReducerEnvironment) -> [Effect] {
        switch argument.lowercased() {
        case "": return setRouted(&state, !state.session.routed, env)
        case "on": return setRouted(&state, true, env)
        case "off":
            let effects = setRouted(&state, false, env)
            notify(&state, "route off: prompts go to " + (state.session.model ?? "the model you choose"))
            return effects
        case "explain", "why":
            openRouteWhy(&state, env.bindings)
            return []
        default:
            notify(&state, "usage: /route [on|off|explain]", .error)
            return []
        }
    }

    /// Opens the breakdown of the newest (or selected) routed reply's decision.
    static func openRouteWhy(_ state: inout AppState, _ bindings: KeyBindings) {
        guard let reply = selectedOrLastReply(state), let note = reply.routeDecision else {
            notify(&state, "no routed reply here: the picker's route row (\(bindings.name(.togglePicker))) or /route routes prompts")
            return
        }
        state.route.why = RouteState.Why(model: reply.modelServed ?? reply.modelRequested ?? "?", note: note)
        state.focus = .routeWhy
    }

    /// Keys of the breakdown overlay: scrolling and closing.
    static func routeWhyKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        let page = max(1, state.size.height / 2)
        switch env.bindings.why[key] {
        case .up?: scrollWhy(&state, -1)
        case .down?: scrollWhy(&state, 1)
        case .pageUp?: scrollWhy(&state, -page)
        case .pageDown?: scrollWhy(&state, page)
        case .close?:
            state.route.why = nil
            state.focus = .prompt
        case nil:
            if env.bindings.command(for: key) == .quit { return quit(&state, env.bindings) }
        }
        return []
    }

    static func scrollWhy(_ state: inout AppState, _ delta: Int) {
        guard let why = state.route.why else { return }
        state.route.why?.scroll = max(0, min(why.note.explanation.count, why.scroll + delta))
    }
}
