import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Budgets: the ledger's totals are read again when a draft begins")
struct BudgetRefreshKeysTests {
    @Test func theFirstKeyOfADraftRereadsTheTotalsOnlyWithCapsSet() {
        let h = ReducerHarness(model: "a/one")
        h.state.budget = BudgetCaps(daily: 2)
        #expect(h.key(.char("h")) == [.computeSpentToday, .loadRouting], "so Enter checks what other windows spent meanwhile")
        #expect(h.key(.char("i")).isEmpty, "once per draft, not per key")
        h.key(.ctrl("u"))
        #expect(h.key(.char("x")) == [.computeSpentToday, .loadRouting], "a new draft reads again")

        let uncapped = ReducerHarness(model: "a/one")
        #expect(uncapped.key(.char("h")) == [.loadRouting], "no caps: nothing to check against, but routing is read again")
    }

    @Test func anotherWindowsSpendReadMeanwhileRefusesTheSend() {
        let h = ReducerHarness(model: "a/one")
        h.state.catalog = [ModelInfo(id: "a/one", pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000001")))]
        h.state.budget = BudgetCaps(daily: 1)
        h.type("hello")
        // What the re-read brings: another window holds $0.999 in flight.
        h.send(.spendTotalsComputed(SpendTotals(today: 0, reservedToday: Decimal(string: "0.999")!)))
        let effects = h.key(Key(.enter))
        #expect(!effects.contains { if case .startStream = $0 { true } else { false } })
        #expect(h.state.budgetHold?.kind == .refused)
    }
}
