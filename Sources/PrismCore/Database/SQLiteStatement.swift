import CSQLite
import Foundation

/// One prepared statement: typed binds in, typed columns out, finalized when released.
///
/// Binds are by position from 1, as in SQLite. A statement belongs to its connection and
/// is used on the thread that holds the connection's lock.
public final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection
    let sql: String

    init(_ connection: SQLiteConnection, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw connection.error(rc, doing: "prepare \(sql.prefix(40))")
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// A value that can be bound to a `?`.
    public enum Value: Sendable, Equatable {
        case null
        case int(Int64)
        case real(Double)
        case text(String)
    }

    /// Binds `values` to `?1`, `?2`, … after clearing any earlier binds and resetting.
    @discardableResult
    public func bind(_ values: [Value]) throws -> SQLiteStatement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .int(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, SQLiteStatement.transient)
            }
            guard rc == SQLITE_OK else { throw connection.error(rc, doing: "bind") }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw connection.error(rc, doing: "run") }
    }

    /// Steps to the next row: true when there is one to read.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else { throw connection.error(rc, doing: "query") }
        return false
    }

    /// Every row, each read by `read`.
    public func rows<T>(_ read: (SQLiteStatement) throws -> T) throws -> [T] {
        var result: [T] = []
        while try step() { result.append(try read(self)) }
        return result
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: bytes)
    }

    /// The bytes of a text column, without making a `String` (nil for NULL); valid only inside `body`.
    public func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let bytes = sqlite3_column_text(handle, column) else { return body(nil) }
        return body(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// Money stored as integer pico-dollars (`Money`); NULL reads as nil.
    public func money(_ column: Int32) -> Decimal? {
        optionalInt(column).map(Money.decimal(pico:))
    }

    /// SQLite copies the bytes of a bound string at once (`SQLITE_TRANSIENT`).
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
