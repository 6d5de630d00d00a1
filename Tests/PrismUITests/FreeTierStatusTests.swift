import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Free models in the status bar: today's count against the daily limit")
struct FreeTierStatusTests {
    /// The status bar row and the style of the cell where `text` starts.
    private func status(_ h: ReducerHarness, _ text: String) -> (row: String, style: Style?) {
        var s = h.state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        let y = frame.size.height - 1
        let row = (0..<frame.size.width).map { frame[$0, y].grapheme }.joined()
        guard let at = row.range(of: text) else { return (row, nil) }
        return (row, frame[row.distance(from: row.startIndex, to: at.lowerBound), y].style)
    }

    @Test func aFreeModelShowsTodaysCountAgainstTheLimitAndWarnsNearIt() {
        let h = ReducerHarness(model: "meta/llama:free")
        h.state.credits = try? KeyInfo.decode(Data(#"{"data": {"is_free_tier": true}}"#.utf8))
        h.send(.spendTotalsComputed(SpendTotals(freeRequestsToday: 12)))
        let theme = UIFixtures.theme()
        let calm = status(h, "free 12/50 today")
        #expect(calm.style != nil, "\(calm.row)")
        #expect(calm.style?.foreground != theme[.warning].foreground)
        h.send(.spendTotalsComputed(SpendTotals(freeRequestsToday: 40)))
        let near = status(h, "free 40/50 today")
        #expect(near.style?.foreground == theme[.warning].foreground, "80 % of the limit: \(near.row)")
    }

    @Test func theLimitIsLeftOutUntilKnownAndPaidModelsShowNoCount() {
        let h = ReducerHarness(model: "meta/llama:free")
        h.send(.spendTotalsComputed(SpendTotals(freeRequestsToday: 3)))
        #expect(status(h, "free 3 today").style != nil)
        h.state.credits = try? KeyInfo.decode(Data(#"{"data": {"is_free_tier": false}}"#.utf8))
        #expect(status(h, "free 3/1000 today").style != nil, "an account that bought credits: 1,000 a day")
        let paid = ReducerHarness(model: "a/one")
        paid.send(.spendTotalsComputed(SpendTotals(freeRequestsToday: 3)))
        #expect(!status(paid, "free").row.contains("free 3"))
    }
}
