import Foundation
import PrismCore

/// The shared health record in the chat screen: a lane's request leaves out models whose
/// circuit is open (from `AppState.health`, read off the UI thread by `readHealth`), and
/// every finished reply is recorded in the reply history with its health outcome
/// (`recordReply`), which reads the circuits again.
extension Reducer {
    /// The model a lane sends for `model` and the rest of its chain, without open circuits;
    /// a notice says what was skipped, or that every model was open and it goes as asked.
    static func routeLane(_ state: inout AppState, model: String) -> (model: String, fallbacks: [String]) {
        var settings = state.session.settings
        // A compare pane sends its own model only: one whose circuit is open goes as asked.
        if state.isComparing { settings.fallbackModels = [] }
        let routed = ChainSkip.route(model: model, settings: &settings, health: state.health, now: state.now)
        var notices = ChainSkip.notices(routed.plan)
        guard !notices.isEmpty else { return (routed.model, settings.fallbackModels) }
        // Compare panes start in one step: keep the panes before this one's skips in the notice.
        if let earlier = state.notice, earlier.expires == state.now.addingTimeInterval(8),
           earlier.text.hasPrefix("skipping ") || earlier.text.hasPrefix("circuit open ") {
            notices.insert(earlier.text, at: 0)
        }
        notify(&state, notices.joined(separator: "; "), .error)
        return (routed.model, settings.fallbackModels)
    }

    /// When a draft begins: the circuits again, so Enter skips what other windows and commands
    /// found failing meanwhile. Only once the record was read at all (it is not kept in demo mode).
    static func healthRefresh(_ state: AppState) -> [Effect] {
        state.healthReadAt == nil ? [] : [.readHealth]
    }

    /// The history record of a finished reply of `stream` in `lane`, answering its parent
    /// message (none in demo mode, whose replies are simulated).
    static func replyRecord(_ state: AppState, lane: Int, stream: StreamState, reply: Reply) -> [Effect] {
        guard !state.demo, let model = stream.model else { return [] }
        let round = state.session.message(stream.messageID)?.parentID
        let prompt = round.flatMap { state.session.message($0)?.content } ?? ""
        // The tag the user gave the prompt (`/tag`), else the classifier's guess.
        let tag = round.flatMap { state.session.message($0)?.tag }
        return [.recordReply(ReplyRecord(reply: reply, model: model, prompt: prompt, tag: tag, source: state.isComparing ? .compare : .chat,
                                         at: state.now, replyID: stream.messageID, sessionID: state.session.id, roundID: round,
                                         lane: lane))]
    }
}
