import Foundation

extension SpendLedger {
    /// Today's and this month's spend as `SpendTotals`, from the per-day file: the one place
    /// the budgets read totals from until the shared ledger (with reservations) replaces it.
    public func spendTotals(now: Date = Date(), calendar: Calendar = .current) -> (totals: SpendTotals, warnings: [String]) {
        let today = totalReporting(on: now, calendar: calendar)
        var month = today.total
        let day = calendar.component(.day, from: now)
        let start = calendar.startOfDay(for: now)
        for back in stride(from: 1, to: day, by: 1) {
            guard let earlier = calendar.date(byAdding: .day, value: -back, to: start) else { continue }
            month += total(on: earlier, calendar: calendar)
        }
        return (SpendTotals(today: today.total, month: month), today.warnings)
    }
}
