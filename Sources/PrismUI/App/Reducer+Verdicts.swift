import Foundation
import PrismCore

/// Verdicts for the personal leaderboard: a compare pick (the picked pane beats each other
/// pane), a tie, "all bad", and a thumb up or down on one reply. Each becomes `MatchRecord`s,
/// written by `.recordMatches` on the effect runner's ledger queue, never here.
extension Reducer {
    /// The newest compare round: its prompt ids (one per thread; lane 0's names the round) and each lane's reply.
    static func currentRound(_ state: AppState) -> (promptIDs: [String], replies: [Message])? {
        guard state.isComparing else { return nil }
        let replies = state.lanes.indices.compactMap { state.session.lastReply(inLane: $0) }
        guard replies.count == state.lanes.count else { return nil }
        let prompts = replies.compactMap(\.parentID)
        guard prompts.count == replies.count else { return nil }
        return (prompts, replies)
    }

    /// A round's tag and why: the one set with `/tag`, else the classifier's guess.
    static func roundTag(_ state: AppState, promptID: String) -> PromptTag.Guess {
        guard let prompt = state.session.message(promptID) else { return PromptTag.Guess(tag: .chat, reason: "no prompt") }
        if let tag = prompt.tag { return PromptTag.Guess(tag: tag, reason: "set with /tag") }
        return PromptTag.classify(prompt.content)
    }

    /// The model a reply was asked of (what the leaderboard rates).
    static func ratedModel(_ reply: Message, lane: Int, _ state: AppState) -> String? {
        reply.modelRequested ?? state.model(ofLane: lane)
    }

    /// The verdict rows for picking `lane` in the current round, or nil (and the reason) when there is none to record.
    static func pickVerdict(_ state: inout AppState, lane: Int) -> (records: [MatchRecord], text: String,
                                                                   outcomes: [String: ReplyRecord.CompareOutcome])? {
        guard let round = currentRound(state), !state.verdicts.judgedRounds.contains(round.promptIDs[0]) else { return nil }
        let models = round.replies.enumerated().compactMap { ratedModel($1, lane: $0, state) }
        guard models.indices.contains(lane), Set(models).count > 1 else { return nil }
        let winner = models[lane]
        let guess = roundTag(state, promptID: round.promptIDs[0])
        state.verdicts.judgedRounds.insert(round.promptIDs[0])
        let records = MatchRecord.pick(verdictRound(state, round.promptIDs[0], guess.tag), winner: winner, others: models)
        state.blind?.hidden = false
        let losers = records.compactMap(\.loser)
        let outcomes = Dictionary(round.replies.enumerated().map { ($1.id, $0 == lane ? ReplyRecord.CompareOutcome.won : .lost) },
                                  uniquingKeysWith: { a, _ in a })
        return (records, "\(recorded(state))\(winner) beats \(losers.joined(separator: ", ")) (\(tagText(guess)))", outcomes)
    }

    /// A tie or "all bad" on the current compare round.
    static func judgeRound(_ state: inout AppState, kind: MatchRecord.Kind, _ bindings: KeyBindings) -> [Effect] {
        guard !state.isStreaming else {
            notify(&state, "replies are still streaming: wait or press \(bindings.name(.cancel))")
            return []
        }
        guard let round = currentRound(state) else {
            notify(&state, "no round to judge yet: send a prompt first")
            return []
        }
        let id = round.promptIDs[0]
        guard !state.verdicts.judgedRounds.contains(id) else {
            notify(&state, "this round is already judged")
            return []
        }
        let models = round.replies.enumerated().compactMap { ratedModel($1, lane: $0, state) }
        let guess = roundTag(state, promptID: id)
        let base = verdictRound(state, id, guess.tag)
        let records = kind == .tie ? MatchRecord.tie(base, models: models) : MatchRecord.allBad(base, models: models)
        guard !records.isEmpty else { return [] }
        state.verdicts.judgedRounds.insert(id)
        state.blind?.hidden = false
        let what = kind == .tie ? "a tie between" : "all bad:"
        notify(&state, "\(recorded(state))\(what) \(models.joined(separator: ", ")) (\(tagText(guess)))")
        let outcome: ReplyRecord.CompareOutcome = kind == .tie ? .tie : .allBad
        return [.recordMatches(records), .recordCompareOutcomes(Dictionary(round.replies.map { ($0.id, outcome) }, uniquingKeysWith: { a, _ in a }))]
    }

    /// A thumb up or down on the newest (or selected) reply, in single chat and compare alike.
    static func thumb(_ state: inout AppState, up: Bool) -> [Effect] {
        guard let reply = selectedOrLastReply(state), let promptID = reply.parentID,
              let model = ratedModel(reply, lane: state.focusedLane, state) else {
            notify(&state, "no reply to rate yet")
            return []
        }
        guard reply.status != .streaming else {
            notify(&state, "this reply is still streaming")
            return []
        }
        guard !state.verdicts.thumbed.contains(reply.id) else {
            notify(&state, "this reply already has a thumb")
            return []
        }
        state.verdicts.thumbed.insert(reply.id)
        let guess = roundTag(state, promptID: promptID)
        notify(&state, "\(recorded(state))thumb \(up ? "up" : "down") for \(model) (\(tagText(guess)))")
        return [.recordMatches(MatchRecord.thumb(verdictRound(state, promptID, guess.tag), model: model, up: up))]
    }

    /// True (with a notice) when names are hidden and `what` would show them.
    static func blindRefuses(_ state: inout AppState, _ what: String) -> Bool {
        guard BlindCompare.hides(state) else { return false }
        notify(&state, BlindCompare.refusal(what))
        return true
    }

    static func verdictRound(_ state: AppState, _ promptID: String, _ tag: PromptTag) -> MatchRecord.Round {
        MatchRecord.Round(at: state.now, sessionID: state.session.id.isEmpty ? nil : state.session.id, roundID: promptID, tag: tag,
                          blind: BlindCompare.hides(state))
    }

    /// How a verdict notice starts: in demo mode nothing is kept, and the notice says so.
    static func recorded(_ state: AppState) -> String {
        state.demo ? "demo, not kept: " : "recorded: "
    }

    /// "code: mentions "python"", or "code, set with /tag".
    static func tagText(_ guess: PromptTag.Guess) -> String {
        guess.reason == "set with /tag" ? "\(guess.tag.rawValue), set with /tag" : "\(guess.tag.rawValue): \(guess.reason)"
    }
}
