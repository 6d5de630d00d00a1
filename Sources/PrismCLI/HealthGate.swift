import Foundation
import PrismCore

/// `prism ask` and `prism compare` and the shared health record: before a request, models
/// whose circuit is open are left out of its fallback chain (said on stderr); after it, the
/// reply is recorded in the reply history, with its outcome in the health record (one
/// transaction, `ReplyHistory.record`), for every Prism process to see.
///
/// Health never stops a reply: a record that cannot be read or written is one warning line.
/// Demo replies are simulated and neither read nor write it.
struct HealthGate {
    let history: ReplyHistory?
    let source: ReplyRecord.Source
    var health: RouteHealth? { history?.health }

    init(context: CLIContext, source: ReplyRecord.Source) {
        history = context.demo ? nil : ReplyHistory(paths: context.paths, settings: context.config.health,
                                                    keepPrompts: context.config.keepPrompts)
        self.source = source
    }

    /// The model to send instead of `model` (itself unless its circuit is open and a fallback's
    /// is not) and the chain's rest in `settings.fallbackModels`; one stderr note per skip.
    func route(model: String, settings: inout RequestSettings, now: Date = Date()) -> (model: String, skipped: [SkippedModel]) {
        guard let health, let snapshot = attempt({ try health.snapshot(now: now) }) else { return (model, []) }
        let routed = ChainSkip.route(model: model, settings: &settings, health: snapshot, now: now)
        for notice in ChainSkip.notices(routed.plan) { StandardIO.error("prism: note: \(TerminalSanitizer.metadata(notice))") }
        return (routed.model, routed.plan.skipped)
    }

    /// Records how the request for `model` (the one sent) ended, answering `prompt` (the user
    /// message `roundID` of `session` when saved) in compare pane `lane`.
    func record(_ reply: Reply, model: String, prompt: String, replyID: String?, sessionID: String?, roundID: String?,
                lane: Int = 0, at date: Date = Date()) {
        guard let history else { return }
        let record = ReplyRecord(reply: reply, model: model, prompt: prompt, source: source, at: date,
                                 replyID: replyID, sessionID: sessionID, roundID: roundID, lane: lane)
        attempt { try history.record(record) }
    }

    @discardableResult
    private func attempt<T>(_ body: () throws -> T) -> T? {
        defer {
            for notice in health?.takeNotices() ?? [] { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        }
        do {
            return try body()
        } catch {
            StandardIO.error("prism: warning: reply history: \(TerminalSanitizer.metadata("\(error)"))")
            return nil
        }
    }
}
