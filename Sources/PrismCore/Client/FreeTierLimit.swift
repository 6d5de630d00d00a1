import Foundation

/// OpenRouter's limits on free models, as its 429s state them.
///
/// A 429 whose message names `free-models-per-day` will not pass before the day's reset,
/// so it is never retried and says when the limit resets (`X-RateLimit-Reset`); the
/// per-minute one (`free-models-per-min`) is retried after the wait the headers ask for.
public enum FreeTierLimit {
    /// The `code` a daily-limit failure carries, so `RetryPolicy` leaves it alone.
    public static let dailyCode = "free-models-per-day"

    /// Whether a 429's text is the daily free-model limit (also `…-per-day-high-balance`).
    public static func isDaily(_ text: String) -> Bool {
        text.lowercased().contains("free-models-per-day")
    }

    /// `X-RateLimit-Reset` as a date: epoch milliseconds, or seconds when the number is too
    /// small to be milliseconds (before 1973 as ms); nil when absent or not a number.
    public static func resetDate(_ header: String?) -> Date? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), let value = Double(text), value > 0 else { return nil }
        return Date(timeIntervalSince1970: value >= 1e11 ? value / 1000 : value)
    }

    /// "free-model daily limit reached (50/day); resets at 00:00 UTC (in 3 h 12 min)".
    public static func dailyMessage(limit: Int?, resetAt: Date?, now: Date) -> String {
        var text = "free-model daily limit reached"
        if let limit, limit > 0 { text += " (\(limit)/day)" }
        guard let resetAt else { return text + "; the server did not say when it resets (about midnight UTC)" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: resetAt)
        let clock = String(format: "%02d:%02d UTC", parts.hour ?? 0, parts.minute ?? 0)
        return text + "; resets at \(clock) (\(inWords(resetAt.timeIntervalSince(now))))"
    }

    /// "in 3 h 12 min", "in 5 min", "in under a minute".
    static func inWords(_ seconds: TimeInterval) -> String {
        let minutes = Int((max(0, seconds) / 60).rounded(.up))
        if seconds < 60 { return "in under a minute" }
        if minutes < 60 { return "in \(minutes) min" }
        return minutes % 60 == 0 ? "in \(minutes / 60) h" : "in \(minutes / 60) h \(minutes % 60) min"
    }

    /// Rewrites a 429 from OpenRouter's free tier: the daily limit becomes one line with its
    /// reset time and a code that is not retried; any other 429 without `Retry-After` waits
    /// until `X-RateLimit-Reset`.
    public static func adjust(_ failure: inout ReplyFailure, headers: [String: String], now: Date) {
        guard failure.status == 429 else { return }
        let reset = resetDate(headers["x-ratelimit-reset"])
        if isDaily(failure.message + " " + (failure.upstreamMessage ?? "")) {
            let limit = headers["x-ratelimit-limit"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            failure.code = dailyCode
            failure.message = dailyMessage(limit: limit, resetAt: reset, now: now)
            failure.upstreamMessage = nil
            failure.retryAfter = nil
        } else if failure.retryAfter == nil, let reset {
            failure.retryAfter = max(0, reset.timeIntervalSince(now))
        }
    }
}
