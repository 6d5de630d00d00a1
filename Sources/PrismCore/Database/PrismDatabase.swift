import Foundation

/// Prism's one SQLite database, `prism.db` in the state folder, shared by every Prism
/// process on the machine: the spend ledger now, the reply history later.
///
/// Tables are added by appending steps to `migrator` (never by editing a shipped step):
/// a user's file runs only the steps it has not run yet.
public enum PrismDatabase {
    /// Where the database lives.
    public static func url(paths: PrismPaths) -> URL {
        paths.state.appendingPathComponent("prism.db")
    }

    /// Every schema step, oldest first. Amounts are integer pico-dollars (`Money`),
    /// times are Unix milliseconds (UTC).
    public static let migrator = Migrator(steps: [
        .init(version: 1, name: "spend ledger", sql: """
            CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE spend_entries (
                id INTEGER PRIMARY KEY,
                started_at INTEGER NOT NULL,
                ended_at INTEGER,
                model TEXT NOT NULL,
                provider TEXT,
                session_id TEXT,
                source TEXT NOT NULL CHECK (source IN ('chat', 'compare', 'ask', 'import')),
                free INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1)),
                state TEXT NOT NULL CHECK (state IN ('reserved', 'settled', 'released', 'expired')),
                reserved_pico INTEGER NOT NULL DEFAULT 0 CHECK (reserved_pico >= 0),
                cost_pico INTEGER CHECK (cost_pico >= 0),
                cost_source TEXT CHECK (cost_source IN ('usage', 'generation', 'estimate')),
                pid INTEGER,
                process_token TEXT
            );
            """),
        .init(version: 2, name: "spend indexes", sql: """
            CREATE INDEX spend_by_time ON spend_entries (started_at, state, free, cost_pico, reserved_pico);
            CREATE INDEX spend_reserved ON spend_entries (pid) WHERE state = 'reserved';
            """),
    ])

    /// Opens (creating, checking and migrating) the database at `url`.
    public static func open(_ url: URL, quickCheck: Bool = true, now: @escaping @Sendable () -> Date = { Date() })
        throws -> (connection: SQLiteConnection, notice: String?) {
        try SQLiteFile(url: url, migrator: migrator, quickCheck: quickCheck, now: now).open()
    }
}
