import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Priced models and a UTC calendar, so worst cases and reset times are exact.
/// "a/one": $0.0001 per output token, so 1,000 max_tokens cost ≤ $0.1 plus the prompt.
final class BudgetHarness: ReducerHarness, @unchecked Sendable {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    init(size: Size = Size(width: 120, height: 40)) {
        super.init(size: size)
        let pricing = ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.0001"))
        state.catalog = [ModelInfo(id: "a/one", pricing: pricing), ModelInfo(id: "b/two", pricing: pricing),
                         ModelInfo(id: "x/unpriced")]
        env.calendar = Self.utc
    }

    var streams: [(Int, ChatRequest)] = []

    /// Presses a key and keeps the streams it started.
    @discardableResult
    func press(_ k: Key) -> [Effect] {
        let effects = key(k)
        streams += effects.compactMap { if case .startStream(let id, let r, _) = $0 { (id, r) } else { nil } }
        return effects
    }
}

private func startsStream(_ effects: [Effect]) -> Bool {
    effects.contains { if case .startStream = $0 { true } else { false } }
}

@Suite("Budget keys")
struct BudgetKeysTests {
    @Test func enterOverThePerRequestCapSendsNothingAndSaysWhy() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.05"))
        h.type("hello")
        let effects = h.press(Key(.enter))
        #expect(effects.isEmpty, "no stream, no save, no history: \(effects)")
        #expect(h.state.prompt.text == "hello", "the draft stays")
        #expect(h.state.session.messages.isEmpty)
        #expect(h.state.budgetHold?.message == "not sent: over the per-request cap of $0.05: this request costs ≤ $0.1001 at most")
        let screen = h.screen()
        #expect(screen.contains("not sent: over the per-request cap of $0.05"), "\(screen)")
        #expect(screen.contains("y send anyway · l max_tokens 499 · Esc back"), "\(screen)")
    }

    @Test func atEightyColumnsTheShortLineKeepsTheResetTime() {
        let h = BudgetHarness(size: Size(width: 80, height: 24))
        h.state.budget = BudgetCaps(daily: 2)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "1.95")!, month: 3)))
        h.type("hi")
        h.press(Key(.enter))
        let bottom = h.screen().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom == " not sent: daily cap $2: $1.95 spent + ≤ $0.1001 · resets in 23 h 59 min", "\(bottom)")
    }

    @Test func theOverrideKeyStartsTheStreamOnce() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.05"))
        h.type("hello")
        h.press(Key(.enter))
        let effects = h.press(.char("y"))
        #expect(startsStream(effects))
        #expect(h.streams.count == 1)
        #expect(h.streams.first?.1.maxTokens == 1000, "sent as it was")
        #expect(h.state.budgetHold == nil)
        #expect(h.state.prompt.isEmpty)
        h.press(.char("y"))
        #expect(h.streams.count == 1, "y is text again once the hold is answered")
        #expect(h.state.prompt.text == "y")
    }

    @Test func theLowerKeySendsWithTheFittingMaxTokens() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.05"))
        h.type("hello")
        h.press(Key(.enter))
        // (0.05 - 2 prompt tokens × $0.000001) / $0.0001 = 499.98 → 499.
        #expect(h.state.budgetHold?.fittingMaxTokens == 499)
        h.press(.char("l"))
        #expect(h.streams.map(\.1.maxTokens) == [499])
        #expect(h.state.session.settings.maxTokens == nil, "lowered for this send only")
    }

    @Test func escGoesBackWithTheDraftAndAnyOtherKeyEditsIt() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.05"))
        h.type("hello")
        h.press(Key(.enter))
        #expect(h.press(Key(.escape)).isEmpty)
        #expect(h.state.budgetHold == nil)
        #expect(h.state.prompt.text == "hello")
        h.press(Key(.enter))
        h.press(.char("!"))
        #expect(h.state.budgetHold == nil)
        #expect(h.state.prompt.text == "hello!")
        #expect(h.streams.isEmpty)
    }

    @Test func dailyCapCountsWhatWasSpentAndNamesTheReset() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(daily: 2)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "1.95")!, month: 3)))
        h.type("hi")
        h.press(Key(.enter))
        // now is 1970-01-01 00:01:40 UTC: midnight is 23 h 59 min away (rounded up).
        #expect(h.state.budgetHold?.message
                == "not sent: over the daily cap of $2: $1.95 spent today + ≤ $0.1001 for this request; resets at 00:00 (in 23 h 59 min)")
        #expect(h.streams.isEmpty)
    }

    @Test func aCompareRoundIsCountedAsAWhole() {
        let h = BudgetHarness()
        h.command("/compare a/one b/two")
        // Each pane alone (≤ $0.1) fits $0.15; the round (≤ $0.2) does not.
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.15"))
        h.type("hello")
        #expect(h.press(Key(.enter)).isEmpty)
        #expect(h.state.budgetHold?.message.contains("this round costs ≤ $0.2001 at most") == true, "\(String(describing: h.state.budgetHold))")
        // (0.15 - 0.000004) / 0.0002 per token = 749.98.
        #expect(h.state.budgetHold?.fittingMaxTokens == 749)
        h.press(.char("l"))
        #expect(h.streams.map(\.1.maxTokens) == [749, 749])
    }

    @Test func confirmAboveAsksAndYSends() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(confirmAbove: Decimal(string: "0.01"))
        h.type("hello")
        h.press(Key(.enter))
        #expect(h.state.budgetHold?.kind == .confirm)
        #expect(h.screen().contains("y send · Esc back"))
        h.press(.char("y"))
        #expect(h.streams.count == 1)
    }

    @Test func anUnpricedModelUnderACapIsRefusedWithoutAFit() {
        let h = BudgetHarness()
        h.state.session.model = "x/unpriced"
        h.state.budget = BudgetCaps(daily: 5)
        h.type("hello")
        h.press(Key(.enter))
        #expect(h.state.budgetHold?.message == "not sent: the cost of this request cannot be bounded: no price is known for x/unpriced, and a budget cap is set")
        h.press(.char("l"))
        #expect(h.streams.isEmpty, "nothing fits an unknown price")
        #expect(h.state.budgetHold != nil)
        h.press(.char("y"))
        #expect(h.streams.count == 1)
    }

    @Test func withinTheCapsEnterSendsAtOnceAndPastWarnAtSaysSo() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(daily: 1)
        h.type("one")
        h.press(Key(.enter))
        #expect(h.streams.count == 1)
        #expect(h.state.budgetHold == nil)
        h.finish(1, "ok", cost: "0.75")
        #expect(h.state.spend.today == Decimal(string: "0.75"))
        h.type("two")
        h.press(Key(.enter))
        #expect(h.streams.count == 2)
        #expect(h.state.notice?.text == "daily budget: ≤ $0.8501 of $1 with this request (85%)")
    }

    @Test func aNewDayStartsTheDailySpendFromZero() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(daily: 1)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "0.95")!, month: Decimal(string: "0.95")!)))
        h.type("one")
        h.press(Key(.enter))
        #expect(h.state.budgetHold != nil, "0.95 + ≤ 0.1 is over $1 today")
        h.press(Key(.escape))
        h.send(.tick(h.state.now.addingTimeInterval(86_400)))
        h.press(Key(.enter))
        #expect(h.streams.count == 1, "the next day has room again")
        h.finish(1, "ok", cost: "0.5")
        #expect(h.state.spend.today == Decimal(string: "0.5"))
        #expect(h.state.spend.month == Decimal(string: "1.45"), "still January")
    }

    @Test func regenerateIsCheckedToo() {
        let h = BudgetHarness()
        h.type("one")
        h.press(Key(.enter))
        h.finish(1, "ok", cost: "0.01")
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.05"))
        #expect(h.press(.ctrl("g")).isEmpty)
        #expect(h.state.budgetHold?.pending == .regenerate(lane: 0))
        h.press(.char("l"))
        #expect(h.streams.map(\.1.maxTokens) == [1000, 499])
    }

    @Test func budgetKeysComeFromTheBindings() {
        let h = BudgetHarness()
        var bindings = KeyBindings.defaults
        #expect(bindings.apply(["budget.send_anyway": "ctrl+y", "budget.back": "q"], parse: { try? KeySpec.parse($0) }).isEmpty)
        h.env.bindings = bindings
        h.state.budget = BudgetCaps(perRequest: Decimal(string: "0.05"))
        h.type("hello")
        h.press(Key(.enter))
        var s = h.state
        let screen = AppRenderer(bindings: h.env.bindings).render(&s, theme: UIFixtures.theme()).text()
        #expect(screen.contains("Ctrl-Y send anyway · l max_tokens 499 · q back"), "\(screen)")
        #expect(h.press(.char("y")).isEmpty, "y is no longer bound: it drops the hold and is typed")
        #expect(h.state.prompt.text == "helloy")
        h.press(Key(.enter))
        h.press(.ctrl("y"))
        #expect(h.streams.count == 1)
    }
}

