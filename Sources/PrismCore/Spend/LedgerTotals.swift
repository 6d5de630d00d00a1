import Foundation

extension SpendLedger {
    /// Today's and this month's spend (settled and reserved), with one line per problem to
    /// show the user: the one place the budgets and the status bar read totals from.
    public func spendTotals(now: Date = Date(), calendar: Calendar = .current) -> (totals: SpendTotals, warnings: [String]) {
        do {
            let totals = try totals(now: now, calendar: calendar)
            return (totals, takeNotices())
        } catch {
            return (SpendTotals(), takeNotices() + ["spend ledger: \(error)"])
        }
    }
}
