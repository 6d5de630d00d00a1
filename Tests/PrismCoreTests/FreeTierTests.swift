import Foundation
import Testing
@testable import PrismCore

@Suite("Free models: which are free, the daily limit, pacing under 20 a minute")
struct FreeTierTests {
    @Test func freeVariantsAndZeroPricedModelsAreFree() {
        #expect(FreeTier.isFree(model: "meta-llama/llama-3.3-70b-instruct:free", pricing: nil))
        #expect(FreeTier.isFree(model: "meta-llama/llama-3.3-70b-instruct:free:online", pricing: nil))
        #expect(FreeTier.isFree(model: "a/zero", pricing: ModelPricing(prompt: 0, completion: 0)))
        #expect(!FreeTier.isFree(model: "a/zero-but-fee", pricing: ModelPricing(prompt: 0, completion: 0, request: Decimal(string: "0.001"))))
        #expect(!FreeTier.isFree(model: "a/unknown", pricing: ModelPricing()), "unknown prices are not free")
        #expect(!FreeTier.isFree(model: "a/paid", pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: 0)))
        #expect(!FreeTier.isFree(model: "freeform/model", pricing: nil), "only the :free suffix counts, not the word")
        #expect(!FreeTier.isFree(model: "a/model:nitro", pricing: nil))
    }

    @Test func theDailyLimitFollowsWhetherTheAccountEverPaid() {
        #expect(FreeTier.dailyLimit(isFreeTier: true) == 50)
        #expect(FreeTier.dailyLimit(isFreeTier: false) == 1_000)
        #expect(FreeTier.dailyLimit(isFreeTier: nil) == nil)
        #expect(FreeTier.statusText(today: 37, limit: 50) == "free 37/50 today")
        #expect(FreeTier.statusText(today: 3, limit: nil) == "free 3 today")
    }

    @Test func pacingWaitsOnlyWhenTwentyStartedInTheLastMinute() {
        let now = Date(timeIntervalSince1970: 10_000)
        let nineteen = (0..<19).map { now.addingTimeInterval(-Double($0) - 1) }
        #expect(FreeTier.pacingDelay(recent: nineteen, now: now) == nil)
        // Twenty in the window, the oldest 50 s ago: it leaves the window in 10 s.
        let twenty = nineteen + [now.addingTimeInterval(-50)]
        #expect(abs((FreeTier.pacingDelay(recent: twenty.shuffled(), now: now) ?? 0) - 10) < 0.001)
        // Older requests do not count.
        let old = (0..<30).map { now.addingTimeInterval(-61 - Double($0)) }
        #expect(FreeTier.pacingDelay(recent: old + nineteen, now: now) == nil)
        // Twenty-five in the window: the sixth-newest must leave first.
        let many = (1...25).map { now.addingTimeInterval(-Double($0) * 2) }
        #expect(abs((FreeTier.pacingDelay(recent: many, now: now) ?? 0) - 20) < 0.001)
    }
}
