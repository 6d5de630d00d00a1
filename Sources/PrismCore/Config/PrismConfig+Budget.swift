import Foundation

extension PrismConfig {
    static let budgetKeys: Set<String> = ["per_request", "daily", "monthly", "warn_at", "confirm_above", "credit_floor"]

    /// Reads `[budget]` (USD amounts, `warn_at` a fraction): a wrong type or an out-of-range
    /// value is an error with its line, like every other setting; nil when the table is absent.
    static func readBudget(_ reader: ConfigFileReader) throws(TOMLError) -> BudgetCaps? {
        guard try reader.table("budget") != nil else { return nil }
        func usd(_ key: String) throws(TOMLError) -> Decimal? {
            try reader.number("budget", key, in: 0...1_000_000).flatMap { Decimal(string: String($0)) }
        }
        var caps = BudgetCaps(perRequest: try usd("per_request"), daily: try usd("daily"), monthly: try usd("monthly"),
                              confirmAbove: try usd("confirm_above"), creditFloor: try usd("credit_floor"))
        if let warnAt = try reader.number("budget", "warn_at", in: 0...1) {
            guard warnAt > 0 else { throw reader.error(["budget", "warn_at"], "must be above 0 and at most 1 (a fraction of the cap, e.g. 0.8)") }
            caps.warnAt = Decimal(string: String(warnAt)) ?? BudgetCaps.defaultWarnAt
        }
        return caps
    }
}
