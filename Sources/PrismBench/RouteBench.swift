import Foundation
import PrismCore

/// Benchmark 14: a route decision. Target: ≤ 5 ms for the decision itself (fitting the ratings
/// for the prompt's tag and overall from the verdicts, then scoring the candidates).
///
/// 2,000 compare rounds of 3 models drawn from 20 (6,000 verdict rows over 6 tags), 20
/// candidates. Reading the evidence from prism.db (every verdict; 30 days of reply history
/// for measured speed) is shown apart: it is disk work that a long-running front end reads once.
enum RouteBench {
    static let runs = 31
    static let rounds = 2_000
    static let models = (0..<20).map { "vendor/model-\($0)" }

    static func run() throws {
        var table = Table("14. Route decision: \(Format.grouped(rounds)) compare rounds, \(models.count) candidates (\(runs) runs)",
                          headers: ["Step", "Median", "p90", "Max", "Target ≤ 5 ms"], labelColumns: 1)
        let records = verdicts()
        let candidates = models.enumerated().map { i, id in
            RouteCandidate(model: id, expectedCost: Decimal(i + 1) / 10_000, worstCost: Decimal(i + 1) / 1_000,
                           ttft: 0.2 + Double(i) / 20, tokensPerSecond: 40 + Double(i), contextLength: 128_000)
        }
        let request = RouteRequest(tag: .code, tagReason: "bench", promptTokens: 2_000)
        let decision = Measure.repeated(runs: runs) {
            let onTag = Leaderboard.build(records, tag: .code), overall = Leaderboard.build(records)
            let rated = candidates.map { c -> RouteCandidate in
                var c = c
                if let row = onTag.rows.first(where: { $0.model == c.model }) ?? overall.rows.first(where: { $0.model == c.model }) {
                    c.rating = .init(value: row.rating, uncertainty: row.uncertainty, matches: row.matches, onTag: true)
                }
                return c
            }
            blackHole(RouteScorer.decide(rated, request: request))
        }
        let scoreOnly = Measure.repeated(runs: runs) { blackHole(RouteScorer.decide(candidates, request: request)) }

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-route-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = MatchStore(database: DatabaseHandle(file: root.appendingPathComponent("prism.db")))
        try store.record(records)
        let read = try Measure.repeated(runs: runs) { blackHole(try store.all()) }

        func row(_ step: String, _ s: Samples, target: Bool) {
            table.add([step, Format.ms(s.median), Format.ms(s.p90), Format.ms(s.max),
                       target ? (s.median <= 0.005 ? "met" : "NOT met") : "–"])
        }
        row("decision: fit ratings (tag + overall) and score", decision, target: true)
        row("scoring alone", scoreOnly, target: false)
        row("reading every verdict from prism.db", read, target: false)
        table.note("The reply history's 30-day report (measured speed) is benchmark 13's \"30 days\" row.")
        table.print()
    }

    /// Rounds of three models where the lower-numbered model wins two times in three.
    static func verdicts() -> [MatchRecord] {
        var records: [MatchRecord] = []
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for i in 0..<rounds {
            let tag = PromptTag.allCases[i % PromptTag.allCases.count]
            let round = MatchRecord.Round(at: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)), sessionID: "s",
                                          roundID: "r\(i)", tag: tag)
            var three = Set<Int>()
            while three.count < 3 { three.insert(next(models.count)) }
            let sorted = three.sorted()
            let winner = next(3) < 2 ? sorted[0] : sorted[next(3)]
            records += MatchRecord.pick(round, winner: models[winner], others: sorted.filter { $0 != winner }.map { models[$0] })
        }
        return records
    }
}
