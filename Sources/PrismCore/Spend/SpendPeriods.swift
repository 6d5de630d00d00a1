import Foundation

/// The local calendar day and month a moment falls in, and when each resets.
public struct SpendPeriods: Sendable, Equatable {
    public var dayStart: Date
    public var nextDay: Date
    public var monthStart: Date
    public var nextMonth: Date

    public init(now: Date, calendar: Calendar = .current) {
        dayStart = calendar.startOfDay(for: now)
        nextDay = calendar.date(byAdding: .day, value: 1, to: dayStart) ?? dayStart.addingTimeInterval(86_400)
        let month = calendar.dateInterval(of: .month, for: now)
        monthStart = month?.start ?? dayStart
        nextMonth = month?.end ?? nextDay
    }
}
