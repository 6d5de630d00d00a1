import Foundation
import PrismCore
import PrismTerminal

/// Budgets in the chat screen: the check before a send (a whole compare round counted as
/// one, a tool turn's later rounds each on their own), the held send's keys (send anyway,
/// lower `max_tokens`, back) and `/budget`.
extension Reducer {
    /// How a send treats the budget: checked, or let through once (with `max_tokens` lowered to fit).
    enum BudgetPass: Equatable {
        case check
        case override(maxTokens: Int?)

        var maxTokens: Int? {
            if case .override(let tokens) = self { return tokens }
            return nil
        }
    }

    /// The settings `/budget NAME` takes, for completion.
    static let budgetSettings = ["daily", "monthly", "per-request", "confirm-above", "warn-at", "credit-floor", "off"]

    /// The worst cases of the requests a send would make, built as `startLane` will build
    /// them, on a copy of the session.
    static func roundEstimates(_ state: AppState, text: String, _ env: ReducerEnvironment) -> [CostEstimate] {
        var trial = state.session
        var n = 0
        let replies = trial.appendRound(promptText(text), attachments: state.pendingAttachments, siblingOf: state.editingPromptID,
                                        at: state.now, makeID: { n += 1; return "budget-check-\(n)" })
        return replies.enumerated().compactMap { lane, reply in
            guard trial.laneModels.indices.contains(lane), let model = trial.laneModels[lane],
                  let parent = trial.message(reply)?.parentID else { return nil }
            let request = ChatRequest.build(model: model, session: trial, upTo: parent, catalog: state.catalog, maxTokensCap: env.maxTokensCap, routing: state.routing)
            return env.estimateCost(request, trial, parent)
        }
    }

    /// Asks the policy about these requests' worst cases: true when they may go now (after a
    /// warning, if any); otherwise the send is held with the refusal or question, and nothing is sent.
    static func budgetAllows(_ state: inout AppState, _ estimates: [CostEstimate], pending: BudgetHold.Pending,
                             _ env: ReducerEnvironment) -> Bool {
        guard !state.budget.isOff, !state.demo else { return true }
        switch BudgetPolicy.decide(caps: state.budget, totals: currentSpend(state, env.calendar), ask: SpendAsk(estimates), now: state.now, calendar: env.calendar) {
        case .allow:
            return true
        case .warn(let text):
            notify(&state, text, .error)
            return true
        case .confirm(let text):
            state.budgetHold = BudgetHold(kind: .confirm, message: pending.question(text), pending: pending)
            return false
        case .refuse(let refusal):
            state.budgetHold = BudgetHold(kind: .refused, message: pending.lead + refusal.message, pending: pending,
                                          fittingMaxTokens: refusal.fittingMaxTokens, shortMessage: pending.shortLead + refusal.shortMessage)
            return false
        }
    }

    /// `state.spend` with a day (or month) that ended since it was read counted from zero.
    static func currentSpend(_ state: AppState, _ calendar: Calendar) -> SpendTotals {
        var totals = state.spend
        guard let asOf = state.spendAsOf else { return totals }
        if !calendar.isDate(asOf, equalTo: state.now, toGranularity: .day) {
            totals.today = 0
            totals.reservedToday = 0
        }
        if !calendar.isDate(asOf, equalTo: state.now, toGranularity: .month) {
            totals.month = 0
            totals.reservedMonth = 0
        }
        return totals
    }

    /// Counts a finished reply's cost in today's and this month's spend at once (the ledger
    /// has it too, written by `.recordSpend`; the next read of its totals agrees).
    static func addSpend(_ state: inout AppState, _ cost: Decimal) {
        state.spend.today += cost
        state.spend.month += cost
    }

    /// Starts the day's (and month's) spend from zero once the period the totals were read in
    /// has ended, before a finished reply's cost is added to them.
    static func rollSpend(_ state: inout AppState, _ calendar: Calendar) {
        guard let asOf = state.spendAsOf, !calendar.isDate(asOf, equalTo: state.now, toGranularity: .day) else { return }
        state.spend = currentSpend(state, calendar)
        state.spendAsOf = state.now
    }

