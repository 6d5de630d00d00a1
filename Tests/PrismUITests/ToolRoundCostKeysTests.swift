import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Rounds of a tool turn whose streams gave no cost: each round's `/generation` record is
/// asked for under its own ledger key, lands on that round (or on the reply's own request),
/// and the turn's cost is unknown ("cost ?") until every record has landed, then exact.
@Suite("Tool round cost lookups")
struct ToolRoundCostKeysTests {
    /// A request's end with a generation id, tokens, and no cost; with calls it is a tool round.
    private static func uncosted(_ generationID: String, calls: [(String, String)] = [], id: Int) -> Reply {
        var reply = Reply()
        reply.content = calls.isEmpty ? "It is noon." : ""
        reply.finishReason = calls.isEmpty ? "stop" : "tool_calls"
        reply.generationID = generationID
        reply.toolCalls = calls.enumerated().map { ToolCall(index: $0.offset, id: "call_\(id)_\($0.offset)", type: "function", name: $0.element.0, arguments: $0.element.1) }
        reply.usage = TokenUsage(promptTokens: 10, completionTokens: 5)
        return reply
    }

    private static func record(_ id: String, _ cost: String) -> GenerationRecord {
        GenerationRecord(id: id, model: "a/one", providerName: "Prov", totalCost: Decimal(string: cost), nativeTokensPrompt: 10, nativeTokensCompletion: 5)
    }

    private static let request = SpendRequest(model: "a/one", provider: "Prov", sessionID: "20261122-000000-abcd", source: .chat, free: false)

    private func settles(_ effects: [Effect]) -> Bool {
        effects.contains { switch $0 { case .recordSpend, .releaseSpend: true; default: false } }
    }

    /// Runs a turn of two requests whose streams give no cost; returns the harness after the second ended.
    private func uncostedTurn() throws -> (ToolHarness, first: [Effect], last: [Effect]) {
        let h = ToolHarness()
        h.state.session.tools = SessionTools(alwaysServers: ["time"])
        let (id, _) = try #require(h.ask("time?"))
        let first = h.send(.completion(requestID: id, event: .finished(Self.uncosted("gen-r1", calls: [("time__now", "{}")], id: id))))
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        let (id2, _) = try #require(ToolHarness.started(next))
        let last = h.send(.completion(requestID: id2, event: .finished(Self.uncosted("gen-r2", id: id2))))
        return (h, first, last)
    }

    @Test func eachRoundIsLookedUpUnderItsOwnKeyAndTheTurnCostIsExactOnceBothLand() throws {
        let (h, first, last) = try uncostedTurn()
        let session = h.state.session.id
        #expect(first.contains(.fetchGeneration(sessionID: session, messageID: "m2", round: 0, generationID: "gen-r1")))
        #expect(!settles(first), "the first round's reservation waits for its record")
        #expect(last.contains(.fetchGeneration(sessionID: session, messageID: "m2", spendKey: "m2#round2", generationID: "gen-r2")))
        #expect(!settles(last))
        let reply = try #require(h.reply)
        #expect(reply.toolRounds?.first?.generationID == "gen-r1")
        #expect(reply.generationID == "gen-r2", "the reply's own id is its last request's")
        #expect(reply.turnUsage?.cost == nil, "unknown, not a partial sum")
        #expect(reply.turnUsage?.completionTokens == 10, "the tokens are known")
        h.send(.tick(Date(timeIntervalSince1970: 200)))
        let pending = h.screen()
        #expect(pending.contains("10 tok · cost ?"), "the reply's header says the cost is not known yet: \(pending)")
        #expect(pending.split(separator: "\n").last?.contains("cost ?") == true, "and so does the status bar")

        let round = h.send(.generationLoaded(sessionID: session, messageID: "m2", round: 0, record: Self.record("gen-r1", "0.004")))
        #expect(round.contains(.recordSpend(Self.request, cost: Decimal(string: "0.004")!, source: .generation, replyID: "m2")))
        #expect(h.reply?.toolRounds?.first?.usage?.cost == Decimal(string: "0.004"))
        #expect(h.reply?.toolRounds?.first?.usage?.source == .generation)
        #expect(h.reply?.usage?.cost == nil, "the last request's record has not landed")
        #expect(h.reply?.turnUsage?.cost == nil)
        #expect(round.contains { if case .saveSession(let s) = $0 { s.message("m2")?.toolRounds?.first?.usage?.cost != nil } else { false } })
        #expect(!round.contains { if case .fillReplyCost = $0 { true } else { false } }, "one round's cost is not the turn's")

        let own = h.send(.generationLoaded(sessionID: session, messageID: "m2", spendKey: "m2#round2", record: Self.record("gen-r2", "0.006")))
        #expect(own.contains(.recordSpend(Self.request, cost: Decimal(string: "0.006")!, source: .generation, replyID: "m2#round2")))
        #expect(own.contains(.fillReplyCost(replyID: "m2", cost: Decimal(string: "0.01")!, source: .generation)), "the history row gets the turn's cost")
        let turn = try #require(h.reply?.turnUsage)
        #expect(turn.cost == Decimal(string: "0.01"))
        #expect(turn.source == .generation && !turn.costIsEstimate)
        #expect(h.state.session.totalCost.cost == Decimal(string: "0.01"))
        #expect(h.state.spentToday == Decimal(string: "0.01"))
        let screen = h.screen()
        #expect(screen.contains("$0.01 billed"), "\(screen)")
        #expect(!screen.contains("cost ?"))
    }

