import Foundation
import PrismCore

/// The line across the compare panes: the round's total cost and who was cheapest, quickest and longest.
///
/// Only finished replies can win (a reply that failed early is cheap and quick but
/// answers nothing); every reply counts towards the total cost.
enum CompareSummaryLine {
    /// Segments, most important first; the renderer drops them from the end when space runs out.
    static func segments(models: [String], replies: [Message?], streaming: Int) -> [String] {
        var out: [String] = []
        if streaming > 0 { out.append("\(streaming) of \(models.count) streaming") }
        let failed = replies.filter { $0?.status == .failed }.count
        if failed > 0 { out.append("\(failed) failed") }
        let answered = zip(models, replies).compactMap { model, reply in reply.map { (model: CompareTabs.shortName(model), reply: $0) } }
        let summary = PrismCore.CompareSummary(answered)
        if let total = summary.totalCost { out.append("round \(summary.totalCostIsEstimate ? "~" : "")\(Formatting.usd(total))") }
        let done = answered.filter { $0.reply.compareSucceeded }.count
        guard done >= 2 || (done == 1 && models.count == 1) else { return out }
        if let name = summary.cheapest, let cost = summary.cheapestCost { out.append("cheapest \(name) \(Formatting.usd(cost))") }
        if let name = summary.fastestFirstToken, let ms = summary.fastestFirstTokenMs { out.append("first token \(name) \(Formatting.duration(ms: ms))") }
        if let name = summary.fastestOverall, let ms = summary.fastestOverallMs { out.append("fastest \(name) \(Formatting.duration(ms: ms))") }
        if let name = summary.longest, let tokens = summary.longestTokens { out.append("longest \(name) \(Formatting.tokens(tokens)) tok") }
        return out
    }
}
