import Foundation

/// What a compare round needs to know about each model's answer.
public protocol CompareOutcome {
    var compareCost: Decimal? { get }
    var compareCostIsEstimate: Bool { get }
    var compareFirstTokenMs: Double? { get }
    var compareTotalMs: Double? { get }
    var compareTokens: Int? { get }
    /// Only answers that finished can win; failed ones still count towards the round's cost.
    var compareSucceeded: Bool { get }
}

extension Reply: CompareOutcome {
    public var compareCost: Decimal? { usage?.cost }
    public var compareCostIsEstimate: Bool { usage?.costIsEstimate == true }
    public var compareFirstTokenMs: Double? { timings.ttftMs }
    public var compareTotalMs: Double? { timings.totalMs }
    public var compareTokens: Int? { usage?.completionTokens ?? (content.isEmpty ? nil : content.count / 4) }
    public var compareSucceeded: Bool { succeeded }
}

extension Message: CompareOutcome {
    /// A tool turn's cost is every round's; its speed is its last request's (`timings`).
    public var compareCost: Decimal? { turnUsage?.cost }
    public var compareCostIsEstimate: Bool { turnUsage?.costIsEstimate == true }
    public var compareFirstTokenMs: Double? { timings?.ttftMs }
    public var compareTotalMs: Double? { timings?.totalMs }
    public var compareTokens: Int? { usage?.completionTokens }
    public var compareSucceeded: Bool { status == .complete }
}

/// The verdict of a compare round: cheapest, fastest, longest, and the round's cost.
///
/// Pure over the answers, so `prism compare` and the chat screen's summary line agree.
/// Unknown costs are left out of "cheapest" rather than counted as free; ties go to the
/// first model given.
public struct CompareSummary: Sendable, Equatable {
    public var cheapest: String?
    public var cheapestCost: Decimal?
    public var fastestFirstToken: String?
    public var fastestFirstTokenMs: Double?
    public var fastestOverall: String?
    public var fastestOverallMs: Double?
    public var longest: String?
    public var longestTokens: Int?
    /// Sum of the known costs of every answer of the round, failed ones included (they may bill).
    public var totalCost: Decimal?
    public var totalCostIsEstimate: Bool

    public init<Outcome: CompareOutcome>(_ entries: [(model: String, reply: Outcome)]) {
        let ok = entries.filter { $0.reply.compareSucceeded }
        func best<V: Comparable>(_ value: (Outcome) -> V?, lowest: Bool) -> (String, V)? {
            var winner: (String, V)?
            for entry in ok {
                guard let v = value(entry.reply) else { continue }
                if let w = winner, lowest ? v >= w.1 : v <= w.1 { continue }
                winner = (entry.model, v)
            }
            return winner
        }
        (cheapest, cheapestCost) = Self.split(best({ $0.compareCost }, lowest: true))
        (fastestFirstToken, fastestFirstTokenMs) = Self.split(best({ $0.compareFirstTokenMs }, lowest: true))
        (fastestOverall, fastestOverallMs) = Self.split(best({ $0.compareTotalMs }, lowest: true))
        (longest, longestTokens) = Self.split(best({ $0.compareTokens }, lowest: false))
        let costs = entries.compactMap { $0.reply.compareCost }
        totalCost = costs.isEmpty ? nil : costs.reduce(0, +)
        totalCostIsEstimate = entries.contains { $0.reply.compareCostIsEstimate }
    }

    private static func split<V>(_ pair: (String, V)?) -> (String?, V?) { (pair?.0, pair?.1) }

    /// `cheapest: a · fastest first token: b · fastest: c · longest: d · round: $0.0123`
    public var line: String {
        var parts: [String] = []
        if let cheapest { parts.append("cheapest: \(cheapest)") }
        if let fastestFirstToken { parts.append("fastest first token: \(fastestFirstToken)") }
        if let fastestOverall { parts.append("fastest: \(fastestOverall)") }
        if let longest { parts.append("longest: \(longest)") }
        if let totalCost { parts.append("round: \(totalCostIsEstimate ? "~" : "")\(Formatting.usd(totalCost))") }
        return parts.joined(separator: " · ")
    }
}