    /// A key while a send is held: nil when the key is not one of the budget's (the hold is
    /// dropped and the key does what it always does; the draft was never cleared).
    /// A paused tool turn keeps its hold through other keys (scrolling, reading): only its
    /// own keys, or stopping the lane, end the pause.
    static func budgetKey(_ state: inout AppState, _ hold: BudgetHold, _ key: Key, _ env: ReducerEnvironment) -> [Effect]? {
        guard let command = env.bindings.budget[key] else {
            if case .toolRound = hold.pending { return nil }
            state.budgetHold = nil
            return nil
        }
        switch command {
        case .back:
            state.budgetHold = nil
            if case .toolRound(let lane, _) = hold.pending { return stopToolTurnForBudget(&state, lane: lane, env) }
            notify(&state, "not sent: the draft is kept")
            return []
        case .sendAnyway:
            state.budgetHold = nil
            return resume(&state, hold, .override(maxTokens: nil), env)
        case .lowerMaxTokens:
            guard let fit = hold.fittingMaxTokens else {
                notify(&state, "no max_tokens fits the cap: \(env.bindings.name(BudgetCommand.sendAnyway)) sends anyway, \(env.bindings.name(BudgetCommand.back)) goes back", .error)
                return []
            }
            state.budgetHold = nil
            notify(&state, "max_tokens lowered to \(fit) for this send")
            return resume(&state, hold, .override(maxTokens: fit), env)
        }
    }

    private static func resume(_ state: inout AppState, _ hold: BudgetHold, _ pass: BudgetPass, _ env: ReducerEnvironment) -> [Effect] {
        switch hold.pending {
        case .send:
            return send(&state, env, budget: pass)
        case .regenerate(let lane):
            guard lane == state.focusedLane else { return [] }
            return regenerate(&state, env, budget: pass)
        case .toolRound(let lane, _):
            return resumeToolTurn(&state, lane: lane, env, budget: pass)
        }
    }

    /// `/budget` alone shows the caps and today's and this month's spend; `/budget NAME VALUE`
    /// sets one for this session (`off` clears it); `/budget off` clears them all.
    static func budgetCommand(_ state: inout AppState, _ argument: String) -> [Effect] {
        let words = argument.lowercased().split(separator: " ").map(String.init)
        guard let name = words.first else {
            notify(&state, budgetReport(state))
            return []
        }
        if name == "off", words.count == 1 {
            let floor = state.budget.creditFloor
            state.budget = BudgetCaps(creditFloor: floor)
            notify(&state, "budget: every cap off for this session")
            return []
        }
        let usage = "usage: /budget [daily|monthly|per-request|confirm-above|credit-floor USD|off] · /budget warn-at FRACTION · /budget off"
        guard words.count == 2 else {
            notify(&state, usage, .error)
            return []
        }
        let value = words[1]
        let off = value == "off" || value == "none"
        let amount = off ? nil : Decimal(string: value.hasPrefix("$") ? String(value.dropFirst()) : value, locale: Locale(identifier: "en_US_POSIX"))
        if !off, amount == nil || amount! < 0 || amount!.isNaN {
            notify(&state, "/budget \(name): '\(words[1])' is not an amount in USD (e.g. 2 or 0.05, or off)", .error)
            return []
        }
        switch name.replacingOccurrences(of: "_", with: "-") {
        case "daily": state.budget.daily = amount
        case "monthly": state.budget.monthly = amount
        case "per-request": state.budget.perRequest = amount
        case "confirm-above", "confirm": state.budget.confirmAbove = amount
        case "credit-floor": state.budget.creditFloor = amount
        case "warn-at":
            guard let fraction = amount, fraction > 0, fraction <= 1 else {
                notify(&state, "/budget warn-at: a fraction above 0 and at most 1 (e.g. 0.8)", .error)
                return []
            }
            state.budget.warnAt = fraction
        default:
            notify(&state, usage, .error)
            return []
        }
        notify(&state, "budget for this session: " + BudgetSummary.line(state.budget))
        return []
    }

    /// "budget: daily $2 · monthly $30 · warn at 80% │ today $1.2 of $2 · this month $14 of $30".
    static func budgetReport(_ state: AppState) -> String {
        let caps = state.budget
        var spent = ["today \(Formatting.usd(state.spend.today))" + (caps.daily.map { " of \(Formatting.usd($0))" } ?? ""),
                     "this month \(Formatting.usd(state.spend.month))" + (caps.monthly.map { " of \(Formatting.usd($0))" } ?? "")]
        if state.spend.reservedToday > 0 { spent.append("\(Formatting.usd(state.spend.reservedToday)) in flight") }
        let setting = caps.isOff && caps.creditFloor == nil ? "no caps (/budget daily 2 sets one)" : BudgetSummary.line(caps)
        return "budget: \(setting) │ spent " + spent.joined(separator: " · ")
    }
}
