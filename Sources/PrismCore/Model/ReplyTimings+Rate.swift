import Foundation

/// When a token rate means something.
///
/// A reply of a few tokens, or one whose text arrived in a single burst, has almost no
/// generation time to divide by: 3 tokens over 0.2 ms is "13,654 tok/s", which says
/// nothing about the model. A rate is worked out, stored and shown only from at least
/// `minimumRateTokens` completion tokens over at least `minimumRateSeconds` of
/// generation (first token to end); otherwise it is nil, shown as "– tok/s".
extension ReplyTimings {
    /// Fewest completion tokens a rate is worked out from.
    public static let minimumRateTokens = 20
    /// Shortest generation (first token to the end of the stream), in seconds, a rate is worked out from.
    public static let minimumRateSeconds = 0.5

    /// Completion tokens per second over `seconds` of generation, or nil when the reply is too
    /// short or too quick for the rate to be measured.
    public static func rate(tokens: Int?, overSeconds seconds: Double) -> Double? {
        guard let tokens, tokens >= minimumRateTokens, seconds.isFinite, seconds >= minimumRateSeconds else { return nil }
        return Double(tokens) / seconds
    }

    /// The recorded rate when it was measurable. Checks again from the recorded times, so a
    /// rate stored before these limits (a session file from an older Prism) is not shown either.
    public func measuredRate(completionTokens: Int?) -> Double? {
        guard let recorded = tokensPerSecond, recorded.isFinite, let ttftMs, let totalMs,
              Self.rate(tokens: completionTokens, overSeconds: (totalMs - ttftMs) / 1000) != nil else { return nil }
        return recorded
    }
}

extension Formatting {
    /// `42 tok/s`; `– tok/s` when text arrived but the rate is not measurable (see
    /// `ReplyTimings.minimumRateTokens`); nil when no text arrived at all.
    public static func rate(_ timings: ReplyTimings?, completionTokens: Int?) -> String? {
        guard let timings else { return nil }
        if let rate = timings.measuredRate(completionTokens: completionTokens) { return String(format: "%.0f tok/s", rate) }
        return timings.ttftMs == nil ? nil : "– tok/s"
    }
}