    @Test func aCostLearntLaterRedrawsTheHeaderOfAReplyAlreadyOnScreen() throws {
        let h = ToolHarness()
        h.state.session.tools = SessionTools(alwaysServers: ["time"])
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", "{}")], cost: "0.001")
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        let (id2, _) = try #require(ToolHarness.started(next))
        // The last request's stream gave Prism's estimate only; its record comes later.
        var last = Self.uncosted("gen-r2", id: id2)
        last.usage?.cost = Decimal(string: "0.009")
        last.usage?.costIsEstimate = true
        last.usage?.costSource = .estimate
        last.provider = "Prov"
        h.send(.completion(requestID: id2, event: .finished(last)))
        // One renderer across frames, as the app has: its laid-out parts are cached.
        let renderer = AppRenderer()
        func frame() -> String { var s = h.state; return renderer.render(&s, theme: UIFixtures.theme()).text() }
        #expect(frame().contains("10 tok · ~$0.01"), "the estimate, marked")
        h.send(.generationLoaded(sessionID: h.state.session.id, messageID: "m2", spendKey: "m2#round2", record: Self.record("gen-r2", "0.002")))
        let after = frame()
        #expect(after.contains("10 tok · $0.003 billed"), "\(after)")
    }

    @Test func aRoundWhoseRecordNeverComesGivesItsReservationBack() throws {
        let (h, _, _) = try uncostedTurn()
        let session = h.state.session.id
        let failed = h.send(.generationFailed(sessionID: session, messageID: "m2", round: 0, reason: "not there"))
        #expect(failed == [.releaseSpend(replyID: "m2")])
        #expect(h.reply?.toolRounds?.first?.usage?.cost == nil)
        h.send(.generationLoaded(sessionID: session, messageID: "m2", spendKey: "m2#round2", record: Self.record("gen-r2", "0.006")))
        #expect(h.reply?.turnUsage?.cost == nil, "one round's cost stays unknown, so the turn's does")
    }

    @Test func aRoundWithOnlyPrismsEstimateCountsItWhenTheRecordFails() throws {
        let h = ToolHarness()
        h.state.session.tools = SessionTools(alwaysServers: ["time"])
        let (id, _) = try #require(h.ask("time?"))
        var reply = Self.uncosted("gen-r1", calls: [("time__now", "{}")], id: id)
        reply.usage?.cost = Decimal(string: "0.002")
        reply.usage?.costIsEstimate = true
        reply.usage?.costSource = .estimate
        let ended = h.send(.completion(requestID: id, event: .finished(reply)))
        #expect(ended.contains(.fetchGeneration(sessionID: h.state.session.id, messageID: "m2", round: 0, generationID: "gen-r1")),
                "an estimate is looked up for the exact figure")
        let failed = h.send(.generationFailed(sessionID: h.state.session.id, messageID: "m2", round: 0, reason: "gone"))
        #expect(failed == [.recordSpend(SpendRequest(model: "a/one", provider: nil, sessionID: h.state.session.id, source: .chat, free: false),
                                        cost: Decimal(string: "0.002")!, source: .estimate, replyID: "m2")])
    }

    @Test func escDuringALaterRoundsStreamLooksThatRequestUp() throws {
        let h = ToolHarness()
        h.state.session.tools = SessionTools(alwaysServers: ["time"])
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", "{}")], cost: "0.001")
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        let (id2, _) = try #require(ToolHarness.started(next))
        h.send(.completion(requestID: id2, event: .metadata(model: nil, provider: nil, generationID: "gen-r2")))
        h.send(.completion(requestID: id2, event: .contentDelta("It is")))
        let stopped = h.key(Key(.escape))
        #expect(stopped.contains(.fetchGeneration(sessionID: h.state.session.id, messageID: "m2", spendKey: "m2#round2", generationID: "gen-r2")))
        #expect(!settles(stopped), "no release before the record is asked for")
        #expect(h.reply?.status == .cancelled)
        #expect(h.reply?.turnUsage?.cost == nil, "the stopped request's cost is still to come")
        h.send(.generationLoaded(sessionID: h.state.session.id, messageID: "m2", spendKey: "m2#round2", record: Self.record("gen-r2", "0.0005")))
        #expect(h.reply?.turnUsage?.cost == Decimal(string: "0.0015"))
    }

    @Test func aTurnEndedByTheRoundCapLooksItsLastRoundUpOnce() throws {
        let h = ToolHarness()
        h.state.tools.settings.maxRounds = 1
        let (id, _) = try #require(h.ask("time?"))
        let ended = h.send(.completion(requestID: id, event: .finished(Self.uncosted("gen-r1", calls: [("time__now", "{}")], id: id))))
        let lookups = ended.filter { if case .fetchGeneration = $0 { true } else { false } }
        #expect(lookups == [.fetchGeneration(sessionID: h.state.session.id, messageID: "m2", round: 0, generationID: "gen-r1")],
                "the round, not the reply's own (it made no request of its own)")
        #expect(!settles(ended))
        #expect(h.reply?.content == "stopped after 1 tool rounds")
        #expect(h.reply?.turnUsage?.cost == nil)
        h.send(.generationLoaded(sessionID: h.state.session.id, messageID: "m2", round: 0, record: Self.record("gen-r1", "0.004")))
        #expect(h.reply?.turnUsage?.cost == Decimal(string: "0.004"))
    }

    @Test func escWhileToolsRunAsksNothingMoreAndKeepsTheRoundsCost() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", "{}")], cost: "0.001")
        let stopped = h.key(Key(.escape))
        #expect(!stopped.contains { if case .fetchGeneration = $0 { true } else { false } })
        #expect(!settles(stopped))
        #expect(h.reply?.turnUsage?.cost == Decimal(string: "0.001"))
    }
}
