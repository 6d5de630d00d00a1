import Foundation

/// What every Prism process on the machine has spent and has in flight, in `prism.db`.
///
/// Each request reserves its worst case when it starts (`reserve`) and settles to the
/// exact cost when it ends (`settle`), or is released when nothing was spent; `record`
/// writes a settled entry in one step. Every write is one SQLite transaction in WAL mode,
/// so a committed entry survives kill -9 and several processes write at once. A
/// reservation whose process is gone (pid and start time, `ProcessIdentity`) no longer
/// counts and is marked expired by the next `totals`.
///
/// The database is opened on first use. What the user should hear about (a damaged
/// database moved aside, the old `spend.json` imported) is queued as one-line notices for
/// the caller to show (`takeNotices`).
public final class SpendLedger: @unchecked Sendable {
    /// The database file.
    public var file: URL { database.file }
    /// The per-day JSON ledger of earlier versions, imported once and then renamed.
    public let legacyFile: URL?
    let owner: ProcessIdentity
    let isAlive: @Sendable (ProcessIdentity) -> Bool
    /// The connection, shared with other stores on `prism.db` (route health).
    public let database: DatabaseHandle

    /// The ledger in Prism's state folder (`prism.db`, importing `spend.json`).
    public convenience init(paths: PrismPaths, quickCheck: Bool = false) {
        self.init(file: PrismDatabase.url(paths: paths), legacyFile: paths.state.appendingPathComponent("spend.json"),
                  quickCheck: quickCheck)
    }

    /// Tests pass another `owner` and `isAlive` to stand in for other processes.
    /// `quickCheck` reads the whole file on open (about 250 ms at 100,000 entries): `prism spend`
    /// asks for it; every other open relies on SQLite noticing damage, which triggers it then.
    public init(file: URL, legacyFile: URL? = nil, owner: ProcessIdentity = .current,
                isAlive: @escaping @Sendable (ProcessIdentity) -> Bool = ProcessIdentity.isAlive, quickCheck: Bool = false) {
        self.legacyFile = legacyFile
        self.owner = owner
        self.isAlive = isAlive
        self.database = DatabaseHandle(file: file, quickCheck: quickCheck) { db in
            legacyFile.map { SpendLedger.importLegacy($0, into: db) } ?? []
        }
    }

    /// The notices met so far (each given once).
    public func takeNotices() -> [String] { database.takeNotices() }

    /// Reserves `worstCase` for a request starting now; settle or release it when it ends.
    public func reserve(_ request: SpendRequest, worstCase: Decimal, at date: Date = Date()) throws -> ReservationID {
        let pico = try Money.pico(worstCase)
        return try write { db in
            try insert(db, request, at: date, state: .reserved, reserved: pico, cost: nil, costSource: nil)
            return ReservationID(db.lastInsertID)
        }
    }

    /// The request ended: its exact `cost`, and where that came from.
    public func settle(_ id: ReservationID, cost: Decimal, source: SpendEntry.CostSource, provider: String? = nil,
                       at date: Date = Date()) throws {
        let pico = try Money.pico(cost)
        try write { db in
            try db.prepare("""
                UPDATE spend_entries SET state = 'settled', cost_pico = ?1, cost_source = ?2, ended_at = ?3,
                provider = coalesce(?4, provider) WHERE id = ?5 AND state IN ('reserved', 'expired')
                """).bind([.int(pico), .text(source.rawValue), .int(Self.millis(date)), provider.map { .text($0) } ?? .null,
                           .int(id.rawValue)]).run()
        }
    }

    /// The request ended with nothing spent (refused, failed before the server charged).
    public func release(_ id: ReservationID, at date: Date = Date()) throws {
        try write { db in
            try db.prepare("UPDATE spend_entries SET state = 'released', ended_at = ?1 WHERE id = ?2 AND state = 'reserved'")
                .bind([.int(Self.millis(date)), .int(id.rawValue)]).run()
        }
    }

    /// A settled entry in one step: a request that was not reserved (the chat screen's replies).
    public func record(_ request: SpendRequest, cost: Decimal, source: SpendEntry.CostSource, at date: Date = Date()) throws {
        let pico = try Money.pico(cost)
        try write { db in
            try insert(db, request, at: date, state: .settled, reserved: 0, cost: pico, costSource: source)
        }
    }

    /// Spent and reserved today and this month (local calendar), and free requests in the
    /// last minute and today. Expires reservations of dead processes first.
    public func totals(now: Date = Date(), calendar: Calendar = .current) throws -> SpendTotals {
        let periods = SpendPeriods(now: now, calendar: calendar)
        return try read { db in
            try expireDeadReservations(db, at: now)
            // One snapshot, so a request settling meanwhile is never counted both reserved and spent.
            return try db.snapshot { try totals(db, periods: periods, now: now) }
        }
    }

