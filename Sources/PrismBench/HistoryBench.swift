import Foundation
import PrismCore

/// Benchmark 13: the reply history. Targets: a `StatsReport` (what the analytics view and
/// `prism stats` compute) in at most 100 ms, and recording one reply adding at most 1 ms,
/// with 100,000 replies recorded.
///
/// 100,000 replies spread evenly over the last 90 days, across 30 models and 10 providers,
/// one in 12 failed, most with a cost, timings and a rate. The report is timed for each range
/// on an open history (the view's case) and, for 30 days, on a fresh connection (`prism stats`);
/// recording is `ReplyHistory.record` (the reply's row and its health outcome in one transaction).
enum HistoryBench {
    static let runs = 21
    static let recordRuns = 201
    static let replies = 100_000
    static let reportTarget = 0.100
    static let recordTarget = 0.001

    static func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-history-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("prism.db")
        let now = Date()
        let size = try fill(file, now: now)
        var table = Table("13. Reply history with \(Format.grouped(replies)) replies over 90 days (\(Format.bytes(size)))",
                          headers: ["Operation", "Median", "p95", "Max", "Target"], labelColumns: 1)
        func row(_ operation: String, _ s: Samples, target: Double) {
            let mark = target == reportTarget ? "≤ 100 ms" : "≤ 1 ms"
            table.add([operation, Format.ms(s.median), Format.ms(s.percentile(0.95)), Format.ms(s.max),
                       "\(mark): " + (s.percentile(0.95) <= target ? "met" : "NOT met")])
        }
        let history = ReplyHistory(health: RouteHealth(database: DatabaseHandle(file: file)))
        for range in StatsRange.allCases {
            var requests = 0
            let samples = try Measure.repeated(runs: runs) { requests = try history.report(range: range, now: now).requests }
            row("report \(range.rawValue) (\(Format.grouped(requests)) replies)", samples, target: reportTarget)
        }
        let fresh = try Measure.repeated(runs: runs) {
            blackHole(try ReplyHistory(health: RouteHealth(database: DatabaseHandle(file: file))).report(range: .month, now: now))
        }
        row("open + report 30d", fresh, target: reportTarget)
        var reply = Reply()
        reply.model = "vendor/model-1"
        reply.provider = "Provider 1"
        reply.usage = TokenUsage(promptTokens: 900, completionTokens: 400, cost: Decimal(string: "0.00042"))
        reply.timings = ReplyTimings(ttftMs: 420, totalMs: 5_300, tokensPerSecond: 82)
        let record = ReplyRecord(reply: reply, model: "vendor/model-1", prompt: "write a function that parses csv", source: .chat,
                                 at: now, replyID: "r", sessionID: "s", roundID: "u", lane: 0)
        let recording = try Measure.repeated(runs: recordRuns) { try history.record(record) }
        row("record one reply", recording, target: recordTarget)
        table.print()
    }

    /// Writes `replies` rows spread over 90 days before `now`; returns the file size.
    static func fill(_ file: URL, now: Date) throws -> Int {
        let (db, _) = try PrismDatabase.open(file)
        try db.transaction {
            let insert = try db.prepare("""
                INSERT INTO replies (created_at, reply_id, session_id, round_id, lane, source, model_asked, model_served, provider,
                    prompt_tokens, completion_tokens, cost_pico, cost_source, ttft_ms, duration_ms, tokens_per_second,
                    finish_reason, error_kind, error_status, error_message, tag, tag_source)
                VALUES (?1, ?2, 's', ?3, 0, 'chat', ?4, ?4, ?5, 900, 400, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'rule')
                """)
            let end = now.timeIntervalSince1970 * 1000 - 1
            let span = 90.0 * 86_400 * 1000
            let tags = PromptTag.allCases
            for i in 0..<replies {
                let at = Int64(end - span * Double(i) / Double(replies))
                let failed = i % 12 == 0
                let known = i % 20 != 0
                let ttft = Int64(200 + (i * 37) % 2_000)
                try insert.bind([
                    .int(at), .text("reply-\(i)"), .text("round-\(i)"), .text("vendor/model-\(i % 30)"), .text("Provider \(i % 10)"),
                    known ? .int(Int64(1_000 + i % 5_000) * 1_000_000) : .null, known ? .text("usage") : .null,
                    .int(ttft), .int(ttft + 4_000), failed ? .null : .real(Double(40 + i % 120)), .text(failed ? "error" : "stop"),
                    failed ? .text("http") : .null, failed ? .int(502) : .null, failed ? .text("HTTP 502 Provider returned error") : .null,
                    .text(tags[i % tags.count].rawValue),
                ]).run()
            }
        }
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }
}
