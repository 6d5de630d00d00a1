import Foundation

/// `prism.db` opened on first use and shared by the stores built on it (the spend ledger,
/// route health), one thread at a time.
///
/// When SQLite finds the file damaged mid-way, the connection is dropped and the file
/// opened again with `quick_check`, which moves it aside (with a notice) so the work runs
/// once more on a fresh database. What the user should hear about is queued as one-line
/// notices (`takeNotices`).
public final class DatabaseHandle: @unchecked Sendable {
    /// The database file.
    public let file: URL
    let quickCheck: Bool
    /// Run once on each newly opened connection (the ledger imports `spend.json` there); returns notices.
    private let onOpen: @Sendable (SQLiteConnection) -> [String]

    private let lock = NSRecursiveLock()
    private var opened: SQLiteConnection?
    private var notices: [String] = []

    public init(file: URL, quickCheck: Bool = false, onOpen: @escaping @Sendable (SQLiteConnection) -> [String] = { _ in [] }) {
        self.file = file
        self.quickCheck = quickCheck
        self.onOpen = onOpen
    }

    /// The notices met so far (each given once).
    public func takeNotices() -> [String] {
        lock.withLock {
            defer { notices = [] }
            return notices
        }
    }

    /// Runs `body` on the open connection (opening it first), holding the handle's lock.
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try lock.withLock {
            do {
                let db = try connection(check: quickCheck)
                return try db.locked { try body(db) }
            } catch let error as DatabaseError where error.kind == .corrupt {
                opened = nil
                let db = try connection(check: true)
                return try db.locked { try body(db) }
            }
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction.
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try read { db in try db.transaction { try body(db) } }
    }

    private func connection(check: Bool) throws -> SQLiteConnection {
        if let opened { return opened }
        let (db, notice) = try PrismDatabase.open(file, quickCheck: check)
        if let notice { notices.append(notice) }
        notices += onOpen(db)
        opened = db
        return db
    }
}
