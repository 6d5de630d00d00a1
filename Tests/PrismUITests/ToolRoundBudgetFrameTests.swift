import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The budget's hold on a tool turn's next round, as a whole frame: the round and its
/// result above, the held line in the status bar, the hold's keys in the hint bar.
@Suite("Tool round budget frames")
struct ToolRoundBudgetFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func heldToolRound(size: Size) throws {
        let h = PricedToolHarness(size: size)
        h.state.budget = BudgetCaps(daily: 1)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "0.895")!, month: 1)))
        _ = try h.roundWithResult(PricedToolHarness.bigResult)
        #expect(h.state.budgetHold != nil)
        var s = h.state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: "tools-budget-held-\(size)") { Issue.record(Comment(rawValue: problem)) }
    }
}
