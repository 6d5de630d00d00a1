import Foundation

/// Decides whether a send goes: caps, what is already spent or reserved, and the send's
/// worst case in; allow, warn, confirm or refuse out. Pure: the clock and calendar are
/// parameters, so day and month boundaries are tested exactly.
///
/// Rules, in order:
/// - a send whose worst case is $0 (a free model) always goes;
/// - with any cap set, a send whose cost cannot be bounded (a model without a price) is
///   refused, naming the models; the user may override it like any refusal;
/// - over the monthly, then the daily, then the per-request cap: refused (a cap is
///   reached when committed + worst case > cap; exactly at the cap still goes);
/// - above `confirm_above`: ask first (an unbounded cost asks too, when only that is set);
/// - committed + worst case at or past `warn_at` × the daily or monthly cap: goes, with a warning.
public enum BudgetPolicy {
    public static func decide(caps: BudgetCaps, totals: SpendTotals, ask: SpendAsk,
                              now: Date, calendar: Calendar = .current) -> BudgetDecision {
        guard !caps.isOff else { return .allow }
        guard let worst = ask.worstCase else {
            let models = ask.unpricedModels.isEmpty ? "" : " for " + ask.unpricedModels.joined(separator: ", ")
            let text = "the cost of \(ask.noun) cannot be bounded: no price is known\(models)"
            if caps.hasCaps {
                return .refuse(BudgetRefusal(cap: .unbounded, message: text + ", and a budget cap is set",
                                             shortMessage: "cost cannot be bounded: no price known\(models)"))
            }
            return .confirm(text)
        }
        guard worst > 0 else { return .allow }
        let fit = fittingMaxTokens(caps: caps, totals: totals, ask: ask)
        let worstText = "≤ \(BudgetText.upperUSD(worst))"
        if let monthly = caps.monthly, totals.committedMonth + worst > monthly {
            return .refuse(BudgetRefusal(
                cap: .monthly,
                message: "over the monthly cap of \(Formatting.usd(monthly)): \(spent(totals.committedMonth, reserved: totals.reservedMonth, "this month")) + \(worstText) for \(ask.noun); "
                    + BudgetText.monthResets(now: now, calendar: calendar),
                fittingMaxTokens: fit,
                shortMessage: "monthly cap \(Formatting.usd(monthly)): \(Formatting.usd(totals.committedMonth)) spent + \(worstText) · "
                    + BudgetText.monthResets(now: now, calendar: calendar).replacingOccurrences(of: " at 00:00", with: "").replacingOccurrences(of: "resets on ", with: "resets ")))
        }
        if let daily = caps.daily, totals.committedToday + worst > daily {
            return .refuse(BudgetRefusal(
                cap: .daily,
                message: "over the daily cap of \(Formatting.usd(daily)): \(spent(totals.committedToday, reserved: totals.reservedToday, "today")) + \(worstText) for \(ask.noun); "
                    + BudgetText.dayResets(now: now, calendar: calendar),
                fittingMaxTokens: fit,
                shortMessage: "daily cap \(Formatting.usd(daily)): \(Formatting.usd(totals.committedToday)) spent + \(worstText) · "
                    + "resets in \(BudgetText.duration(BudgetText.nextDay(after: now, calendar: calendar).timeIntervalSince(now)))"))
        }
        if let perRequest = caps.perRequest, worst > perRequest {
            return .refuse(BudgetRefusal(
                cap: .perRequest,
                message: "over the per-request cap of \(Formatting.usd(perRequest)): \(ask.noun) costs \(worstText) at most",
                fittingMaxTokens: fit,
                shortMessage: "per-request cap \(Formatting.usd(perRequest)): \(ask.noun) costs \(worstText)"))
        }
        if let confirmAbove = caps.confirmAbove, worst > confirmAbove {
            return .confirm("\(ask.noun) costs \(worstText) at most, above confirm_above \(Formatting.usd(confirmAbove))")
        }
        for (cap, committed, period) in [(caps.monthly, totals.committedMonth, "monthly"), (caps.daily, totals.committedToday, "daily")] {
            guard let cap, cap > 0 else { continue }
            let after = committed + worst
            if after >= cap * caps.warnAt {
                return .warn("\(period) budget: ≤ \(BudgetText.upperUSD(after)) of \(Formatting.usd(cap)) with \(ask.noun) (\(percent(after, of: cap))%)")
            }
        }
        return .allow
    }

    /// The largest `max_tokens` under which the send fits the tightest remaining cap, given
    /// its input cost and price per output token; nil when no positive value fits, the price
    /// is unknown or output is free, or the send already fits.
    public static func fittingMaxTokens(caps: BudgetCaps, totals: SpendTotals, ask: SpendAsk) -> Int? {
        guard let input = ask.inputCost, let perToken = ask.outputPricePerToken, perToken > 0 else { return nil }
        let room = [caps.perRequest, caps.daily.map { $0 - totals.committedToday }, caps.monthly.map { $0 - totals.committedMonth }]
            .compactMap { $0 }.min()
        guard let room else { return nil }
        var tokens = (room - input) / perToken
        var floored = Decimal()
        NSDecimalRound(&floored, &tokens, 0, .down)
        guard floored >= 1 else { return nil }
        let fit = NSDecimalNumber(decimal: min(floored, Decimal(Int32.max))).intValue
        return fit < ask.maxOutputTokens ? fit : nil
    }

    private static func spent(_ committed: Decimal, reserved: Decimal, _ period: String) -> String {
        let base = "\(Formatting.usd(committed)) spent \(period)"
        return reserved > 0 ? base + " (\(Formatting.usd(reserved)) of it in flight)" : base
    }

    private static func percent(_ part: Decimal, of whole: Decimal) -> Int {
        NSDecimalNumber(decimal: part * 100 / whole).intValue
    }
}
