import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A tool chat with a priced model ("a/one": $0.000001 a prompt token, $0.0001 an output
/// token, so 1,000 max_tokens cost ≤ $0.1 plus the prompt) and a UTC calendar.
final class PricedToolHarness: ToolHarness, @unchecked Sendable {
    init(size: Size = Size(width: 120, height: 40)) {
        super.init(size: size)
        let pricing = ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.0001"))
        state.catalog = [ModelInfo(id: "a/one", pricing: pricing, supportedParameters: ["tools"])]
        env.calendar = BudgetHarness.utc
    }

    /// Asks for one call of `files/read`, approves it, and answers it with `output`:
    /// returns the first request's id and the effects of the answer.
    func roundWithResult(_ output: String) throws -> (id: Int, effects: [Effect]) {
        let (id, _) = try #require(ask("read a"))
        finishWithCalls(id, [("files__read", #"{"path":"a"}"#)], cost: "0.001")
        key(.char("y"))
        return (id, send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: output), seconds: 0.1)))
    }

    /// 20,000 characters: about 5,000 prompt tokens more for the next round, ≈ $0.005.
    static let bigResult = String(repeating: "abcd ", count: 4_000)

    var bottomLine: String { String(screen().split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }
}

private func reserves(_ effects: [Effect], _ key: String) -> Bool {
    effects.contains { if case .reserveSpend(let k, _, _) = $0 { k == key } else { false } }
}

private func settles(_ effects: [Effect], _ key: String) -> Bool {
    effects.contains {
        switch $0 {
        case .recordSpend(_, _, _, let k): k == key
        case .releaseSpend(let k): k == key
        default: false
        }
    }
}

/// Each later request of a tool turn passes the budget as a prompt does: held, the turn
/// pauses with its results until the budget's keys answer.
@Suite("Tool round budget keys")
struct ToolRoundBudgetKeysTests {
    @Test func theNextRoundOverThePerRequestCapPausesTheTurnAndSendsNothing() throws {
        let h = PricedToolHarness()
        // The first request (≤ $0.1001) fits; the next carries the 20,000-character result too.
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.102"))
        let (_, effects) = try h.roundWithResult(PricedToolHarness.bigResult)
        #expect(ToolHarness.started(effects) == nil, "nothing is sent")
        #expect(!reserves(effects, "m2#round2"))
        let hold = try #require(h.state.budgetHold)
        #expect(hold.pending == .toolRound(lane: 0, round: 2))
        #expect(hold.kind == .refused)
        #expect(hold.message.hasPrefix("tool round 2 not sent: over the per-request cap of $0.102: this request costs ≤ $0.10"), "\(hold.message)")
        #expect(hold.fittingMaxTokens != nil)
        #expect(h.state.isStreaming, "the turn is paused, not over")
        #expect(h.reply?.status == .streaming)
        let screen = h.screen()
        #expect(screen.contains("tool round 2 not sent: over the per-request cap of $0.102"), "\(screen)")
        #expect(screen.contains("y send anyway · l max_tokens \(hold.fittingMaxTokens!) · Esc stop the turn"), "\(screen)")
        // Keys that are not the budget's leave the turn paused (the transcript can be read meanwhile).
        let other = h.key(Key(.pageUp))
        #expect(ToolHarness.started(other) == nil)
        #expect(h.state.budgetHold == hold)
    }

    @Test func sendAnywayContinuesTheTurnWithTheToolResults() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.102"))
        let (id, _) = try h.roundWithResult(PricedToolHarness.bigResult)
        let effects = h.key(.char("y"))
        let (id2, request) = try #require(ToolHarness.started(effects))
        #expect(id2 != id)
        #expect(request.messages.last?.role == .tool && request.messages.last?.content == PricedToolHarness.bigResult)
        #expect(request.maxTokens == 1000, "sent as it was")
        let reserved = effects.compactMap { if case .reserveSpend(let k, _, let worst) = $0, k == "m2#round2" { worst } else { nil } }.first
        let worst = try #require(reserved)
        #expect(worst > Decimal(string: "0.102")!, "the reservation is the round's worst case, results included: \(worst)")
        #expect(h.state.budgetHold == nil)
        h.finish(id2, "It says abcd.", cost: "0.002")
        #expect(h.reply?.status == .complete)
        #expect(h.reply?.turnUsage?.cost == Decimal(string: "0.003"))
    }

    @Test func lowerMaxTokensSendsTheRoundWithTheCapThatFits() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.102"))
        _ = try h.roundWithResult(PricedToolHarness.bigResult)
        let fit = try #require(h.state.budgetHold?.fittingMaxTokens)
        #expect(fit < 1000)
        let effects = h.key(.char("l"))
        let (_, request) = try #require(ToolHarness.started(effects))
        #expect(request.maxTokens == fit)
        #expect(reserves(effects, "m2#round2"))
        #expect(h.state.budgetHold == nil)
    }

    @Test func backStopsTheTurnAndKeepsTheRoundsAndTheirCost() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.102"))
        _ = try h.roundWithResult(PricedToolHarness.bigResult)
        let effects = h.key(Key(.escape))
        #expect(ToolHarness.started(effects) == nil)
        #expect(!effects.contains { if case .cancelStream = $0 { true } else { false } }, "nothing was in flight")
        #expect(!settles(effects, "m2") && !settles(effects, "m2#round2"), "the round was settled when it ended; the held one never went")
        let reply = try #require(h.reply)
        #expect(reply.content == "stopped by the budget before tool round 2")
        #expect(reply.status == .complete)
        #expect(reply.toolRounds?.count == 1 && reply.toolRounds?.first?.steps.first?.output?.text == PricedToolHarness.bigResult)
        #expect(reply.turnUsage?.cost == Decimal(string: "0.001"), "the round keeps its cost")
        #expect(effects.contains { if case .saveSession(let s) = $0 { s.message(reply.id)?.status == .complete } else { false } })
        let record = effects.compactMap { if case .recordReply(let r) = $0 { r } else { nil } }.first
        #expect(record?.cost == Decimal(string: "0.001"), "the history records the turn")
        #expect(h.state.budgetHold == nil)
        #expect(!h.state.isStreaming)
        #expect(h.state.notice?.text == "tool turn stopped by the budget after 1 round: the reply is kept")
        #expect(h.screen().contains("stopped by the budget before tool round 2"))
    }

    @Test func confirmAboveAsksBeforeTheNextRoundAndYContinues() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(confirmAbove: Decimal(string: "0.102"))
        let (_, effects) = try h.roundWithResult(PricedToolHarness.bigResult)
        #expect(ToolHarness.started(effects) == nil)
        let hold = try #require(h.state.budgetHold)
        #expect(hold.kind == .confirm)
        #expect(hold.message.hasPrefix("tool round 2: this request costs ≤ $0.10"), "\(hold.message)")
        #expect(hold.message.hasSuffix(", above confirm_above $0.102; continue?"), "\(hold.message)")
        #expect(h.screen().contains("y send · Esc stop the turn"))
        #expect(ToolHarness.started(h.key(.char("y"))) != nil)
    }

    @Test func aSmallResultUnderTheCapGoesOnWithoutAHold() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.102"))
        let (_, effects) = try h.roundWithResult("tiny")
        #expect(ToolHarness.started(effects) != nil)
        #expect(reserves(effects, "m2#round2"))
        #expect(h.state.budgetHold == nil)
    }

    @Test func theDailyCapCountsTheTurnsEarlierRounds() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(daily: 1)
        // $0.895 spent: the first request (≤ $0.1001) fits; with the round's $0.001 and the
        // round's result the next one does not.
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "0.895")!, month: 1)))
        let (_, effects) = try h.roundWithResult(PricedToolHarness.bigResult)
        #expect(ToolHarness.started(effects) == nil)
        #expect(h.state.budgetHold?.message.hasPrefix("tool round 2 not sent: over the daily cap of $1: $0.896 spent") == true,
                "\(h.state.budgetHold?.message ?? "")")
    }

    @Test func cancellingTheLaneEndsThePauseToo() throws {
        let h = PricedToolHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.102"))
        _ = try h.roundWithResult(PricedToolHarness.bigResult)
        let effects = h.key(.ctrl("c"))
        #expect(effects.contains { if case .cancelTools = $0 { true } else { false } })
        #expect(h.state.budgetHold == nil)
        #expect(!h.state.isStreaming)
        #expect(h.reply?.status == .cancelled)
    }
}
