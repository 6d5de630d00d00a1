import Foundation

/// Prism's one SQLite database, `prism.db` in the state folder, shared by every Prism
/// process on the machine: the spend ledger, route health and the reply history.
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
        // Totals per 15 minutes (every time zone's midnight falls on one of these bounds), kept
        // by triggers in the same transaction as the entry: a month's total is at most 2,976
        // rows to add up, however many requests it had.
        .init(version: 3, name: "spend buckets", sql: """
            CREATE TABLE spend_buckets (
                bucket INTEGER PRIMARY KEY,
                settled_pico INTEGER NOT NULL DEFAULT 0,
                free_requests INTEGER NOT NULL DEFAULT 0
            );
            CREATE TRIGGER spend_bucket_insert AFTER INSERT ON spend_entries BEGIN
                INSERT INTO spend_buckets (bucket, settled_pico, free_requests)
                VALUES (NEW.started_at / 900000, CASE WHEN NEW.state = 'settled' THEN coalesce(NEW.cost_pico, 0) ELSE 0 END,
                        CASE WHEN NEW.state <> 'released' THEN NEW.free ELSE 0 END)
                ON CONFLICT (bucket) DO UPDATE SET settled_pico = settled_pico + excluded.settled_pico,
                    free_requests = free_requests + excluded.free_requests;
            END;
            CREATE TRIGGER spend_bucket_update AFTER UPDATE OF state, cost_pico ON spend_entries BEGIN
                INSERT INTO spend_buckets (bucket, settled_pico, free_requests)
                VALUES (NEW.started_at / 900000,
                        (CASE WHEN NEW.state = 'settled' THEN coalesce(NEW.cost_pico, 0) ELSE 0 END)
                        - (CASE WHEN OLD.state = 'settled' THEN coalesce(OLD.cost_pico, 0) ELSE 0 END),
                        (CASE WHEN NEW.state <> 'released' THEN NEW.free ELSE 0 END)
                        - (CASE WHEN OLD.state <> 'released' THEN OLD.free ELSE 0 END))
                ON CONFLICT (bucket) DO UPDATE SET settled_pico = settled_pico + excluded.settled_pico,
                    free_requests = free_requests + excluded.free_requests;
            END;
            INSERT INTO spend_buckets (bucket, settled_pico, free_requests)
                SELECT started_at / 900000, sum(CASE WHEN state = 'settled' THEN coalesce(cost_pico, 0) ELSE 0 END),
                       sum(CASE WHEN state <> 'released' THEN free ELSE 0 END)
                FROM spend_entries GROUP BY started_at / 900000;
            """),
        // One row per finished reply, for the health record and the circuit breaker (`RouteHealth`).
        .init(version: 4, name: "route health", sql: """
            CREATE TABLE route_outcomes (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                model TEXT NOT NULL,
                model_served TEXT,
                provider TEXT,
                outcome TEXT NOT NULL,
                status INTEGER,
                code TEXT,
                ttft_ms INTEGER,
                total_ms INTEGER,
                source TEXT,
                pid INTEGER
            );
            CREATE INDEX route_by_time ON route_outcomes (at);
            CREATE INDEX route_by_model ON route_outcomes (model, at);
            """),
        // One row per finished reply, kept for good (`ReplyHistory`, `prism stats`): what was asked, who
        // served, tokens, cost, timings, how it ended, the prompt's tag and, for compare rounds, the verdict.
        // `replies_by_time` covers every column the report reads, so a range is read from the index
        // alone (a lookup into the table per row made 100,000 replies take 140 ms, not 100).
        .init(version: 5, name: "reply history", sql: """
            CREATE TABLE replies (
                id INTEGER PRIMARY KEY,
                created_at INTEGER NOT NULL,
                reply_id TEXT,
                session_id TEXT,
                round_id TEXT,
                lane INTEGER,
                source TEXT NOT NULL CHECK (source IN ('chat', 'compare', 'ask', 'compare-command')),
                model_asked TEXT NOT NULL,
                model_served TEXT,
                provider TEXT,
                variant TEXT,
                prompt_tokens INTEGER,
                completion_tokens INTEGER,
                reasoning_tokens INTEGER,
                cached_tokens INTEGER,
                cost_pico INTEGER CHECK (cost_pico >= 0),
                cost_source TEXT CHECK (cost_source IN ('usage', 'generation', 'estimate')),
                ttft_ms INTEGER,
                duration_ms INTEGER,
                tokens_per_second REAL,
                finish_reason TEXT,
                error_kind TEXT,
                error_status INTEGER,
                error_message TEXT,
                tag TEXT,
                tag_source TEXT CHECK (tag_source IN ('rule', 'user')),
                compare_outcome TEXT CHECK (compare_outcome IN ('won', 'lost', 'tie', 'all_bad')),
                prompt_text TEXT,
                pid INTEGER
            );
            CREATE INDEX replies_by_time ON replies (created_at, model_asked, provider, tag, cost_pico, ttft_ms,
                tokens_per_second, error_kind, error_message);
            CREATE INDEX replies_by_reply ON replies (reply_id);
            CREATE INDEX replies_by_round ON replies (round_id);
            """),
        // The user's verdicts for the personal leaderboard (`MatchStore`): one row per winner/loser
        // pair; a NULL side is the fixed "good enough" reference (thumbs, "all bad").
        .init(version: 6, name: "matches", sql: """
            CREATE TABLE matches (
                id INTEGER PRIMARY KEY,
                created_at INTEGER NOT NULL,
                session_id TEXT,
                round_id TEXT,
                tag TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('pick', 'tie', 'all_bad', 'thumb')),
                winner TEXT,
                loser TEXT,
                blind INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
                weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
                CHECK (winner IS NOT NULL OR loser IS NOT NULL)
            );
            CREATE INDEX matches_by_round ON matches (round_id);
            CREATE INDEX matches_by_tag ON matches (tag, created_at);
            """),
    ])

    /// Opens (creating, checking and migrating) the database at `url`.
    public static func open(_ url: URL, quickCheck: Bool = true, now: @escaping @Sendable () -> Date = { Date() })
        throws -> (connection: SQLiteConnection, notice: String?) {
        try SQLiteFile(url: url, migrator: migrator, quickCheck: quickCheck, now: now).open()
    }
}
