import Foundation

/// Why a database operation failed, as one line: what was being done, SQLite's own words,
/// and its result code (so `database is locked` and `disk I/O error` read as such).
public struct DatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Opening the file failed (permissions, a folder in the way).
        case open
        /// The file is not a database, or failed its integrity check.
        case corrupt
        /// The file was written by a newer Prism (its schema version is above ours).
        case newerVersion(Int)
        /// Another process held the database past `busy_timeout`.
        case busy
        /// A value could not be stored or read (a negative or too large amount, a wrong column type).
        case value
        /// Anything else SQLite reported.
        case other
    }

    public var kind: Kind
    public var code: Int32
    public var description: String

    public init(_ kind: Kind, code: Int32 = 0, _ description: String) {
        self.kind = kind
        self.code = code
        self.description = description
    }
}
