import Foundation

/// Spend so far, as the ledger shared by every Prism process on the machine knows it.
///
/// Periods are the local calendar day and month. `reserved*` are the worst cases of
/// requests in flight (reserved when they start, settled to the exact cost when they
/// end), so two windows or four compare panes cannot overshoot a cap together.
public struct SpendTotals: Sendable, Equatable {
    /// Settled cost of requests that started today.
    public var today: Decimal
    /// Settled cost of requests that started this month.
    public var month: Decimal
    /// Worst cases still reserved by live requests that started today / this month.
    public var reservedToday: Decimal
    public var reservedMonth: Decimal
    /// Requests to free models (`:free` ids and zero-priced models) in the last 60 s and today.
    public var freeRequestsLastMinute: Int
    public var freeRequestsToday: Int
    /// When the requests to free models of the last 60 s started (for pacing; empty when not read).
    public var freeRequestStarts: [Date]

    public init(today: Decimal = 0, month: Decimal = 0, reservedToday: Decimal = 0, reservedMonth: Decimal = 0,
                freeRequestsLastMinute: Int = 0, freeRequestsToday: Int = 0, freeRequestStarts: [Date] = []) {
        self.today = today
        self.month = month
        self.reservedToday = reservedToday
        self.reservedMonth = reservedMonth
        self.freeRequestsLastMinute = freeRequestsLastMinute
        self.freeRequestsToday = freeRequestsToday
        self.freeRequestStarts = freeRequestStarts
    }

    /// What a cap check must count: spent plus what is in flight.
    public var committedToday: Decimal { today + reservedToday }
    public var committedMonth: Decimal { month + reservedMonth }
}
