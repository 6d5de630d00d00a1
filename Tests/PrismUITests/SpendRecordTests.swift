import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// What the chat screen writes to the spend ledger when a reply ends (Enter in, effects out).
@Suite("Spend: replies recorded in the ledger")
struct SpendRecordTests {
    func records(_ effects: [Effect]) -> [Effect] {
        effects.filter { if case .recordSpend = $0 { return true } else { return false } }
    }

    func finish(_ h: ReducerHarness, cost: String?, provider: String? = "Prov", estimate: Bool = false) -> [Effect] {
        var reply = Reply()
        reply.content = "ok"
        reply.finishReason = "stop"
        reply.provider = provider
        if let cost {
            reply.usage = TokenUsage(promptTokens: 3, completionTokens: 2, cost: Decimal(string: cost))
            reply.usage?.costIsEstimate = estimate
        }
        return h.send(.completion(requestID: 1, event: .finished(reply)))
    }

    @Test func aPaidReplyIsRecordedWithModelProviderSessionAndSource() {
        let h = ReducerHarness(model: "a/one")
        h.command("hello")
        let effects = records(finish(h, cost: "0.00042"))
        let expected = SpendRequest(model: "a/one", provider: "Prov", sessionID: h.state.session.id, source: .chat, free: false)
        let reply = h.state.session.messages.last?.id
        #expect(effects == [.recordSpend(expected, cost: Decimal(string: "0.00042")!, source: .usage, replyID: reply)],
                "recorded against the reply's reservation")
        #expect(!h.state.session.id.isEmpty)
    }

    @Test func anEstimatedCostIsRecordedAsAnEstimate() {
        let h = ReducerHarness(model: "a/one")
        h.command("hello")
        let effects = records(finish(h, cost: "0.001", estimate: true))
        guard case .recordSpend(_, _, let source, _)? = effects.first else { Issue.record("no record: \(effects)"); return }
        #expect(source == .estimate)
    }

    @Test func aFreeModelsReplyCountsEvenWithoutACostAndAPaidOneWithoutACostDoesNot() {
        let free = ReducerHarness(model: "meta/llama:free")
        free.command("hello")
        let effects = records(finish(free, cost: nil))
        let expected = SpendRequest(model: "meta/llama:free", provider: "Prov", sessionID: free.state.session.id, source: .chat, free: true)
        #expect(effects == [.recordSpend(expected, cost: 0, source: .estimate, replyID: free.state.session.messages.last?.id)])

        let paid = ReducerHarness(model: "a/one")
        paid.command("hello")
        let ended = finish(paid, cost: nil)
        #expect(records(ended).isEmpty, "no cost known: nothing to record (yet)")
        #expect(ended.contains(.releaseSpend(replyID: paid.state.session.messages.last!.id)), "and its reservation is given back")
    }

    @Test func enterReservesTheWorstCaseBeforeTheStreamStarts() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.catalog = [ModelInfo(id: "a/one", pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.00001")))]
        for c in "hello" { h.key(.char(c)) }
        let effects = h.key(Key(.enter))
        let reserve = try #require(effects.firstIndex { if case .reserveSpend = $0 { true } else { false } })
        let start = try #require(effects.firstIndex { if case .startStream = $0 { true } else { false } })
        #expect(reserve < start, "reserved before the first byte goes")
        guard case .reserveSpend(let replyID, let request, let worstCase) = effects[reserve],
              case .startStream(_, let chat, _) = effects[start] else { return }
        #expect(replyID == h.state.session.messages.last?.id)
        #expect(request == SpendRequest(model: "a/one", sessionID: h.state.session.id, source: .chat, free: false))
        let parent = h.state.session.message(replyID)?.parentID
        #expect(worstCase == RequestCost.estimate(chat, session: h.state.session, upTo: parent).worstCase)
        #expect(worstCase > Decimal(chat.maxTokens) * Decimal(string: "0.00001")!, "a full reply plus the input")
    }

    @Test func escWithNoRecordToAskForGivesTheReservationBack() {
        let h = ReducerHarness(model: "a/one")
        h.command("hello")
        let effects = h.key(Key(.escape))
        #expect(effects.contains(.releaseSpend(replyID: h.state.session.messages.last!.id)))
    }

    @Test func demoModeTouchesNoLedger() {
        let h = ReducerHarness(model: "demo/instant")
        h.state.demo = true
        let effects = h.command("hello")
        #expect(!effects.contains { if case .reserveSpend = $0 { true } else { false } })
    }
}
