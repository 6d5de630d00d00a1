import Foundation

/// The shared health record of models and providers, in `prism.db`: one row per finished
/// reply (`RouteOutcome`), read back as circuits (`HealthSnapshot`) and as a report.
///
/// Every Prism process writes here, so a model failing in one window is skipped in the
/// next, and a restart forgets nothing. Rows older than `keepDays` go, and at most
/// `keepRows` are kept, pruned as rows are added.
public final class RouteHealth: @unchecked Sendable {
    public let database: DatabaseHandle
    public let settings: HealthSettings
    let pid: Int32

    /// How far back circuits are replayed: a circuit whose last failure is older reads closed.
    public static let lookback: TimeInterval = 24 * 3600
    public static let keepDays = 7
    public static let keepRows: Int64 = 50_000

    /// On a connection shared with another store (the spend ledger).
    public init(database: DatabaseHandle, settings: HealthSettings = HealthSettings(), pid: Int32 = getpid()) {
        self.database = database
        self.settings = settings
        self.pid = pid
    }

    /// In Prism's state folder (`prism.db`).
    public convenience init(paths: PrismPaths, settings: HealthSettings = HealthSettings()) {
        self.init(database: DatabaseHandle(file: PrismDatabase.url(paths: paths)), settings: settings)
    }

    public func takeNotices() -> [String] { database.takeNotices() }

    /// Adds one outcome, pruning what is past keeping.
    public func record(_ outcome: RouteOutcome) throws {
        try database.write { db in try Self.insert(outcome, pid: pid, into: db) }
    }

    /// Adds one outcome and prunes, inside the caller's transaction (`ReplyHistory` writes
    /// the reply's row in the same one).
    static func insert(_ outcome: RouteOutcome, pid: Int32, into db: SQLiteConnection) throws {
        func text(_ s: String?) -> SQLiteStatement.Value { s.map { .text($0) } ?? .null }
        func int(_ i: Int?) -> SQLiteStatement.Value { i.map { .int(Int64($0)) } ?? .null }
        try db.prepare("""
            INSERT INTO route_outcomes (at, model, model_served, provider, outcome, status, code, ttft_ms, total_ms, source, pid)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """).bind([.int(millis(outcome.at)), .text(outcome.model), text(outcome.modelServed), text(outcome.provider),
                       .text(outcome.kind.name), int(outcome.status), text(outcome.code), int(outcome.ttftMs),
                       int(outcome.totalMs), text(outcome.source), .int(Int64(pid))]).run()
        let oldest = outcome.at.addingTimeInterval(-Double(keepDays) * 86_400)
        try db.prepare("DELETE FROM route_outcomes WHERE at < ?1").bind([.int(millis(oldest))]).run()
        try db.prepare("DELETE FROM route_outcomes WHERE id <= (SELECT max(id) FROM route_outcomes) - ?1")
            .bind([.int(keepRows)]).run()
    }

    /// Every model's and provider's circuit at `now`, replayed from the last `lookback`.
    public func snapshot(now: Date = Date()) throws -> HealthSnapshot {
        let rows = try outcomes(since: now.addingTimeInterval(-Self.lookback), model: nil)
        var snapshot = HealthSnapshot(settings: settings)
        for row in rows {
            snapshot.models[row.model, default: Circuit()].apply(row.effect, at: row.at, settings: settings)
            if row.kind == .ok, row.servedByAnother, let served = row.modelServed {
                snapshot.models[served, default: Circuit()].apply(.success, at: row.at, settings: settings)
            }
            if let provider = row.provider {
                snapshot.providers[provider, default: Circuit()].apply(row.effect, at: row.at, settings: settings)
            }
        }
        return snapshot
    }

    /// Every kept outcome since `date` (of `model` only, when given), oldest first.
    public func outcomes(since date: Date, model: String? = nil) throws -> [RouteOutcome] {
        try database.read { db in
            let statement = try db.prepare("""
                SELECT at, model, model_served, provider, outcome, status, code, ttft_ms, total_ms, source
                FROM route_outcomes WHERE at >= ?1 AND (?2 IS NULL OR model = ?2) ORDER BY at, id
                """)
            try statement.bind([.int(Self.millis(date)), model.map { .text($0) } ?? .null])
            return try statement.rows { row in
                RouteOutcome(model: row.text(1) ?? "", modelServed: row.text(2), provider: row.text(3),
                             kind: .init(name: row.text(4) ?? ""), status: row.optionalInt(5).map { Int($0) }, code: row.text(6),
                             ttftMs: row.optionalInt(7).map { Int($0) }, totalMs: row.optionalInt(8).map { Int($0) },
                             at: Self.date(millis: row.int(0)), source: row.text(9))
            }
        }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
