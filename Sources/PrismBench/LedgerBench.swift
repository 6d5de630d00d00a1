import Foundation
import PrismCore

/// Benchmark 12: the spend ledger at start. Target: open + today's and this month's
/// totals ≤ 5 ms with 100,000 entries.
///
/// Two shapes of 100,000 settled entries: spread evenly over the last year (about 8,000
/// this month, a heavy user), and all in this month (the worst case for the month's sum),
/// each with 10 reservations held by this process. "open + totals" is what a new process
/// does (a new connection, WAL and migrations checked, then `totals`); it is shown with and
/// without `PRAGMA quick_check`, which reads the whole file.
enum LedgerBench {
    static let runs = 21
    static let entries = 100_000
    static let targetSeconds = 0.005

    static func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-ledger-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var table = Table("12. Spend ledger: open + totals with \(Format.grouped(entries)) entries (\(runs) runs)",
                          headers: ["Entries", "Operation", "Median", "p90", "Max", "Target ≤ 5 ms"], labelColumns: 2)
        let now = Date()
        for (name, span) in [("over a year", 365.0 * 86_400), ("all this month", now.timeIntervalSince(SpendPeriods(now: now).monthStart))] {
            let file = root.appendingPathComponent("\(name.replacingOccurrences(of: " ", with: "-")).db")
            let size = try fill(file, span: span, now: now)
            let label = "\(name) (\(Format.bytes(size)))"
            let open = try Measure.repeated(runs: runs) {
                blackHole(try SpendLedger(file: file, quickCheck: false).totals(now: now))
            }
            let checked = try Measure.repeated(runs: runs) {
                blackHole(try SpendLedger(file: file, quickCheck: true).totals(now: now))
            }
            let ledger = SpendLedger(file: file, quickCheck: false)
            let totals = try Measure.repeated(runs: runs) { blackHole(try ledger.totals(now: now)) }
            func row(_ operation: String, _ s: Samples, target: Bool) {
                table.add([label, operation, Format.ms(s.median), Format.ms(s.p90), Format.ms(s.max),
                           target ? (s.median <= targetSeconds ? "met" : "NOT met") : "–"])
            }
            row("open + totals", open, target: true)
            row("open + quick_check + totals", checked, target: false)
            row("totals, open ledger", totals, target: false)
        }
        table.print()
    }

    /// Writes `entries` settled entries spread over `span` seconds before `now`, plus 10 reservations; returns the file size.
    static func fill(_ file: URL, span: TimeInterval, now: Date) throws -> Int {
        let (db, _) = try PrismDatabase.open(file)
        try db.transaction {
            let insert = try db.prepare("""
                INSERT INTO spend_entries (started_at, ended_at, model, provider, session_id, source, free, state,
                    reserved_pico, cost_pico, cost_source, pid, process_token)
                VALUES (?1, ?1, ?2, 'Provider', 'session', 'chat', ?3, 'settled', 0, ?4, 'usage', 1, 'x')
                """)
            let end = now.timeIntervalSince1970 * 1000 - 1
            for i in 0..<entries {
                let at = Int64(end - span * 1000 * Double(i) / Double(entries))
                try insert.bind([.int(at), .text("vendor/model-\(i % 40)"), .int(i % 10 == 0 ? 1 : 0), .int(Int64(1_000 + i % 5_000) * 1_000_000)]).run()
            }
        }
        let ledger = SpendLedger(file: file, quickCheck: false)
        for _ in 0..<10 {
            _ = try ledger.reserve(SpendRequest(model: "vendor/model-0", source: .ask, free: false), worstCase: Decimal(string: "0.01")!, at: now)
        }
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }
}
