import Foundation

/// When daily and monthly caps reset, in words: "resets at 00:00 (in 3 h 12 min)",
/// "resets on Jan 1 at 00:00 (in 29 d 3 h)". Periods are the local calendar's.
public enum BudgetText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A worst case as "$0.1001": rounded up at the precision `Formatting.usd` shows, so a
    /// "≤" figure is never below the amount it bounds.
    public static func upperUSD(_ value: Decimal) -> String {
        let magnitude = value < 0 ? -value : value
        let digits = magnitude >= 1 ? 2 : magnitude >= Decimal(string: "0.01")! ? 4 : magnitude >= Decimal(string: "0.000001")! ? 6 : 10
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, digits, .up)
        return Formatting.usd(rounded)
    }

    /// The start of the day after `now` (local midnight).
    public static func nextDay(after now: Date, calendar: Calendar) -> Date {
        calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
    }

    /// The start of the first day of the month after `now`'s.
    public static func nextMonth(after now: Date, calendar: Calendar) -> Date {
        let first = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? now
        return calendar.date(byAdding: .month, value: 1, to: first) ?? now
    }

    public static func dayResets(now: Date, calendar: Calendar) -> String {
        let reset = nextDay(after: now, calendar: calendar)
        return "resets at \(clock(reset, calendar)) (in \(duration(reset.timeIntervalSince(now))))"
    }

    public static func monthResets(now: Date, calendar: Calendar) -> String {
        let reset = nextMonth(after: now, calendar: calendar)
        let c = calendar.dateComponents([.month, .day], from: reset)
        let month = months[max(0, min(11, (c.month ?? 1) - 1))]
        return "resets on \(month) \(c.day ?? 1) at \(clock(reset, calendar)) (in \(duration(reset.timeIntervalSince(now))))"
    }

    /// "45 s", "12 min", "3 h 12 min", "4 d 3 h": minutes rounded up, so "in 0 min" never shows.
    public static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 60 { return "\(max(1, Int(seconds.rounded(.up)))) s" }
        let minutes = Int((seconds / 60).rounded(.up))
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 24 * 60 { return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min" }
        let hours = Int((seconds / 3600).rounded(.up))
        return hours % 24 == 0 ? "\(hours / 24) d" : "\(hours / 24) d \(hours % 24) h"
    }

    private static func clock(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
