import Foundation

/// The spending limits a run works under: config.toml's `[budget]`, changed for one chat
/// session by `/budget` or for one command by `--max-cost`. All amounts are USD; nil means
/// "no limit" (or, for `confirmAbove` and `creditFloor`, "never ask", "never warn").
public struct BudgetCaps: Sendable, Equatable {
    public static let defaultWarnAt: Decimal = Decimal(string: "0.8")!

    /// The most one request (or one compare round) may cost at worst.
    public var perRequest: Decimal?
    /// The most that may be spent (settled plus reserved) in a local calendar day.
    public var daily: Decimal?
    /// The same for a local calendar month.
    public var monthly: Decimal?
    /// The fraction of the daily or monthly cap past which sends go on with a warning.
    public var warnAt: Decimal
    /// Ask before sending anything whose worst case is above this.
    public var confirmAbove: Decimal?
    /// Warn when the account balance falls below this (shown by the credits view).
    public var creditFloor: Decimal?

    public init(perRequest: Decimal? = nil, daily: Decimal? = nil, monthly: Decimal? = nil,
                warnAt: Decimal = BudgetCaps.defaultWarnAt, confirmAbove: Decimal? = nil, creditFloor: Decimal? = nil) {
        self.perRequest = perRequest
        self.daily = daily
        self.monthly = monthly
        self.warnAt = warnAt
        self.confirmAbove = confirmAbove
        self.creditFloor = creditFloor
    }

    /// True when any of the three caps is set.
    public var hasCaps: Bool { perRequest != nil || daily != nil || monthly != nil }

    /// True when nothing would ever stop or question a send.
    public var isOff: Bool { !hasCaps && confirmAbove == nil }
}
