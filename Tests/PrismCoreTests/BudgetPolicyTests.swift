import Foundation
import Testing
@testable import PrismCore

@Suite("Budget policy")
struct BudgetPolicyTests {
    /// UTC, so boundaries are exact whatever the machine's zone.
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func date(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        return f.date(from: text)!
    }

    static let noon = date("2026-12-02T20:48:00Z")

    func d(_ text: String) -> Decimal { Decimal(string: text)! }

    func ask(worst: String?, input: String = "0", perToken: String = "0.00001", maxTokens: Int = 1000, requests: Int = 1) -> SpendAsk {
        SpendAsk(worstCase: worst.map(d), inputCost: d(input), outputPricePerToken: d(perToken), maxOutputTokens: maxTokens,
                 unpricedModels: worst == nil ? ["x/unpriced"] : [], requests: requests)
    }

    func decide(_ caps: BudgetCaps, _ totals: SpendTotals, _ ask: SpendAsk, now: Date = noon) -> BudgetDecision {
        BudgetPolicy.decide(caps: caps, totals: totals, ask: ask, now: now, calendar: Self.calendar)
    }

    func decide(_ caps: BudgetCaps, _ ask: SpendAsk) -> BudgetDecision {
        decide(caps, SpendTotals(), ask)
    }

    @Test func noCapsAllowsEverythingEvenUnpriced() {
        #expect(decide(BudgetCaps(), ask(worst: "100")) == .allow)
        #expect(decide(BudgetCaps(), ask(worst: nil)) == .allow)
    }

    @Test func perRequestBoundaryIsInclusive() {
        let caps = BudgetCaps(perRequest: d("0.05"))
        #expect(decide(caps, ask(worst: "0.05")) == .allow)
        guard case .refuse(let refusal) = decide(caps, ask(worst: "0.0500001")) else { Issue.record("not refused"); return }
        #expect(refusal.cap == .perRequest)
        #expect(refusal.message == "over the per-request cap of $0.05: this request costs ≤ $0.0501 at most", "rounded up, so it reads as over the cap")
    }

    @Test func dailyCountsSettledAndReservedAndSaysWhenItResets() {
        let caps = BudgetCaps(daily: 2)
        let totals = SpendTotals(today: d("1.5"), month: d("1.5"), reservedToday: d("0.4"), reservedMonth: d("0.4"))
        #expect(decide(caps, totals, ask(worst: "0.1")).sends, "exactly at the cap still goes")
        guard case .refuse(let refusal) = decide(caps, totals, ask(worst: "0.2")) else { Issue.record("not refused"); return }
        #expect(refusal.cap == .daily)
        #expect(refusal.message == "over the daily cap of $2: $1.9 spent today ($0.4 of it in flight) + ≤ $0.2 for this request; resets at 00:00 (in 3 h 12 min)")
        #expect(refusal.shortMessage == "daily cap $2: $1.9 spent + ≤ $0.2 · resets in 3 h 12 min")
    }

    @Test func monthlyResetsOnTheFirstOfNextMonthAcrossTheYear() {
        let caps = BudgetCaps(monthly: 30)
        let totals = SpendTotals(today: 1, month: 30)
        guard case .refuse(let refusal) = decide(caps, totals, ask(worst: "0.01"), now: Self.date("2026-12-31T23:30:00Z")) else {
            Issue.record("not refused"); return
        }
        #expect(refusal.cap == .monthly)
        #expect(refusal.message == "over the monthly cap of $30: $30 spent this month + ≤ $0.01 for this request; resets on Jan 1 at 00:00 (in 30 min)")
        #expect(refusal.shortMessage == "monthly cap $30: $30 spent + ≤ $0.01 · resets Jan 1 (in 30 min)")
        guard case .refuse(let mid) = decide(caps, totals, ask(worst: "0.01"), now: Self.date("2026-02-10T12:00:00Z")) else {
            Issue.record("not refused"); return
        }
        #expect(mid.message.hasSuffix("resets on Mar 1 at 00:00 (in 18 d 12 h)"))
    }

    @Test func monthlyIsNamedBeforeDailyAndDailyBeforePerRequest() {
        let caps = BudgetCaps(perRequest: d("0.01"), daily: 1, monthly: 1)
        let over = SpendTotals(today: 1, month: 1)
        guard case .refuse(let a) = decide(caps, over, ask(worst: "0.5")) else { Issue.record("not refused"); return }
        #expect(a.cap == .monthly)
        guard case .refuse(let b) = decide(BudgetCaps(perRequest: d("0.01"), daily: 1), over, ask(worst: "0.5")) else { Issue.record("not refused"); return }
        #expect(b.cap == .daily)
    }

