import Foundation
import Testing
@testable import PrismCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private folder tree for one test: data and cache folders like `PrismPaths`, removed afterwards.
struct SessionStoreSandbox {
    let root: URL
    var paths: PrismPaths {
        PrismPaths(config: root.appendingPathComponent("config/prism"), data: root.appendingPathComponent("data/prism"),
                   cache: root.appendingPathComponent("cache/prism"), state: root.appendingPathComponent("state/prism"))
    }
    var sessions: URL { paths.sessions }
    var corrupt: URL { sessions.appendingPathComponent("corrupt") }

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-store-\(UUID().uuidString)")
    }

    func store(now: @escaping @Sendable () -> Date = { Date() }, faults: AtomicFile.FaultInjector? = nil) -> FileSessionStore {
        FileSessionStore(folder: paths.sessions, indexFile: paths.sessionIndex, now: now, faults: faults)
    }

    func file(_ id: String) -> URL { sessions.appendingPathComponent(id + ".json") }

    func write(_ text: String, as name: String) throws {
        try FileManager.default.createDirectory(at: sessions, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: sessions.appendingPathComponent(name))
    }

    /// The folder's entries, without the lock file every save takes (it is not content).
    func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != ".lock" }.sorted()
    }
}

func withSessionSandbox<T>(_ body: (SessionStoreSandbox) throws -> T) throws -> T {
    let sandbox = SessionStoreSandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.root) }
    return try body(sandbox)
}

/// 2026-11-22 02:51:00.123 UTC plus `seconds`: millisecond-exact, as session files keep them.
func sessionTestDate(_ seconds: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_795_315_860.123 + seconds)
}

/// A session with a regenerated reply: one user message, two sibling replies, a follow-up on the second.
func sampleSession(id: String = "20261122-025100-7f3a", title: String = "", start: Double = 0) -> Session {
    var session = Session(id: id, title: title, createdAt: sessionTestDate(start), systemPrompt: "Be brief.",
                          model: "openai/gpt-4o", settings: RequestSettings(maxTokens: 1000, temperature: 0.7))
    session.append(Message(id: "m1", parentID: nil, role: .user, content: "What is a monad?\nExplain simply.",
                           attachments: [Attachment.guess(path: "/tmp/diagram.png")], createdAt: sessionTestDate(start + 1)))
    var first = Message(id: "m2", parentID: "m1", role: .assistant, content: "A monad is a pattern.", createdAt: sessionTestDate(start + 2))
    var reply = Reply()
    reply.content = first.content
    reply.reasoning = "Think of Maybe."
    reply.model = "openai/gpt-4o-2024-08-06"
    reply.provider = "OpenAI"
    reply.usage = TokenUsage(promptTokens: 12, completionTokens: 30, totalTokens: 42, cost: Decimal(string: "0.000093")!)
    reply.timings = ReplyTimings(startedAt: sessionTestDate(start + 2), ttftMs: 412.5, totalMs: 1234, tokensPerSecond: 48.2, attempts: 1)
    first.apply(reply)
    session.append(first)
    var second = Message(id: "m3", parentID: "m1", role: .assistant, content: "It wraps values.", createdAt: sessionTestDate(start + 3))
    second.status = .complete
    second.modelServed = "anthropic/claude-sonnet-4"
    second.usage = TokenUsage(completionTokens: 5, cost: Decimal(string: "0.0000015")!, costIsEstimate: true)
    session.append(second)
    session.append(Message(id: "m4", parentID: "m3", role: .user, content: "Thanks", createdAt: sessionTestDate(start + 4)))
    return session
}

