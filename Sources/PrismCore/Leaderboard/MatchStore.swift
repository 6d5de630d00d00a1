import Foundation

/// The user's verdicts in `prism.db` (`matches`, schema step 6): written when a compare round
/// is picked, tied or called all bad, or a reply gets a thumb; read back for the leaderboard.
public final class MatchStore: @unchecked Sendable {
    public let database: DatabaseHandle

    /// On a connection shared with other stores (the spend ledger, route health).
    public init(database: DatabaseHandle) {
        self.database = database
    }

    /// In Prism's state folder (`prism.db`).
    public convenience init(paths: PrismPaths) {
        self.init(database: DatabaseHandle(file: PrismDatabase.url(paths: paths)))
    }

    /// Adds the rows of one verdict in one transaction.
    public func record(_ records: [MatchRecord]) throws {
        guard !records.isEmpty else { return }
        func text(_ s: String?) -> SQLiteStatement.Value { s.map { .text($0) } ?? .null }
        try database.write { db in
            let insert = try db.prepare("""
                INSERT INTO matches (created_at, session_id, round_id, tag, kind, winner, loser, blind, weight)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                """)
            for r in records {
                try insert.bind([.int(RouteHealth.millis(r.at)), text(r.sessionID), text(r.roundID), .text(r.tag.rawValue),
                                 .text(r.kind.rawValue), text(r.winner), text(r.loser), .int(r.blind ? 1 : 0), .real(r.weight)]).run()
            }
        }
    }

    /// Moves a round's verdicts and its replies in the reply history to `tag` (the user's
    /// correction: `tag_source` becomes 'user'); returns how many verdict rows changed.
    @discardableResult
    public func retag(roundID: String, to tag: PromptTag) throws -> Int {
        try database.write { db in
            try db.prepare("UPDATE matches SET tag = ?1 WHERE round_id = ?2").bind([.text(tag.rawValue), .text(roundID)]).run()
            let changed = Int(try db.scalarInt("SELECT changes()") ?? 0)
            try db.prepare("UPDATE replies SET tag = ?1, tag_source = 'user' WHERE round_id = ?2")
                .bind([.text(tag.rawValue), .text(roundID)]).run()
            return changed
        }
    }

    /// Every verdict, oldest first (of `tag` only, when given).
    public func all(tag: PromptTag? = nil) throws -> [MatchRecord] {
        try database.read { db in
            let statement = try db.prepare("""
                SELECT created_at, session_id, round_id, tag, kind, winner, loser, blind, weight
                FROM matches WHERE ?1 IS NULL OR tag = ?1 ORDER BY created_at, id
                """)
            try statement.bind([tag.map { .text($0.rawValue) } ?? .null])
            return try statement.rows { row in
                MatchRecord(at: RouteHealth.date(millis: row.int(0)), sessionID: row.text(1), roundID: row.text(2),
                            tag: PromptTag(rawValue: row.text(3) ?? "") ?? .chat, kind: MatchRecord.Kind(rawValue: row.text(4) ?? "") ?? .pick,
                            winner: row.text(5), loser: row.text(6), blind: row.int(7) != 0, weight: row.double(8))
            }
        }
    }
}
