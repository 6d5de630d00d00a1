import Foundation

/// The one-line verdict of a compare round: cheapest, fastest, longest, total cost.
///
/// Pure over the replies, so the command line and the chat screen say the same thing.
/// Only replies that succeeded compete; costs that are unknown are left out of
/// "cheapest" rather than counted as free.
public struct CompareSummary: Sendable, Equatable {
    public var cheapest: String?
    public var fastestFirstToken: String?
    public var fastestOverall: String?
    public var longest: String?
    /// Sum of the known costs of every reply of the round, failed ones included (they may bill).
    public var totalCost: Decimal?
    public var totalCostIsEstimate: Bool

    public init(_ entries: [(model: String, reply: Reply)]) {
        let ok = entries.filter { $0.reply.succeeded }
        cheapest = ok.compactMap { e in e.reply.usage?.cost.map { (e.model, $0) } }.min { $0.1 < $1.1 }?.0
        fastestFirstToken = ok.compactMap { e in e.reply.timings.ttftMs.map { (e.model, $0) } }.min { $0.1 < $1.1 }?.0
        fastestOverall = ok.compactMap { e in e.reply.timings.totalMs.map { (e.model, $0) } }.min { $0.1 < $1.1 }?.0
        longest = ok.map { e in (e.model, e.reply.usage?.completionTokens ?? e.reply.content.count / 4) }.max { $0.1 < $1.1 }?.0
        let costs = entries.compactMap { $0.reply.usage?.cost }
        totalCost = costs.isEmpty ? nil : costs.reduce(0, +)
        totalCostIsEstimate = entries.contains { $0.reply.usage?.costIsEstimate == true }
    }

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
