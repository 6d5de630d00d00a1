import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The chat screen and the shared health record: Enter sends past open circuits and says so,
/// and every finished reply is recorded (keys in, effects and frames out).
@Suite("Health: open circuits skipped in the chat screen")
struct HealthSkipKeysTests {
    static let settings = HealthSettings(failures: 3, window: 600, cooldown: 300)

    /// Circuits opened by three failures at 0, 10 and 20 s after the epoch: open until 320 s.
    static func snapshot(open models: [String]) -> HealthSnapshot {
        var snapshot = HealthSnapshot(settings: settings)
        for model in models {
            snapshot.models[model] = Circuit.replay([0.0, 10, 20].map { (.failure, Date(timeIntervalSince1970: $0)) }, settings: settings)
        }
        return snapshot
    }

    static func streams(_ effects: [Effect]) -> [ChatRequest] {
        effects.compactMap { if case .startStream(_, let r, _) = $0 { r } else { nil } }
    }

    static func outcomes(_ effects: [Effect]) -> [RouteOutcome] {
        effects.compactMap { if case .recordReply(let r) = $0 { r.outcome } else { nil } }
    }

    @Test func enterSkipsAnOpenModelForTheFirstHealthyFallbackAndSaysSo() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.session.settings.fallbackModels = ["b/two", "c/three"]
        h.send(.healthRead(Self.snapshot(open: ["a/one"])))
        let effects = h.command("hello")
        let request = try #require(Self.streams(effects).first)
        #expect(request.model == "b/two")
        #expect(request.settings.fallbackModels == ["c/three"])
        // The clock is at 100 s: 220 s of the cool-down are left, shown as 4 min.
        #expect(h.state.notice?.text == "skipping a/one for 4 min: 3 failures in 10 min")
        #expect(h.screen().contains("skipping a/one for 4 min: 3 failures in 10 min"))
        #expect(h.state.session.settings.fallbackModels == ["b/two", "c/three"], "the session keeps its chain")

