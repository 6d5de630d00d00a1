import Foundation

/// How long one reply took, measured by Prism on its own clock.
public struct ReplyTimings: Codable, Sendable, Equatable, Hashable {
    /// When the request was first sent (wall clock, for display).
    public var startedAt: Date?
    /// Milliseconds from sending the request to the first content or reasoning token.
    public var ttftMs: Double?
    /// Milliseconds from sending the request to the end of the stream.
    public var totalMs: Double?
    /// Completion tokens per second over the generation phase (first token to end).
    public var tokensPerSecond: Double?
    /// Attempts made (1 when the first try succeeded; retries add to it).
    public var attempts: Int?

    public init(
        startedAt: Date? = nil, ttftMs: Double? = nil, totalMs: Double? = nil,
        tokensPerSecond: Double? = nil, attempts: Int? = nil
    ) {
        self.startedAt = startedAt
        self.ttftMs = ttftMs
        self.totalMs = totalMs
        self.tokensPerSecond = tokensPerSecond
        self.attempts = attempts
    }

    enum CodingKeys: String, CodingKey {
        case startedAt = "started_at", ttftMs = "ttft_ms", totalMs = "total_ms"
        case tokensPerSecond = "tokens_per_second", attempts
    }
}
