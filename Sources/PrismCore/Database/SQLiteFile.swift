import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens one of Prism's database files: private, checked, migrated, and replaced by a
/// fresh one when it cannot be used.
///
/// A file that is not a database, fails `PRAGMA quick_check`, or was written by a newer
/// Prism is moved aside to `corrupt/<name>.<UTC time>` next to it (with its `-wal` and
/// `-shm`), never overwritten and never deleted, and a new database is started; the one
/// line `notice` says so, for the caller to show. The file and its folder are created
/// private (0600, 0700); SQLite gives `-wal` and `-shm` the file's own mode.
public struct SQLiteFile: Sendable {
    public let url: URL
    public let migrator: Migrator
    /// Run `PRAGMA quick_check` on open: a full read of the file, so only where that is affordable.
    public var quickCheck: Bool
    let now: @Sendable () -> Date

    public init(url: URL, migrator: Migrator, quickCheck: Bool = true, now: @escaping @Sendable () -> Date = { Date() }) {
        self.url = url
        self.migrator = migrator
        self.quickCheck = quickCheck
        self.now = now
    }

    /// An open, migrated connection, and a notice when a damaged file was moved aside.
    public func open() throws -> (connection: SQLiteConnection, notice: String?) {
        do {
            return (try attempt(), nil)
        } catch let error as DatabaseError {
            let reason: String
            switch error.kind {
            case .corrupt: reason = "is damaged (\(error.description))"
            case .newerVersion: reason = "was \(error.description)"
            default: throw error
            }
            let moved = try moveAside()
            let connection = try attempt()
            let notice = moved.map { "\(url.lastPathComponent) \(reason); moved to \($0.path), starting a new one" }
            return (connection, notice)
        }
    }

    /// Sets the connection up, trying again for a while when another process holds a lock
    /// SQLite does not wait for (switching a fresh file to WAL, recovering another's WAL).
    private func attempt() throws -> SQLiteConnection {
        var tries = 0
        while true {
            do {
                return try setUp()
            } catch let error as DatabaseError where error.kind == .busy && tries < 100 {
                tries += 1
                usleep(20_000)
            }
        }
    }

    private func setUp() throws -> SQLiteConnection {
        try createPrivately()
        let connection = try SQLiteConnection(path: url.path)
        let mode = try connection.texts("PRAGMA journal_mode = WAL").first ?? ""
        guard mode.lowercased() == "wal" else {
            throw DatabaseError(.other, "\(url.lastPathComponent): could not switch to WAL (journal mode is \(mode))")
        }
        try connection.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        if quickCheck {
            let problems = try connection.texts("PRAGMA quick_check(3)")
            if problems != ["ok"] {
                throw DatabaseError(.corrupt, "quick_check: " + problems.joined(separator: "; "))
            }
        }
        try migrator.migrate(connection)
        return connection
    }

    /// Creates the folder (0700) and an empty file (0600) when missing, so SQLite never makes a readable one.
    private func createPrivately() throws {
        let folder = url.deletingLastPathComponent().path
        do {
            try PosixFile.makeFolder(folder)
        } catch {
            throw DatabaseError(.open, "cannot create \(folder): \(SessionStoreError.reason(error))")
        }
        do {
            try PosixFile.createIfMissing(url.path, mode: 0o600)
        } catch {
            throw DatabaseError(.open, "cannot create \(url.path): \(SessionStoreError.reason(error))")
        }
    }

    /// Moves the file (and its `-wal`, `-shm`) to `corrupt/`; nil when another process already had.
    private func moveAside() throws -> URL? {
        let folder = url.deletingLastPathComponent().appendingPathComponent("corrupt", isDirectory: true)
        do {
            return try CorruptFolder.moveAside(url, into: folder, at: now(), companions: ["-wal", "-shm"])
        } catch {
            throw DatabaseError(.open, "\(url.lastPathComponent) is damaged and could not be moved aside "
                + "(\(SessionStoreError.reason(error))); left as it is")
        }
    }
}
