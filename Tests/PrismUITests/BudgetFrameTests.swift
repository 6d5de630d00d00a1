import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames with budgets: the status bar's spend against caps, and a held send.
@Suite("Budget frames")
struct BudgetFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func statusBarWithCaps(size: Size) {
        var state = UIFixtures.state(size)
        state.budget = BudgetCaps(daily: 2, monthly: 30)
        state.spend = SpendTotals(today: Decimal(string: "1.2")!, month: 14)
        check(state, "budget-caps-\(size)")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func heldSend(size: Size) {
        var state = UIFixtures.state(size)
        state.budget = BudgetCaps(daily: 2)
        state.prompt.set("Plan a week in Kyoto")
        state.budgetHold = BudgetHold(kind: .refused,
                                      message: "not sent: over the daily cap of $2: $1.95 spent today + ≤ $0.0662 for this request; resets at 00:00 (in 3 h 12 min)",
                                      pending: .send, fittingMaxTokens: 350,
                                      shortMessage: "not sent: daily cap $2: $1.95 spent + ≤ $0.0662 · resets in 3 h 12 min")
        check(state, "budget-held-\(size)")
    }
}
