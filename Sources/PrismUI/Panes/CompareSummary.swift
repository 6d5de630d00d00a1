import Foundation
import PrismCore

/// The line across the compare panes: the round's total cost and who was cheapest, quickest and longest.
///
/// Only finished replies can win (a reply that failed early is cheap and quick but
/// answers nothing); every reply counts towards the total cost.
enum CompareSummary {
    /// Segments, most important first; the renderer drops them from the end when space runs out.
    static func segments(models: [String], replies: [Message?], streaming: Int) -> [String] {
        var out: [String] = []
        if streaming > 0 { out.append("\(streaming) of \(models.count) streaming") }
        let failed = replies.filter { $0?.status == .failed }.count
        if failed > 0 { out.append("\(failed) failed") }
        var total = Decimal(0), estimated = false, known = false
        for case let reply? in replies {
            if let cost = reply.usage?.cost {
                total += cost
                known = true
                if reply.usage?.costIsEstimate == true { estimated = true }
            }
        }
        if known { out.append("round \(estimated ? "~" : "")\(Formatting.usd(total))") }
        let done = zip(models, replies).compactMap { model, reply in
            reply.flatMap { $0.status == .complete ? (CompareTabs.shortName(model), $0) : nil }
        }
        guard done.count >= 2 || (done.count == 1 && models.count == 1) else { return out }
        if let best = pick(done, { $0.usage?.cost.map { NSDecimalNumber(decimal: $0).doubleValue } }, lowest: true) {
            out.append("cheapest \(best.0) \(Formatting.cost(best.1.usage))")
        }
        if let best = pick(done, { $0.timings?.ttftMs }, lowest: true), let ms = best.1.timings?.ttftMs {
            out.append("first token \(best.0) \(Formatting.duration(ms: ms))")
        }
        if let best = pick(done, { $0.timings?.totalMs }, lowest: true), let ms = best.1.timings?.totalMs {
            out.append("fastest \(best.0) \(Formatting.duration(ms: ms))")
        }
        if let best = pick(done, { reply in reply.usage?.completionTokens.map(Double.init) }, lowest: false),
           let tokens = best.1.usage?.completionTokens {
            out.append("longest \(best.0) \(Formatting.tokens(tokens)) tok")
        }
        return out
    }

    /// The entry with the lowest (or highest) known value; the first wins a tie.
    private static func pick(_ entries: [(String, Message)], _ value: (Message) -> Double?, lowest: Bool) -> (String, Message)? {
        var best: (entry: (String, Message), value: Double)?
        for entry in entries {
            guard let v = value(entry.1), v.isFinite else { continue }
            if best == nil || (lowest ? v < best!.value : v > best!.value) { best = (entry, v) }
        }
        return best?.entry
    }
}
