import Foundation
import PrismCore
import PrismTerminal

/// The leaderboard view (`/leaderboard [TAG]`, `Focus.leaderboard`) and `/tag`.
extension Reducer {
    /// Opens the view on every tag or one, and asks for the verdicts.
    static func openLeaderboard(_ state: inout AppState, tag: PromptTag? = nil) -> [Effect] {
        state.leaderboard = LeaderboardViewState(tag: tag)
        state.focus = .leaderboard
        return [.loadMatches]
    }

    static func leaderboardKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        guard var view = state.leaderboard else {
            state.focus = .prompt
            return []
        }
        guard let command = env.bindings.leaderboard[key] else {
            if let global = env.bindings.command(for: key), global == .cancel || global == .quit || global == .openLeaderboard {
                if global == .openLeaderboard { return closeLeaderboard(&state) }
                return run(global, &state, env)
            }
            return []
        }
        switch command {
        case .nextTag: view.cycleTag(by: 1)
        case .previousTag: view.cycleTag(by: -1)
        case .up: view.scroll = max(0, view.scroll - 1)
        case .down: view.scroll = min(max(0, view.board.rows.count - 1), view.scroll + 1)
        case .close: return closeLeaderboard(&state)
        }
        state.leaderboard = view
        return []
    }

    static func closeLeaderboard(_ state: inout AppState) -> [Effect] {
        state.leaderboard = nil
        state.focus = .prompt
        return []
    }

    /// The verdicts arrived (or `error` says why not); ignored when the view was closed meanwhile.
    static func matchesLoaded(_ state: inout AppState, _ records: [MatchRecord], error: String? = nil) -> [Effect] {
        guard state.leaderboard != nil else { return [] }
        state.leaderboard?.records = records
        state.leaderboard?.error = error
        return []
    }

    /// `/blind`: turns blind comparisons on (the current one hides its names now, and the next
    /// comparison is shuffled too) or off (names show at once).
    static func blindCommand(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        state.blindByDefault.toggle()
        guard state.blindByDefault else {
            state.blind = nil
            notify(&state, "blind compare off: model names show")
            return []
        }
        if state.isComparing { state.blind = BlindCompare() }
        notify(&state, state.isComparing ? "blind compare on: names hidden until a verdict (pane order is shuffled when a comparison starts)"
                                         : "blind compare on: the next comparison hides names and shuffles panes")
        return []
    }

    /// `/leaderboard [TAG]`.
    static func leaderboardCommand(_ state: inout AppState, _ argument: String) -> [Effect] {
        guard !argument.isEmpty else { return openLeaderboard(&state) }
        guard let tag = PromptTag(typed: argument) else {
            notify(&state, "usage: /leaderboard [TAG], TAG one of " + PromptTag.allCases.map(\.rawValue).joined(separator: ", "), .error)
            return []
        }
        return openLeaderboard(&state, tag: tag)
    }

    /// `/tag`: shows the newest round's tag and why; `/tag TAG` corrects it (its verdicts too),
    /// or tags the next prompt when there is no round yet; `/tag next TAG` always tags the next prompt.
    static func tagCommand(_ state: inout AppState, _ argument: String) -> [Effect] {
        let words = argument.split(separator: " ").map(String.init)
        let usage = "usage: /tag [next] TAG, TAG one of " + PromptTag.allCases.map(\.rawValue).joined(separator: ", ")
        let prompts = newestRoundPrompts(state)
        if words.isEmpty {
            guard let first = prompts.first else {
                notify(&state, state.verdicts.nextTag.map { "the next prompt is tagged \($0.rawValue)" } ?? usage)
                return []
            }
            notify(&state, "this round: " + tagText(roundTag(state, promptID: first)))
            return []
        }
        let next = words.first == "next"
        guard words.count == (next ? 2 : 1), let tag = PromptTag(typed: words.last ?? "") else {
            notify(&state, usage, .error)
            return []
        }
        if next || prompts.isEmpty {
            state.verdicts.nextTag = tag
            notify(&state, "the next prompt is tagged \(tag.rawValue)")
            return []
        }
        let before = roundTag(state, promptID: prompts[0])
        for id in prompts {
            guard var message = state.session.message(id) else { continue }
            message.tag = tag
            state.session.update(message, at: message.createdAt)
        }
        notify(&state, "this round is tagged \(tag.rawValue) (was \(tagText(before))); its verdicts follow")
        return [.retagRound(promptIDs: prompts, tag: tag), .saveSession(state.session)]
    }

    /// The prompt(s) of the newest round: one per compare thread, or the single chat's last prompt,
    /// with the copies a compare round put in the other threads (same text, same time), so
    /// `/tag` after a pick still reaches the verdicts recorded under another thread's copy.
    static func newestRoundPrompts(_ state: AppState) -> [String] {
        let ids = state.lanes.indices.compactMap { state.session.lastReply(inLane: $0)?.parentID }
        let prompts = ids.compactMap { state.session.message($0) }
        let copies = state.session.messages.filter { m in
            m.role == .user && prompts.contains { $0.content == m.content && $0.createdAt == m.createdAt }
        }.map(\.id)
        return (ids + copies).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Puts the tag set with `/tag next` on the prompts a send just added.
    static func applyNextTag(_ state: inout AppState) {
        if state.blind != nil { state.blind?.hidden = true }  // a new blind round hides the names again
        guard let tag = state.verdicts.nextTag else { return }
        state.verdicts.nextTag = nil
        for id in newestRoundPrompts(state) {
            guard var message = state.session.message(id) else { continue }
            message.tag = tag
            state.session.update(message, at: message.createdAt)
        }
    }
}
