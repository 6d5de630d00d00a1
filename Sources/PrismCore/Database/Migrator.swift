import Foundation

/// Versioned schema changes, tracked in SQLite's `PRAGMA user_version`.
///
/// Step N takes a database at version N-1 to N. Each step runs once, in its own
/// `BEGIN IMMEDIATE` transaction that re-reads the version first, so two processes opening
/// a fresh file at once run every step exactly once between them. A file whose version is
/// above the last step was written by a newer Prism: `DatabaseError.Kind.newerVersion`.
public struct Migrator: Sendable {
    public struct Step: Sendable {
        public var version: Int
        /// What the step does, for errors ("v2 (spend indexes)").
        public var name: String
        public var sql: String

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }
    }

    public let steps: [Step]

    public init(steps: [Step]) {
        precondition(steps.enumerated().allSatisfy { $0.element.version == $0.offset + 1 }, "steps are numbered 1, 2, 3…")
        self.steps = steps
    }

    public var latest: Int { steps.last?.version ?? 0 }

    /// Brings `connection` to the latest version; returns the version it found.
    @discardableResult
    public func migrate(_ connection: SQLiteConnection) throws -> Int {
        let found = try Self.version(of: connection)
        if found > latest { throw newer(found) }
        for step in steps where step.version > found {
            try connection.transaction {
                let now = try Self.version(of: connection)
                if now > latest { throw newer(now) }
                guard now == step.version - 1 else { return }  // another process ran it
                do {
                    try connection.execute(step.sql)
                } catch let error as DatabaseError {
                    throw DatabaseError(error.kind, code: error.code, "migration v\(step.version) (\(step.name)) failed: \(error)")
                }
                try connection.execute("PRAGMA user_version = \(step.version)")
            }
        }
        return found
    }

    public static func version(of connection: SQLiteConnection) throws -> Int {
        Int(try connection.scalarInt("PRAGMA user_version") ?? 0)
    }

    private func newer(_ found: Int) -> DatabaseError {
        DatabaseError(.newerVersion(found), "written by a newer Prism (schema v\(found); this one knows up to v\(latest))")
    }
}