struct SessionStoreTests {
    @Test func savesAndLoadsATreeExactly() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            let session = sampleSession()
            try store.save(session)
            let loaded = try store.load(id: session.id)
            #expect(loaded == session)
            #expect(loaded.messages[1].usage?.cost == Decimal(string: "0.000093")!)
            #expect(loaded.siblings(of: "m2").map(\.id) == ["m2", "m3"])
            #expect(loaded.currentBranch.map(\.id) == ["m1", "m3", "m4"])
            let text = try String(contentsOf: sandbox.file(session.id), encoding: .utf8)
            #expect(text.contains("\"cost\" : 0.000093"))
            #expect(text.contains("\"created_at\" : \"2026-11-22T02:51:00.123Z\""))
            #expect(!text.lowercased().contains("api_key"))
        }
    }

    @Test func filesArePrivate() throws {
        try withSessionSandbox { sandbox in
            try sandbox.store().save(sampleSession())
            let file = try FileManager.default.attributesOfItem(atPath: sandbox.file("20261122-025100-7f3a").path)
            let folder = try FileManager.default.attributesOfItem(atPath: sandbox.sessions.path)
            #expect((file[.posixPermissions] as? Int) == 0o600)
            #expect((folder[.posixPermissions] as? Int) == 0o700)
        }
    }

    @Test(arguments: [AtomicFile.Step.create, .write, .sync, .rename])
    func failedWriteKeepsThePreviousFile(step: AtomicFile.Step) throws {
        try withSessionSandbox { sandbox in
            let original = sampleSession(title: "Original")
            try sandbox.store().save(original)
            let before = try Data(contentsOf: sandbox.file(original.id))
            let failing = sandbox.store(faults: { current in
                if current == step { throw FileFailure("test", code: ENOSPC) }
            })
            var changed = original
            changed.title = "Changed"
            #expect(throws: SessionStoreError.saveFailed(id: original.id, reason: "No space left on device")) {
                try failing.save(changed)
            }
            #expect(try Data(contentsOf: sandbox.file(original.id)) == before)
            #expect(sandbox.names(in: sandbox.sessions) == [original.id + ".json"])
            #expect(try failing.load(id: original.id).title == "Original")
        }
    }

    @Test func failureMessageIsOneClearLine() {
        let error = SessionStoreError.saveFailed(id: "20261122-025100-7f3a", reason: "No space left on device")
        #expect(error.description == "could not save session 20261122-025100-7f3a: No space left on device")
    }

    @Test func saveIntoAPathBlockedByAFileFails() throws {
        try withSessionSandbox { sandbox in
            try FileManager.default.createDirectory(at: sandbox.root, withIntermediateDirectories: true)
            let blocker = sandbox.root.appendingPathComponent("blocker")
            try Data("not a folder".utf8).write(to: blocker)
            let store = FileSessionStore(folder: blocker.appendingPathComponent("sessions"), indexFile: nil)
            #expect(throws: SessionStoreError.saveFailed(id: "20261122-025100-7f3a", reason: "Not a directory")) {
                try store.save(sampleSession())
            }
        }
    }

    @Test func interruptedReplyLoadsAsFailed() throws {
        try withSessionSandbox { sandbox in
            var session = sampleSession()
            var streaming = Message(id: "m5", parentID: "m4", role: .assistant, content: "Half a sent", createdAt: sessionTestDate(5))
            streaming.status = .streaming
            session.append(streaming)
            let store = sandbox.store()
            try store.save(session)
            let loaded = try store.load(id: session.id)
            let reply = try #require(loaded.message("m5"))
            #expect(reply.status == .failed)
            #expect(reply.failure == ReplyFailure(kind: .truncated, message: "interrupted: Prism stopped before the reply finished"))
            #expect(reply.content == "Half a sent")
            #expect(!loaded.messages.contains { $0.status == .streaming })
        }
    }

    @Test func deleteRemovesTheFile() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            try store.save(sampleSession())
            try store.save(sampleSession(id: "20261122-030000-0001"))
            try store.delete(id: "20261122-025100-7f3a")
            #expect(throws: SessionStoreError.notFound("20261122-025100-7f3a")) { try store.load(id: "20261122-025100-7f3a") }
            #expect(throws: SessionStoreError.notFound("20261122-025100-7f3a")) { try store.delete(id: "20261122-025100-7f3a") }
            #expect(try store.list().sessions.map(\.id) == ["20261122-030000-0001"])
        }
    }

    @Test func renameKeepsTheOrder() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            let session = sampleSession()
            try store.save(session)
            try store.rename(id: session.id, title: "  Monads\nexplained ")
            let loaded = try store.load(id: session.id)
            #expect(loaded.title == "Monads explained")
            #expect(loaded.updatedAt == session.updatedAt)
            #expect(try store.list().sessions.first?.title == "Monads explained")
            #expect(throws: SessionStoreError.notFound("20990101-000000-0000")) {
                try store.rename(id: "20990101-000000-0000", title: "x")
            }
        }
    }

    @Test func idsThatAreNotFileNamesAreRefused() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            for id in ["../escape", "", ".hidden", "a/b", "a b"] {
                #expect(throws: SessionStoreError.invalidID(id)) { try store.load(id: id) }
            }
            #expect(throws: SessionStoreError.invalidID("../x")) { try store.save(sampleSession(id: "../x")) }
        }
    }

    @Test func resolvesUniquePrefixes() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            for id in ["20261122-025100-7f3a", "20261122-031500-0001", "20261123-100000-abcd"] {
                try store.save(sampleSession(id: id))
            }
            #expect(try store.resolve(prefix: "20261123") == "20261123-100000-abcd")
            #expect(try store.resolve(prefix: "20261122-03") == "20261122-031500-0001")
            #expect(try store.resolve(prefix: "20261122-025100-7F3A") == "20261122-025100-7f3a")
            #expect(throws: SessionStoreError.ambiguous(prefix: "20261122",
                                                       candidates: ["20261122-031500-0001", "20261122-025100-7f3a"])) {
                try store.resolve(prefix: "20261122")
            }
            #expect(throws: SessionStoreError.notFound("2027")) { try store.resolve(prefix: "2027") }
            #expect(try store.load(matching: "20261123").id == "20261123-100000-abcd")
            let message = SessionStoreError.ambiguous(prefix: "2026", candidates: ["b", "a"]).description
            #expect(message == "\"2026\" matches 2 sessions (b, a); type more of the id")
        }
    }

    @Test func emptyFolderListsNothing() throws {
        try withSessionSandbox { sandbox in
            let listing = try sandbox.store().list()
            #expect(listing == SessionListing())
            #expect(throws: SessionStoreError.notFound("2026")) { try sandbox.store().resolve(prefix: "2026") }
        }
    }

    @Test func listsNewestFirstWithSummaries() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            try store.save(sampleSession(id: "20261122-025100-0001", start: 0))
            try store.save(sampleSession(id: "20261122-025100-0002", start: 100))
            let listing = try store.list()
            #expect(listing.problems.isEmpty)
            #expect(listing.sessions.map(\.id) == ["20261122-025100-0002", "20261122-025100-0001"])
            let summary = try #require(listing.sessions.last)
            #expect(summary.title == "What is a monad?")
            #expect(summary.messageCount == 4)
            #expect(summary.model == "openai/gpt-4o")
            #expect(summary.totalCost == Decimal(string: "0.0000945")!)
            #expect(summary.costIsEstimate)
            #expect(summary.lastPreview == "Thanks")
            #expect(summary.updatedAt == sessionTestDate(4))
        }
    }

    @Test func staleTempFilesAreCleanedUp() throws {
        try withSessionSandbox { sandbox in
            let store = sandbox.store()
            try store.save(sampleSession())
            try sandbox.write("partial", as: ".20261122-025100-7f3a.json.1.old.tmp")
            try sandbox.write("partial", as: ".20261122-025100-7f3a.json.2.new.tmp")
            var times = [timeval(tv_sec: 1_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000, tv_usec: 0)]
            #expect(utimes(sandbox.sessions.appendingPathComponent(".20261122-025100-7f3a.json.1.old.tmp").path, &times) == 0)
            let listing = try store.list()
            #expect(listing.sessions.count == 1)
            #expect(listing.problems.isEmpty)
            #expect(sandbox.names(in: sandbox.sessions) == [".20261122-025100-7f3a.json.2.new.tmp", "20261122-025100-7f3a.json"])
        }
    }

    @Test func sessionIDsAreSortableAndPredictable() {
        #expect(SessionID.make(now: Date(timeIntervalSince1970: 1_795_315_860.9), random: 0x7f3a) == "20261122-025100-7f3a")
        #expect(SessionID.make(now: Date(timeIntervalSince1970: 0), random: 1) == "19700101-000000-0001")
        #expect(SessionID.isValid(SessionID.make()))
        let a = SessionID.make(now: sessionTestDate(0), random: 0xffff)
        let b = SessionID.make(now: sessionTestDate(1), random: 0)
        #expect(a < b)
    }
}
