import Foundation

extension SpendLedger {
    /// Every entry that started in `from..<to` (nil: no bound), oldest first, dead
    /// processes' reservations expired first.
    public func entries(from: Date? = nil, to: Date? = nil, now: Date = Date()) throws -> [SpendEntry] {
        try read { db in
            try expireDeadReservations(db, at: now)
            let statement = try db.prepare("""
                SELECT id, started_at, model, provider, session_id, source, free, state, reserved_pico, cost_pico, cost_source
                FROM spend_entries WHERE started_at >= ?1 AND started_at < ?2 ORDER BY started_at, id
                """)
            try statement.bind([.int(from.map(Self.millis) ?? Int64.min), .int(to.map(Self.millis) ?? Int64.max)])
            return try statement.rows { row in
                SpendEntry(id: row.int(0), startedAt: Self.date(millis: row.int(1)), model: row.text(2) ?? "",
                           provider: row.text(3), sessionID: row.text(4),
                           source: SpendEntry.Source(rawValue: row.text(5) ?? "") ?? .chat, free: row.int(6) == 1,
                           state: SpendEntry.State(rawValue: row.text(7) ?? "") ?? .released,
                           reserved: Money.decimal(pico: row.int(8)), cost: row.money(9),
                           costSource: row.text(10).flatMap(SpendEntry.CostSource.init(rawValue:)))
            }
        }
    }

    /// When recent requests to free models started (not released), newest last: what
    /// `FreeTier.pacingDelay` needs to keep every Prism process under 20 a minute.
    public func freeRequestStarts(since: Date, now: Date = Date()) throws -> [Date] {
        try read { db in
            try db.prepare("""
                SELECT started_at FROM spend_entries
                WHERE started_at >= ?1 AND started_at <= ?2 AND free = 1 AND state <> 'released' ORDER BY started_at
                """).bind([.int(Self.millis(since)), .int(Self.millis(now))]).rows { Self.date(millis: $0.int(0)) }
        }
    }
}