    private func totals(_ db: SQLiteConnection, periods: SpendPeriods, now: Date) throws -> SpendTotals {
        let minuteAgo = now.addingTimeInterval(-60)
        let live = try liveReservations(db)
        let day = Self.millis(periods.dayStart), nextDay = Self.millis(periods.nextDay)
        let month = Self.millis(periods.monthStart), nextMonth = Self.millis(periods.nextMonth)
        var totals = SpendTotals()
        // Settled cost and free requests from the 15-minute buckets (local midnight is a bucket bound).
        let buckets = try db.prepare("""
            SELECT coalesce(sum(CASE WHEN bucket >= ?1 AND bucket < ?2 THEN settled_pico END), 0),
                   coalesce(sum(settled_pico), 0),
                   coalesce(sum(CASE WHEN bucket >= ?1 AND bucket < ?2 THEN free_requests END), 0)
            FROM spend_buckets WHERE bucket >= ?3 AND bucket < ?4
            """)
        try buckets.bind([.int(Self.bucket(day)), .int(Self.bucket(nextDay)), .int(Self.bucket(month)), .int(Self.bucket(nextMonth))])
        if try buckets.step() {
            totals.today = Money.decimal(pico: buckets.int(0))
            totals.month = Money.decimal(pico: buckets.int(1))
            totals.freeRequestsToday = Int(buckets.int(2))
        }
        // Live reservations: few, through the partial index (read while expiring the dead ones).
        for held in live {
            if held.startedAt >= day && held.startedAt < nextDay { totals.reservedToday += Money.decimal(pico: held.reserved) }
            if held.startedAt >= month && held.startedAt < nextMonth { totals.reservedMonth += Money.decimal(pico: held.reserved) }
        }
        // Free requests in the last minute: a short range of the time index.
        let minute = try db.prepare("""
            SELECT count(*) FROM spend_entries
            WHERE started_at >= ?1 AND started_at <= ?2 AND free = 1 AND state <> 'released'
            """)
        try minute.bind([.int(Self.millis(minuteAgo)), .int(Self.millis(now))])
        if try minute.step() { totals.freeRequestsLastMinute = Int(minute.int(0)) }
        return totals
    }

    /// When today's and this month's totals start again from zero (local midnight, the 1st).
    public static func resets(now: Date = Date(), calendar: Calendar = .current) -> (day: Date, month: Date) {
        let periods = SpendPeriods(now: now, calendar: calendar)
        return (periods.nextDay, periods.nextMonth)
    }

    // MARK: - The connection

    /// Runs `body` on the open connection (see `DatabaseHandle`).
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T { try database.read(body) }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction.
    func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T { try database.write(body) }

    private func insert(_ db: SQLiteConnection, _ request: SpendRequest, at date: Date, state: SpendEntry.State,
                        reserved: Int64, cost: Int64?, costSource: SpendEntry.CostSource?) throws {
        func text(_ s: String?) -> SQLiteStatement.Value { s.map { .text($0) } ?? .null }
        try db.prepare("""
            INSERT INTO spend_entries (started_at, ended_at, model, provider, session_id, source, free, state,
                reserved_pico, cost_pico, cost_source, pid, process_token)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """).bind([.int(Self.millis(date)), state == .settled ? .int(Self.millis(date)) : .null, .text(request.model),
                       text(request.provider), text(request.sessionID), .text(request.source.rawValue),
                       .int(request.free ? 1 : 0), .text(state.rawValue), .int(reserved), cost.map { .int($0) } ?? .null,
                       text(costSource?.rawValue), .int(Int64(owner.pid)), .text(owner.token)]).run()
    }

    /// Marks reservations of processes that are gone as expired.
    func expireDeadReservations(_ db: SQLiteConnection, at now: Date) throws {
        let dead = try reservations(db).filter { !isAlive($0.owner) }
        guard !dead.isEmpty else { return }
        try db.transaction {
            let update = try db.prepare("UPDATE spend_entries SET state = 'expired', ended_at = ?1 WHERE id = ?2 AND state = 'reserved'")
            for entry in dead { try update.bind([.int(Self.millis(now)), .int(entry.id)]).run() }
        }
    }

    /// Reservations held by running processes: start time and worst case.
    private func liveReservations(_ db: SQLiteConnection) throws -> [(startedAt: Int64, reserved: Int64)] {
        try reservations(db).filter { isAlive($0.owner) }.map { ($0.startedAt, $0.reserved) }
    }

    /// Every reservation held. No other column in the WHERE clause, so SQLite takes the
    /// partial index `spend_reserved` (a SUM over it had it scan the whole time index).
    private func reservations(_ db: SQLiteConnection) throws
        -> [(id: Int64, owner: ProcessIdentity, startedAt: Int64, reserved: Int64)] {
        try db.prepare("SELECT id, pid, process_token, started_at, reserved_pico FROM spend_entries WHERE state = 'reserved'").rows {
            (id: $0.int(0), owner: ProcessIdentity(pid: Int32(truncatingIfNeeded: $0.int(1)), token: $0.text(2) ?? ""),
             startedAt: $0.int(3), reserved: $0.int(4))
        }
    }

    /// The 15-minute bucket of a time in Unix milliseconds (as the `spend_buckets` triggers compute it).
    static func bucket(_ millis: Int64) -> Int64 { millis / 900_000 }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
