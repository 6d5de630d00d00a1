import Foundation
import PrismCore

/// What each request of a tool turn costs, in the chat screen: every later round weighed by
/// the budget before it goes (a refusal or question pauses the turn in `budgetHold`), and
/// every round settled in the ledger under its own key, from its stream's cost or else from
/// its `/generation` record.
extension Reducer {
    /// The next request of a lane's tool turn, once every call of its round is answered. The
    /// budget weighs it as it weighs a prompt, its worst case from the request as it will be
    /// sent (the tool calls and results included, so it grows round by round).
    static func nextToolRound(_ state: inout AppState, lane: Int, replyID: String, _ env: ReducerEnvironment,
                              budget: BudgetPass = .check) -> [Effect] {
        if budget == .check, let model = state.model(ofLane: lane) {
            let request = ChatRequest.build(model: model, session: state.session, upTo: replyID, catalog: state.catalog,
                                            maxTokensCap: env.maxTokensCap, routing: state.routing)
            let round = (state.session.message(replyID)?.toolRounds?.count ?? 0) + 1
            guard budgetAllows(&state, [toolRoundEstimate(request, env)], pending: .toolRound(lane: lane, round: round), env) else { return [] }
        }
        return startLane(&state, lane, replyID: replyID, env, maxTokens: budget.maxTokens)
    }

    /// A later round's worst case: its request's messages as sent (`RequestCost.sentThread`)
    /// through the environment's estimator. What the budget checks and the ledger reserves.
    static func toolRoundEstimate(_ request: ChatRequest, _ env: ReducerEnvironment) -> CostEstimate {
        let sent = RequestCost.sentThread(of: request)
        return env.estimateCost(request, sent.session, sent.leaf)
    }

    /// The lane's tool turn when it waits for its next request: every call of the round answered.
    static func pausedToolTurn(_ state: AppState, lane: Int) -> StreamState? {
        guard state.lanes.indices.contains(lane), let stream = state.lanes[lane].stream, stream.toolsSince != nil,
              let round = state.session.message(stream.messageID)?.toolRounds?.last, round.steps.allSatisfy(\.isDone) else { return nil }
        return stream
    }

    /// The budget's hold on a tool round answered "send anyway" (or with `max_tokens` lowered).
    static func resumeToolTurn(_ state: inout AppState, lane: Int, _ env: ReducerEnvironment, budget: BudgetPass) -> [Effect] {
        guard let stream = pausedToolTurn(state, lane: lane) else { return [] }
        return nextToolRound(&state, lane: lane, replyID: stream.messageID, env, budget: budget)
    }

    /// The budget's hold on a tool round answered "back": the turn ends before that round.
    /// The reply says so and is saved; its rounds keep their costs (each was settled, or
    /// looked up, when it ended), and the history records the turn.
    static func stopToolTurnForBudget(_ state: inout AppState, lane: Int, _ env: ReducerEnvironment) -> [Effect] {
        guard let stream = pausedToolTurn(state, lane: lane), let i = state.session.index(of: stream.messageID) else { return [] }
        var message = state.session.messages[i]
        let rounds = message.toolRounds?.count ?? 0
        message.content = "stopped by the budget before tool round \(rounds + 1)"
        message.status = .complete
        message.usage = nil
        state.session.update(message, at: state.now)
        notify(&state, "tool turn stopped by the budget after \(rounds) round\(rounds == 1 ? "" : "s"): the reply is kept")
        var reply = Reply()
        reply.content = message.content
        reply.finishReason = "stop"
        reply.model = message.modelServed
        reply.provider = message.provider
        return finishLane(&state, lane: lane, stream: stream, reply: reply, settle: false)
    }

    /// Settles the request that just ended as tool round `round` of the lane's reply: its
    /// `/generation` record when the stream gave no exact cost, else its cost (or the
    /// reservation back), under the request's own ledger key.
    static func settleToolRound(_ state: AppState, lane: Int, stream: StreamState, reply: Reply, round: Int) -> [Effect] {
        guard !state.demo else { return [] }
        let lookup = generationLookup(state, messageID: stream.messageID, round: round, spendKey: stream.spendKey)
        if !lookup.isEmpty { return lookup }
        return [spendRecord(state, lane: lane, reply: reply, replyID: stream.spendKey) ?? .releaseSpend(replyID: stream.spendKey)]
    }
}
