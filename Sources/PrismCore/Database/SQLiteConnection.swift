import CSQLite
import Foundation

/// One connection to an SQLite file, set up the way every Prism process shares it.
///
/// WAL (readers never wait for the writer; a committed transaction survives kill -9),
/// `busy_timeout` (a writer waits for another process's write instead of failing at once),
/// foreign keys on, `synchronous = NORMAL` (WAL's own durability: only a power cut can lose
/// the last commits). The connection is used by one thread at a time: callers serialise
/// through `locked`, which `SQLiteDatabase` does for them.
public final class SQLiteConnection: @unchecked Sendable {
    let handle: OpaquePointer
    public let path: String
    private let lock = NSRecursiveLock()

    /// How long a write waits for another process's transaction before failing as busy.
    public static let busyTimeoutMilliseconds: Int32 = 5_000

    /// Opens (creating when missing) the database at `path`.
    public init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(.open, code: rc, "cannot open \(path): \(message)")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs `body` holding the connection (re-entrant).
    public func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs one or more statements that take no binds and return nothing of interest.
    public func execute(_ sql: String) throws {
        try locked {
            var message: UnsafeMutablePointer<CChar>?
            let rc = sqlite3_exec(handle, sql, nil, nil, &message)
            defer { sqlite3_free(message) }
            guard rc == SQLITE_OK else {
                throw error(rc, doing: String(sql.prefix(40)), message: message.map { String(cString: $0) })
            }
        }
    }

    /// A prepared statement on this connection.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(self, sql: sql)
    }

    /// The first column of the first row of `sql`, as an integer (a pragma's value).
    public func scalarInt(_ sql: String) throws -> Int64? {
        try locked {
            let statement = try prepare(sql)
            return try statement.step() ? statement.optionalInt(0) : nil
        }
    }

    /// The first column of every row of `sql`, as text.
    public func texts(_ sql: String) throws -> [String] {
        try locked {
            try prepare(sql).rows { $0.text(0) ?? "" }
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken at the start
    /// (waiting up to `busy_timeout`), so two processes never both read and then collide on
    /// writing. Commits when `body` returns, rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try locked {
            try execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` in a read transaction (`BEGIN DEFERRED`): every query in it sees the same
    /// snapshot, whatever other processes commit meanwhile (WAL never blocks it).
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try locked {
            try execute("BEGIN DEFERRED")
            defer {
                // Nothing was written: if COMMIT fails (a statement still stepping), ROLLBACK ends it the same.
                if (try? execute("COMMIT")) == nil { try? execute("ROLLBACK") }
            }
            return try body()
        }
    }

    /// The row id the last insert on this connection made.
    public var lastInsertID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How many rows the last statement changed.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// A typed, one-line error for result code `rc`.
    func error(_ rc: Int32, doing what: String, message: String? = nil) -> DatabaseError {
        let text = message ?? String(cString: sqlite3_errmsg(handle))
        let primary = rc & 0xff
        let kind: DatabaseError.Kind
        switch primary {
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_CORRUPT, SQLITE_NOTADB: kind = .corrupt
        case SQLITE_CANTOPEN: kind = .open
        default: kind = .other
        }
        return DatabaseError(kind, code: rc, "\(URL(fileURLWithPath: path).lastPathComponent): \(what): \(text) (SQLite \(rc))")
    }
}