    @Test func freeRequestsAlwaysGoEvenOverACap() {
        #expect(decide(BudgetCaps(daily: 1), SpendTotals(today: 5, month: 5), ask(worst: "0")) == .allow)
    }

    @Test func unboundedCostIsRefusedUnderACapAndQuestionedUnderConfirmOnly() {
        guard case .refuse(let refusal) = decide(BudgetCaps(daily: 1), ask(worst: nil)) else { Issue.record("not refused"); return }
        #expect(refusal.cap == .unbounded)
        #expect(refusal.message == "the cost of this request cannot be bounded: no price is known for x/unpriced, and a budget cap is set")
        #expect(refusal.fittingMaxTokens == nil)
        #expect(decide(BudgetCaps(confirmAbove: 1), ask(worst: nil))
                == .confirm("the cost of this request cannot be bounded: no price is known for x/unpriced"))
    }

    @Test func confirmAboveAsksOnlyAboveIt() {
        let caps = BudgetCaps(confirmAbove: d("0.25"))
        #expect(decide(caps, ask(worst: "0.25")) == .allow)
        #expect(decide(caps, ask(worst: "0.3", requests: 2)) == .confirm("this round costs ≤ $0.3 at most, above confirm_above $0.25"))
    }

    @Test func warnsAtWarnAtOfTheDailyCap() {
        let caps = BudgetCaps(daily: 2)
        #expect(decide(caps, SpendTotals(today: d("1.5"), month: d("1.5")), ask(worst: "0.09")) == .allow)
        #expect(decide(caps, SpendTotals(today: d("1.5"), month: d("1.5")), ask(worst: "0.1"))
                == .warn("daily budget: ≤ $1.6 of $2 with this request (80%)"))
        let strict = BudgetCaps(monthly: 10, warnAt: d("0.5"))
        #expect(decide(strict, SpendTotals(month: 5), ask(worst: "0.01")) == .warn("monthly budget: ≤ $5.01 of $10 with this request (50%)"))
    }

    @Test func fittingMaxTokensUsesTheTightestRemainingCap() {
        // $0.30 left today, $1 per request: (0.30 - 0.10 input) / 0.001 per token = 200.
        let caps = BudgetCaps(perRequest: 1, daily: 2)
        let totals = SpendTotals(today: d("1.6"), month: d("1.6"), reservedToday: d("0.1"))
        let a = ask(worst: "1.1", input: "0.1", perToken: "0.001", maxTokens: 1000)
        guard case .refuse(let refusal) = decide(caps, totals, a) else { Issue.record("not refused"); return }
        #expect(refusal.fittingMaxTokens == 200)
        #expect(BudgetPolicy.fittingMaxTokens(caps: caps, totals: totals, ask: a) == 200)
    }

    @Test func fittingMaxTokensRoundsDownAndIsNilWhenNothingFits() {
        let caps = BudgetCaps(perRequest: d("0.0105"))
        #expect(BudgetPolicy.fittingMaxTokens(caps: caps, totals: SpendTotals(), ask: ask(worst: "1", input: "0.01", perToken: "0.0001")) == 5)
        #expect(BudgetPolicy.fittingMaxTokens(caps: caps, totals: SpendTotals(), ask: ask(worst: "1", input: "0.02", perToken: "0.0001")) == nil,
                "the input alone is over the cap")
        #expect(BudgetPolicy.fittingMaxTokens(caps: caps, totals: SpendTotals(), ask: ask(worst: "1", input: "0.01", perToken: "0")) == nil,
                "free output: lowering max_tokens cannot help")
        #expect(BudgetPolicy.fittingMaxTokens(caps: BudgetCaps(), totals: SpendTotals(), ask: ask(worst: "1")) == nil)
        #expect(BudgetPolicy.fittingMaxTokens(caps: BudgetCaps(perRequest: 100), totals: SpendTotals(), ask: ask(worst: "1", maxTokens: 1000)) == nil,
                "already fits: nothing to lower")
    }

    @Test func aRoundAddsUpItsPanes() {
        let estimates = [
            CostEstimate(model: "a", promptTokens: 10, exactPromptTokens: 0, inputCost: d("0.01"), maxOutputTokens: 100, maxOutputCost: d("0.1")),
            CostEstimate(model: "b", promptTokens: 10, exactPromptTokens: 0, inputCost: d("0.02"), maxOutputTokens: 100, maxOutputCost: d("0.2")),
        ]
        let round = SpendAsk(estimates)
        #expect(round.worstCase == d("0.33"))
        #expect(round.inputCost == d("0.03"))
        #expect(round.outputPricePerToken == d("0.003"))
        #expect(round.requests == 2)
        guard case .refuse(let refusal) = decide(BudgetCaps(perRequest: d("0.2")), round) else { Issue.record("not refused"); return }
        #expect(refusal.message == "over the per-request cap of $0.2: this round costs ≤ $0.33 at most")
        #expect(refusal.fittingMaxTokens == 56) // (0.2 - 0.03) / 0.003 = 56.67
        let unpriced = SpendAsk(estimates + [CostEstimate(model: "c", promptTokens: 1, exactPromptTokens: 0, inputCost: nil, maxOutputTokens: 1, maxOutputCost: nil)])
        #expect(unpriced.worstCase == nil)
        #expect(unpriced.unpricedModels == ["c"])
    }

    @Test func worstCasesAreRoundedUpNeverDown() {
        #expect(BudgetText.upperUSD(d("0.100002")) == "$0.1001")
        #expect(BudgetText.upperUSD(d("1.001")) == "$1.01")
        #expect(BudgetText.upperUSD(d("0.05")) == "$0.05")
        #expect(BudgetText.upperUSD(d("0.0000021")) == "$0.000003")
    }

    @Test func durationsRoundMinutesUp() {
        #expect(BudgetText.duration(20) == "20 s")
        #expect(BudgetText.duration(61) == "2 min")
        #expect(BudgetText.duration(3600) == "1 h")
        #expect(BudgetText.duration(3 * 3600 + 11 * 60 + 1) == "3 h 12 min")
        #expect(BudgetText.duration(2 * 86_400 + 3600) == "2 d 1 h")
    }

    @Test func dayBoundaryIsLocalMidnight() {
        var tokyo = Calendar(identifier: .gregorian)
        tokyo.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        // 14:59 UTC is 23:59 in Tokyo: the day resets in one minute there.
        #expect(BudgetText.dayResets(now: Self.date("2026-12-02T14:59:00Z"), calendar: tokyo) == "resets at 00:00 (in 1 min)")
        #expect(BudgetText.nextMonth(after: Self.date("2026-01-31T10:00:00Z"), calendar: Self.calendar) == Self.date("2026-02-01T00:00:00Z"))
    }

    @Test func requestCostSeamIsTheEstimatorWithTheRequestsCapAndPrices() {
        var session = Session(id: "s", createdAt: Date(timeIntervalSince1970: 0), model: "a/b")
        session.append(Message(id: "u", parentID: nil, role: .user, content: String(repeating: "x", count: 350), createdAt: Date(timeIntervalSince1970: 0)))
        let request = ChatRequest(model: "a/b", messages: [ChatMessage(role: .user, content: String(repeating: "x", count: 350))],
                                  maxTokens: 1000, pricing: ModelPricing(prompt: d("0.000001"), completion: d("0.00001")))
        let estimate = RequestCost.estimate(request, session: session, upTo: "u")
        let expected = CostEstimator.promptTokens(model: "a/b", basis: EstimateBasis(
            thread: ThreadEstimate(session: session, upTo: "u"), draft: PendingText(), explicitMaxTokens: nil, maxTokensCap: 1000))
        #expect(estimate.promptTokens == expected && expected > 0)
        #expect(estimate.maxOutputTokens == 1000, "the request's own max_tokens")
        #expect(estimate.worstCase == d("0.000001") * Decimal(expected) + d("0.01"))
        let unpriced = ChatRequest(model: "openrouter/auto", messages: [], maxTokens: 10)
        #expect(RequestCost.estimate(unpriced, session: session, upTo: "u").worstCase == nil)
    }

    @Test func ledgerTotalsCountTodayAndTheMonthWithReservations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-budget-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = SpendLedger(file: folder.appendingPathComponent("prism.db"))
        let request = SpendRequest(model: "a/b", source: .ask, free: false)
        try ledger.record(request, cost: d("1.25"), source: .usage, at: Self.date("2026-12-02T10:00:00Z"))
        try ledger.record(request, cost: d("0.5"), source: .usage, at: Self.date("2026-12-01T10:00:00Z"))
        try ledger.record(request, cost: d("7"), source: .usage, at: Self.date("2026-11-30T10:00:00Z"))
        _ = try ledger.reserve(request, worstCase: d("0.25"), at: Self.date("2026-12-02T11:00:00Z"))
        let (totals, warnings) = ledger.spendTotals(now: Self.noon, calendar: Self.calendar)
        #expect(warnings.isEmpty)
        #expect(totals.today == d("1.25") && totals.reservedToday == d("0.25"))
        #expect(totals.month == d("1.75") && totals.committedMonth == d("2"))
    }
}