        // The reply's outcome is recorded for the model sent.
        var reply = Reply()
        reply.failure = ReplyFailure(kind: .http, status: 503, message: "down", provider: "P")
        let ended = h.send(.completion(requestID: 1, event: .finished(reply)))
        let outcome = try #require(Self.outcomes(ended).first)
        #expect(outcome.model == "b/two" && outcome.kind == .failed(.http) && outcome.status == 503 && outcome.provider == "P")
        #expect(outcome.source == "chat")
    }

    @Test func aClosedChainIsSentAsIsAndASuccessIsRecorded() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.session.settings.fallbackModels = ["b/two"]
        h.send(.healthRead(Self.snapshot(open: ["z/other"])))
        let request = try #require(Self.streams(h.command("hello")).first)
        #expect(request.model == "a/one" && request.settings.fallbackModels == ["b/two"])
        #expect(h.state.notice == nil)
        var reply = Reply()
        reply.content = "hi"
        reply.finishReason = "stop"
        #expect(Self.outcomes(h.send(.completion(requestID: 1, event: .finished(reply)))).map(\.kind) == [.ok])
    }

    @Test func whenEveryModelIsOpenTheRequestGoesAsAskedWithANotice() throws {
        let h = ReducerHarness(model: "a/one")
        h.send(.healthRead(Self.snapshot(open: ["a/one"])))
        let request = try #require(Self.streams(h.command("hello")).first)
        #expect(request.model == "a/one")
        #expect(h.state.notice?.text == "circuit open for a/one (3 failures in 10 min): sending as asked, nothing healthier to try")
    }

    @Test func afterTheCooldownTheModelIsTriedAgain() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.session.settings.fallbackModels = ["b/two"]
        h.send(.healthRead(Self.snapshot(open: ["a/one"])))
        h.state.now = Date(timeIntervalSince1970: 321)
        let request = try #require(Self.streams(h.command("hello")).first)
        #expect(request.model == "a/one", "half-open: one try goes through")
    }

    /// A compare pane sends its own model only (no chain), so an open circuit cannot hand the
    /// pane to another model: it goes as asked, said, and its reply is recorded for that model.
    @Test func comparePanesWithAnOpenCircuitGoAsAskedAndSaySo() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "b/two"), ModelInfo(id: "c/three")]
        h.state.session.settings.fallbackModels = ["c/three"]
        h.key(.ctrl("p"))
        for row in [0, 1] {
            h.state.picker.selection = row
            h.key(.ctrl("t"))
        }
        h.key(Key(.enter))
        #expect(h.state.comparedModels == ["a/one", "b/two"])
        h.send(.healthRead(Self.snapshot(open: ["b/two"])))
        let effects = h.command("hello")
        #expect(Self.streams(effects).map(\.model) == ["a/one", "b/two"])
        #expect(Self.streams(effects).allSatisfy { $0.settings.fallbackModels.isEmpty }, "compare panes send no chain")
        #expect(h.state.notice?.text == "circuit open for b/two (3 failures in 10 min): sending as asked, nothing healthier to try")
        var reply = Reply()
        reply.content = "hi"
        reply.finishReason = "stop"
        let ended = h.send(.completion(requestID: 2, event: .finished(reply)))
        #expect(Self.outcomes(ended).map(\.model) == ["b/two"])
        #expect(Self.outcomes(ended).first?.source == "compare")
    }

    @Test func aComparePanesReplyIsRecordedWithItsSessionRoundLaneAndTag() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "b/two")]
        h.key(.ctrl("p"))
        for row in [0, 1] {
            h.state.picker.selection = row
            h.key(.ctrl("t"))
        }
        h.key(Key(.enter))
        _ = h.command("fix this swift bug")
        var reply = Reply()
        reply.content = "done"
        reply.provider = "P"
        reply.usage = TokenUsage(promptTokens: 3, completionTokens: 4, cost: Decimal(string: "0.001"))
        let records = h.send(.completion(requestID: 2, event: .finished(reply)))
            .compactMap { if case .recordReply(let r) = $0 { r } else { nil } }
        let record = try #require(records.first)
        let replyMessage = try #require(h.state.session.message(record.replyID ?? ""))
        #expect(records.count == 1 && record.source == .compare && record.lane == 1 && record.modelAsked == "b/two")
        #expect(record.sessionID == h.state.session.id && record.roundID == replyMessage.parentID)
        #expect(h.state.session.message(record.roundID ?? "")?.content == "fix this swift bug")
        #expect(record.tag == .code && !record.tagByUser && record.cost == Decimal(string: "0.001") && record.provider == "P")
    }

    @Test func skipsInSeveralPanesAreAllNamed() {
        let h = ReducerHarness(model: "a/one")
        h.state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "b/two")]
        h.state.session.settings.fallbackModels = ["c/three"]
        h.key(.ctrl("p"))
        for row in [0, 1] {
            h.state.picker.selection = row
            h.key(.ctrl("t"))
        }
        h.key(Key(.enter))
        h.send(.healthRead(Self.snapshot(open: ["a/one", "b/two"])))
        let effects = h.command("hello")
        #expect(Self.streams(effects).map(\.model) == ["a/one", "b/two"])
        let both = "circuit open for a/one (3 failures in 10 min): sending as asked, nothing healthier to try; "
            + "circuit open for b/two (3 failures in 10 min): sending as asked, nothing healthier to try"
        #expect(h.state.notice?.text == both)
        // The next send starts afresh: the notice is not added to forever.
        h.state.now = h.state.now.addingTimeInterval(1)
        for id in [1, 2] { h.finish(id, "ok") }
        h.command("again")
        #expect(h.state.notice?.text == both)
    }

    @Test func aDraftBeginningRereadsTheCircuitsSoAnotherWindowsFailuresCount() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.session.settings.fallbackModels = ["b/two"]
        #expect(h.key(.char("h")) == [.loadRouting], "never read (not kept): nothing to read again")
        h.key(.ctrl("u"))
        h.send(.healthRead(HealthSnapshot(settings: Self.settings)))
        #expect(h.key(.char("h")) == [.loadRouting, .readHealth], "the first key of a draft reads the record again")
        #expect(h.key(.char("i")).isEmpty, "once per draft")
        // What the read brings: another process opened a/one's circuit meanwhile.
        h.send(.healthRead(Self.snapshot(open: ["a/one"])))
        let request = try #require(Self.streams(h.key(Key(.enter))).first)
        #expect(request.model == "b/two")
    }

    @Test func demoRepliesAreNotRecorded() {
        let h = ReducerHarness(model: "a/one")
        h.state.demo = true
        h.command("hello")
        var reply = Reply()
        reply.content = "hi"
        reply.finishReason = "stop"
        #expect(Self.outcomes(h.send(.completion(requestID: 1, event: .finished(reply)))).isEmpty)
    }
}