@Suite("Budget command and status bar")
struct BudgetCommandTests {
    @Test func slashBudgetSetsAndClearsCapsForTheSession() {
        let h = BudgetHarness()
        h.command("/budget daily 2")
        h.command("/budget per-request $0.05")
        h.command("/budget warn-at 0.5")
        #expect(h.state.budget == BudgetCaps(perRequest: Decimal(string: "0.05"), daily: 2, warnAt: Decimal(string: "0.5")!))
        #expect(h.state.notice?.text == "budget for this session: per-request $0.05 · daily $2 · warn at 50%")
        h.command("/budget daily off")
        #expect(h.state.budget.daily == nil)
        h.command("/budget off")
        #expect(h.state.budget.isOff)
        #expect(h.state.session.messages.isEmpty, "nothing was sent")
    }

    @Test func slashBudgetAloneShowsCapsAndSpend() {
        let h = BudgetHarness()
        h.state.budget = BudgetCaps(daily: 2, monthly: 30)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "1.2")!, month: 14)))
        h.command("/budget")
        #expect(h.state.notice?.text == "budget: daily $2 · monthly $30 · warn at 80% │ spent today $1.2 of $2 · this month $14 of $30")
    }

    @Test(arguments: ["/budget daily lots", "/budget daily -1", "/budget weekly 3", "/budget daily", "/budget warn-at 2"])
    func badInputIsOneLineError(line: String) {
        let h = BudgetHarness()
        h.command(line)
        #expect(h.state.notice?.kind == .error)
        #expect(h.state.notice?.text.contains("\n") == false)
        #expect(h.state.budget.isOff)
    }

    @Test func tabCompletesBudgetSettings() {
        let h = BudgetHarness()
        h.type("/budget per")
        h.key(Key(.tab))
        #expect(h.state.prompt.text == "/budget per-request")
    }

    @Test func statusBarShowsSpendAgainstCapsInTheWarningColourPastWarnAt() {
        let h = BudgetHarness(size: Size(width: 120, height: 12))
        h.state.budget = BudgetCaps(daily: 2, monthly: 30)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "1.2")!, month: 14)))
        let theme = UIFixtures.theme()
        var s = h.state
        var frame = AppRenderer().render(&s, theme: theme)
        let bottom = frame.size.height - 1
        let text = frame.text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(text.contains("$1.2/$2 today · $14/$30 mo"), "\(text)")
        func styleOfSegment() -> Style? {
            let row = frame.text().split(separator: "\n").last.map(String.init) ?? ""
            guard let range = row.range(of: "/$2 today") else { return nil }
            let x = row.distance(from: row.startIndex, to: range.lowerBound)
            return frame[x, bottom].style
        }
        #expect(styleOfSegment()?.foreground == StatusBar.merged(theme[.statusBar], theme[.cost]).foreground)
        h.send(.spendTotalsComputed(SpendTotals(today: Decimal(string: "1.6")!, month: 14)))
        s = h.state
        frame = AppRenderer().render(&s, theme: theme)
        #expect(styleOfSegment()?.foreground == StatusBar.merged(theme[.statusBar], theme[.warning]).foreground)
        #expect(theme[.warning].foreground != theme[.cost].foreground, "the test can tell the colours apart")
    }
}
