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
        #expect(effects == [.recordSpend(expected, cost: Decimal(string: "0.00042")!, source: .usage)])
        #expect(!h.state.session.id.isEmpty)
    }

    @Test func anEstimatedCostIsRecordedAsAnEstimate() {
        let h = ReducerHarness(model: "a/one")
        h.command("hello")
        let effects = records(finish(h, cost: "0.001", estimate: true))
        guard case .recordSpend(_, _, let source)? = effects.first else { Issue.record("no record: \(effects)"); return }
        #expect(source == .estimate)
    }

    @Test func aFreeModelsReplyCountsEvenWithoutACostAndAPaidOneWithoutACostDoesNot() {
        let free = ReducerHarness(model: "meta/llama:free")
        free.command("hello")
        let effects = records(finish(free, cost: nil))
        let expected = SpendRequest(model: "meta/llama:free", provider: "Prov", sessionID: free.state.session.id, source: .chat, free: true)
        #expect(effects == [.recordSpend(expected, cost: 0, source: .estimate)])

        let paid = ReducerHarness(model: "a/one")
        paid.command("hello")
        #expect(records(finish(paid, cost: nil)).isEmpty, "no cost known: nothing to record (yet)")
    }
}
