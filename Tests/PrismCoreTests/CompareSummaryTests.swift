import Foundation
import Testing
@testable import PrismCore

@Suite("Compare summary")
struct CompareSummaryTests {
    private func reply(cost: String?, ttft: Double, total: Double, tokens: Int, fails: Bool = false) -> Reply {
        var r = Reply()
        r.content = String(repeating: "x", count: tokens * 4)
        r.usage = TokenUsage(completionTokens: tokens, cost: cost.flatMap { Decimal(string: $0) })
        r.timings = ReplyTimings(ttftMs: ttft, totalMs: total)
        if fails { r.failure = ReplyFailure(kind: .stream, message: "boom") }
        return r
    }

    @Test func picksWinnersAmongSuccessesAndTotalsEveryKnownCost() {
        let s = CompareSummary([
            (model: "a", reply: reply(cost: "0.003", ttft: 300, total: 2000, tokens: 400)),
            (model: "b", reply: reply(cost: "0.001", ttft: 500, total: 1500, tokens: 200)),
            (model: "c", reply: reply(cost: nil, ttft: 100, total: 900, tokens: 100)),
            (model: "d", reply: reply(cost: "0.0005", ttft: 50, total: 100, tokens: 900, fails: true)),
        ])
        #expect(s.cheapest == "b", "unknown costs are not free; failed replies do not win")
        #expect(s.fastestFirstToken == "c")
        #expect(s.fastestOverall == "c")
        #expect(s.longest == "a")
        #expect(s.totalCost == Decimal(string: "0.0045"))
        #expect(s.line == "cheapest: b · fastest first token: c · fastest: c · longest: a · round: $0.0045")
    }
}
