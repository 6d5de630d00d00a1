import Foundation
import Testing
@testable import PrismCore

/// Damaged files, files from a newer Prism, and the summary index.
struct SessionStoreRecoveryTests {
    static let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_400_000) }

    @Test func damagedFilesAreMovedAsideAndTheRestStillList() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store(now: Self.fixedNow)
            try store.save(sampleSession())
            try sandbox.write("{ this is not json", as: "20261122-000000-bad1.json")
            try sandbox.write(#"{"version": 1, "title": "no id or dates"}"#, as: "20261122-000000-bad2.json")
            let listing = try store.list()
            #expect(listing.sessions.map(\.id) == ["20261122-025100-7f3a"])
            #expect(listing.problems.count == 2)
            #expect(listing.problems[0].hasPrefix("session file 20261122-000000-bad1.json is damaged (not valid JSON)"))
            #expect(listing.problems[0].hasSuffix("moved to corrupt/20261122-000000-bad1.json.20261123T021320Z"))
            #expect(listing.problems[1].contains("missing field \"id\""))
            #expect(listing.problems.allSatisfy { !$0.contains("\n") })
            #expect(sandbox.names(in: sandbox.corrupt)
                == ["20261122-000000-bad1.json.20261123T021320Z", "20261122-000000-bad2.json.20261123T021320Z"])
            let moved = try String(contentsOf: sandbox.corrupt.appendingPathComponent("20261122-000000-bad1.json.20261123T021320Z"), encoding: .utf8)
            #expect(moved == "{ this is not json")
            // Reported once: the next listing is clean.
            #expect(try store.list().problems.isEmpty)
        }
    }

    @Test func quarantineNeverOverwrites() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store(now: Self.fixedNow)
            try sandbox.write("first", as: "20261122-000000-bad1.json")
            _ = try store.list()
            try sandbox.write("second", as: "20261122-000000-bad1.json")
            _ = try store.list()
            let names = sandbox.names(in: sandbox.corrupt)
            #expect(names == ["20261122-000000-bad1.json.20261123T021320Z", "20261122-000000-bad1.json.20261123T021320Z-1"])
            let contents = try names.map { try String(contentsOf: sandbox.corrupt.appendingPathComponent($0), encoding: .utf8) }
            #expect(contents == ["first", "second"])
        }
    }

    @Test func loadingADamagedFileQuarantinesIt() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store(now: Self.fixedNow)
            try sandbox.write(#"{"version": 1, "id": "x", "created_at": "yesterday"}"#, as: "20261122-000000-bad1.json")
            do {
                _ = try store.load(id: "20261122-000000-bad1")
                Issue.record("expected an error")
            } catch let error as SessionStoreError {
                guard case .corrupt(let file, let reason, let movedTo) = error else {
                    Issue.record("wrong error \(error)")
                    return
                }
                #expect(file == "20261122-000000-bad1.json")
                #expect(reason.contains("created_at"))
                #expect(movedTo == "corrupt/20261122-000000-bad1.json.20261123T021320Z")
            }
            #expect(!FileManager.default.fileExists(atPath: sandbox.file("20261122-000000-bad1").path))
        }
    }

    @Test func filesFromANewerPrismAreSkippedNotMoved() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            try store.save(sampleSession())
            var future = try String(decoding: SessionCodec.encode(sampleSession(id: "20261122-000000-0002")), as: UTF8.self)
            future = future.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 7")
            try sandbox.write(future, as: "20261122-000000-0002.json")
            // A newer format may have renamed required fields; its version still marks it as valid.
            try sandbox.write(#"{"version": 3, "conversation": []}"#, as: "20261122-000000-0003.json")
            for _ in 0..<2 {
                let listing = try store.list()
                #expect(listing.sessions.map(\.id) == ["20261122-025100-7f3a"])
                #expect(listing.problems == [
                    "session file 20261122-000000-0002.json was written by a newer Prism (format 7, this one reads up to 1); skipped",
                    "session file 20261122-000000-0003.json was written by a newer Prism (format 3, this one reads up to 1); skipped",
                ])
            }
            #expect(throws: SessionStoreError.newerVersion(file: "20261122-000000-0002.json", version: 7)) {
                try store.load(id: "20261122-000000-0002")
            }
            #expect(sandbox.names(in: sandbox.corrupt).isEmpty)
            #expect(sandbox.names(in: sandbox.sessions).count == 3)
        }
    }

    @Test func listingDecodesOnlyChangedFiles() throws {
        try withSessionSandbox { sandbox in
            let writer = sandbox.store()
            for i in 0..<5 { try writer.save(sampleSession(id: "20261122-00000\(i)-0000", start: Double(i))) }
            // The store that saved them already knows their summaries.
            #expect(try writer.list().sessions.count == 5)
            #expect(writer.decodeCount == 0)

            // A new process reads the index and decodes nothing.
            let reader = sandbox.store()
            #expect(try reader.list().sessions.count == 5)
            #expect(reader.decodeCount == 0)

            // Another process changes one session: only that file is decoded.
            var changed = try writer.load(id: "20261122-000002-0000")
            changed.title = "Changed elsewhere"
            try sandbox.store().save(changed)
            let listing = try reader.list()
            #expect(reader.decodeCount == 1)
            #expect(listing.sessions.first { $0.id == "20261122-000002-0000" }?.title == "Changed elsewhere")

            // A removed file drops out of the index.
            try FileManager.default.removeItem(at: sandbox.file("20261122-000004-0000"))
            #expect(try reader.list().sessions.count == 4)
            #expect(reader.decodeCount == 1)
            let index = try String(contentsOf: sandbox.paths.sessionIndex, encoding: .utf8)
            #expect(!index.contains("20261122-000004-0000"))
            #expect(index.contains("20261122-000003-0000"))
        }
    }

    @Test func indexIsRewrittenOnlyWhenSomethingChanged() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            try store.save(sampleSession())
            _ = try store.list()
            let first = try #require(PosixFile.stamp(sandbox.paths.sessionIndex.path))
            _ = try sandbox.store().list()
            _ = try store.list()
            #expect(PosixFile.stamp(sandbox.paths.sessionIndex.path) == first)
        }
    }

    @Test func damagedOrForeignIndexIsRebuilt() throws {
        try withSessionSandbox { sandbox in
            for i in 0..<3 { try sandbox.store().save(sampleSession(id: "20261122-00000\(i)-0000")) }
            try FileManager.default.createDirectory(at: sandbox.paths.cache, withIntermediateDirectories: true)
            try Data("garbage".utf8).write(to: sandbox.paths.sessionIndex)
            let store = sandbox.store()
            #expect(try store.list().sessions.count == 3)
            #expect(store.decodeCount == 3)
            let again = sandbox.store()
            #expect(try again.list().sessions.count == 3)
            #expect(again.decodeCount == 0)

            // The same index used for another sessions folder is not trusted.
            let other = FileSessionStore(folder: sandbox.root.appendingPathComponent("other"), indexFile: sandbox.paths.sessionIndex)
            try other.save(sampleSession(id: "20261122-000000-0000", title: "Other"))
            let fresh = FileSessionStore(folder: sandbox.root.appendingPathComponent("other"), indexFile: sandbox.paths.sessionIndex)
            #expect(try fresh.list().sessions.map(\.title) == ["Other"])
            let back = sandbox.store()
            #expect(try back.list().sessions.count == 3)
            #expect(back.decodeCount == 3)
        }
    }

    @Test func listingWorksWhenTheIndexCannotBeWritten() throws {
        try withSessionSandbox { sandbox in
            try FileManager.default.createDirectory(at: sandbox.root, withIntermediateDirectories: true)
            let blocker = sandbox.root.appendingPathComponent("cache-is-a-file")
            try Data().write(to: blocker)
            let store = FileSessionStore(folder: sandbox.sessions, indexFile: blocker.appendingPathComponent("index.json"))
            try store.save(sampleSession())
            let listing = try store.list()
            #expect(listing.sessions.count == 1)
            #expect(listing.problems.isEmpty)
        }
    }
}
