import Foundation

/// When and how long to wait before trying a request again.
///
/// Only failures before the first token are retried: after that the user has seen
/// part of a reply, and a silent second attempt would bill twice and show a
/// different answer. Client errors (400/401/402/403) are never retried.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt (so `maxRetries + 1` attempts at most).
    public var maxRetries: Int
    /// Delay before the first retry, doubled for each further one.
    public var baseDelay: Double
    public var maxDelay: Double
    /// A `Retry-After` longer than this is not waited for; the failure is reported instead.
    public var maxRetryAfter: Double
    /// Returns a factor in 0.5...1.0 that spreads retries of many clients apart.
    public var jitter: @Sendable () -> Double

    public static let retryableStatuses: Set<Int> = [408, 429, 502, 503, 504, 524, 529]

    public init(maxRetries: Int = 3, baseDelay: Double = 1, maxDelay: Double = 20, maxRetryAfter: Double = 60,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1.0) }) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
    }

    /// Whether a failure before the first token is worth another attempt.
    ///
    /// - Connection failures and connect timeouts are: the request never reached the server.
    /// - First-byte and idle timeouts are not: the server has the request and may be working
    ///   on it (a second attempt could be billed too), and waiting the same time again would
    ///   multiply a wait the user already sat through.
    /// - A 429 for the free tier's daily limit is not (`FreeTierLimit`).
    /// - An error object in a 200 body, before any token, is retried exactly as the HTTP
    ///   status its `code` names would be (OpenRouter's `code` is the status it would have
    ///   sent): 503 is, 400 is not, and a code that is not a number ("server_error") is not.
    public func isRetryable(_ failure: ReplyFailure) -> Bool {
        // The free tier's daily limit holds until its reset, hours away: say so instead.
        if failure.code == FreeTierLimit.dailyCode { return false }
        switch failure.kind {
        case .network:
            return true
        case .timeout:
            return failure.code == nil || failure.code == "connect_timeout"
        case .http, .stream:
            if let status = failure.status ?? failure.code.flatMap(Int.init) {
                return RetryPolicy.retryableStatuses.contains(status)
            }
            return false
        case .truncated, .protocolViolation, .cancelled:
            return false
        }
    }

    /// Seconds to wait before retry number `retry` (1-based), or nil to give up.
    public func delay(beforeRetry retry: Int, failure: ReplyFailure) -> Double? {
        guard retry <= maxRetries, isRetryable(failure) else { return nil }
        if let after = failure.retryAfter {
            return after <= maxRetryAfter ? max(0, after) : nil
        }
        let exponential = min(maxDelay, baseDelay * pow(2, Double(retry - 1)))
        return exponential * jitter()
    }

    /// Parses a `Retry-After` header: delta seconds or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
