import Foundation
import Testing
@testable import PrismCore

@Suite("Database")
struct DatabaseTests {
    static let fixedNow = StateFileTests.fixedNow
    static let stamp = StateFileTests.stamp

    @Test func aFreshFileRunsEveryStepOnceAndIsPrivate() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let (db, notice) = try PrismDatabase.open(sandbox.database)
        #expect(notice == nil)
        #expect(try Migrator.version(of: db) == PrismDatabase.migrator.latest)
        #expect(try db.texts("PRAGMA journal_mode") == ["wal"])
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        let tables = try db.texts("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")
        #expect(tables == ["matches", "matches_by_round", "matches_by_tag", "meta", "replies", "replies_by_reply", "replies_by_round",
                           "replies_by_time", "route_by_model", "route_by_time", "route_outcomes", "spend_buckets", "spend_by_time",
                           "spend_entries", "spend_reserved"])
        try db.execute("INSERT INTO meta VALUES ('x', 'y')")
        for file in ["prism.db", "prism.db-wal", "prism.db-shm"] {
            #expect(StateFileTests.mode(sandbox.state.appendingPathComponent(file).path) == 0o600, "\(file)")
        }
        #expect(StateFileTests.mode(sandbox.state.path) == 0o700)
        // Opening again runs nothing: the step that creates `meta` would fail if it ran twice.
        let (again, _) = try PrismDatabase.open(sandbox.database)
        #expect(try again.scalarInt("SELECT count(*) FROM meta") == 1)
    }

    @Test func aVersion1FileIsUpgradedKeepingItsRows() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let v1 = Migrator(steps: Array(PrismDatabase.migrator.steps.prefix(1)))
        let (old, _) = try SQLiteFile(url: sandbox.database, migrator: v1).open()
        try old.execute("""
            INSERT INTO spend_entries (started_at, model, source, state, cost_pico) VALUES (1, 'a/b', 'ask', 'settled', 5)
            """)
        #expect(try Migrator.version(of: old) == 1)
        let (db, notice) = try PrismDatabase.open(sandbox.database)
        #expect(notice == nil)
        #expect(try Migrator.version(of: db) == PrismDatabase.migrator.latest)
        #expect(try db.scalarInt("SELECT cost_pico FROM spend_entries WHERE model = 'a/b'") == 5)
        #expect(try db.scalarInt("SELECT settled_pico FROM spend_buckets") == 5, "v3 added up the rows already there")
        #expect(try db.texts("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
                == ["matches_by_round", "matches_by_tag", "replies_by_reply", "replies_by_round", "replies_by_time", "route_by_model",
                    "route_by_time", "spend_by_time", "spend_reserved"])
    }

    @Test func aFailingStepRollsBackAndSaysWhichInOneLine() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let next = PrismDatabase.migrator.latest + 1
        let broken = Migrator(steps: PrismDatabase.migrator.steps + [.init(version: next, name: "broken", sql: "CREATE TABLE meta (x)")])
        #expect {
            try SQLiteFile(url: sandbox.database, migrator: broken).open()
        } throws: { error in
            let text = "\(error)"
            return text.contains("migration v\(next) (broken) failed") && text.contains("already exists") && !text.contains("\n")
        }
        let (db, _) = try PrismDatabase.open(sandbox.database)
        #expect(try Migrator.version(of: db) == next - 1, "the shipped steps committed, the broken one rolled back")
    }

    @Test func aFileFromANewerPrismIsKeptAsideAndANewOneStarted() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        do {
            let (db, _) = try PrismDatabase.open(sandbox.database)
            try db.execute("INSERT INTO meta VALUES ('mine', 'newer'); PRAGMA user_version = 9")
        }
        let (db, notice) = try PrismDatabase.open(sandbox.database, now: Self.fixedNow)
        let moved = sandbox.corrupt.appendingPathComponent("prism.db.\(Self.stamp)")
        #expect(notice == "prism.db was written by a newer Prism (schema v9; this one knows up to v\(PrismDatabase.migrator.latest)); moved to \(moved.path), starting a new one")
        #expect(try Migrator.version(of: db) == PrismDatabase.migrator.latest)
        #expect(try db.scalarInt("SELECT count(*) FROM meta") == 0)
        let kept = try SQLiteConnection(path: moved.path)
        #expect(try kept.texts("SELECT value FROM meta") == ["newer"], "the newer file is intact")
    }

    @Test func aFileThatIsNotADatabaseIsKeptAsideNeverOverwritten() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let junk = Data(repeating: 0x41, count: 4096)
        try sandbox.write(junk, to: sandbox.database)
        let moved = sandbox.corrupt.appendingPathComponent("prism.db.\(Self.stamp)")
        do {
            let (db, notice) = try PrismDatabase.open(sandbox.database, now: Self.fixedNow)
            #expect(notice?.hasPrefix("prism.db is damaged (") == true && notice?.hasSuffix("moved to \(moved.path), starting a new one") == true,
                    "\(notice ?? "none")")
            #expect(notice?.contains("\n") == false)
            #expect(try Data(contentsOf: moved) == junk)
            #expect(try Migrator.version(of: db) == PrismDatabase.migrator.latest)
        }
        // A second damaged file does not replace the first one kept aside.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sandbox.database.path + suffix) }
        try sandbox.write(junk, to: sandbox.database)
        let (_, second) = try PrismDatabase.open(sandbox.database, now: Self.fixedNow)
        #expect(second?.contains("prism.db.\(Self.stamp)-1") == true)
        #expect(sandbox.names(sandbox.corrupt).filter { !$0.contains("-wal") && !$0.contains("-shm") }
            == ["prism.db.\(Self.stamp)", "prism.db.\(Self.stamp)-1"])
        #expect(try Data(contentsOf: moved) == junk)
    }

    @Test func aFileFailingQuickCheckIsKeptAside() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        do {
            let (db, _) = try PrismDatabase.open(sandbox.database)
            try db.execute("PRAGMA journal_mode = DELETE")
            let insert = try db.prepare("INSERT INTO spend_entries (started_at, model, source, state, cost_pico) VALUES (?1, ?2, 'ask', 'settled', 1)")
            try db.transaction {
                for i in 0..<2_000 { try insert.bind([.int(Int64(i)), .text("model/\(i)-" + String(repeating: "x", count: 40))]).run() }
            }
        }
        // Scribble over the middle of the file, past the header and the schema page.
        let handle = try FileHandle(forUpdating: sandbox.database)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xFF, count: 8192))
        try handle.close()
        let (db, notice) = try PrismDatabase.open(sandbox.database, now: Self.fixedNow)
        #expect(notice?.hasPrefix("prism.db is damaged (") == true, "\(notice ?? "none")")
        #expect(try db.scalarInt("SELECT count(*) FROM spend_entries") == 0)
        #expect(sandbox.names(sandbox.corrupt).contains("prism.db.\(Self.stamp)"))
    }

    @Test func moneyIsStoredExactly() throws {
        let amounts = ["0", "0.1", "0.2", "0.000000000001", "0.000093", "1234.567890123456", "9000000"]
        for text in amounts {
            #expect(Money.decimal(pico: try Money.pico(usd(text))) == usd(text), "\(text)")
        }
        #expect(try Money.pico(usd("0.0000000000004")) == 0, "finer than a pico-dollar rounds")
        #expect(throws: DatabaseError.self) { try Money.pico(usd("-0.01")) }
        #expect(throws: DatabaseError.self) { try Money.pico(usd("100000000")) }
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let (db, _) = try PrismDatabase.open(sandbox.database)
        let insert = try db.prepare("INSERT INTO spend_entries (started_at, model, source, state, cost_pico) VALUES (0, 'm', 'ask', 'settled', ?1)")
        try db.transaction { for _ in 0..<10 { try insert.bind([.int(try Money.pico(usd("0.1")))]).run() } }
        try insert.bind([.int(try Money.pico(usd("0.2")))]).run()
        let sum = try db.prepare("SELECT sum(cost_pico) FROM spend_entries")
        #expect(try sum.step())
        #expect(sum.money(0) == usd("1.2"))
    }
}
