import Foundation
import Testing
@testable import PrismCore

/// A session whose newest exchange is a prompt and an empty reply, as the chat screen
/// has it the moment it starts streaming.
func sessionAwaitingReply(id: String = "20261122-025100-7f3a", prompt: String = "Tell me a story") -> Session {
    var session = Session(id: id, createdAt: sessionTestDate(), model: "openai/gpt-4o")
    session.append(Message(id: "p1", parentID: nil, role: .user, content: prompt, createdAt: sessionTestDate(1)))
    var reply = Message(id: "r1", parentID: "p1", role: .assistant, content: "", createdAt: sessionTestDate(2))
    reply.modelRequested = "openai/gpt-4o"
    reply.status = .streaming
    session.append(reply)
    return session
}

/// The journal skeleton the chat screen writes: metadata plus the prompt and the reply.
func journalSkeleton(_ session: Session, replyID: String) -> Session {
    var skeleton = session
    let reply = session.message(replyID)!
    skeleton.messages = session.messages.filter { $0.id == reply.parentID || $0.id == replyID }
    return skeleton
}

@Suite struct ReplyJournalTests {
    static let awkward = ["Once \"upon\" a time,", " a back\\slash\nand a tab\t", " ✓ emoji 🎉 and \u{1B}[31m", " \u{0}\u{7} end."]

    @Test func deltaLinesRoundTripEveryCharacter() throws {
        for piece in Self.awkward + ["", "\u{2028}\u{2029}", String(repeating: "x", count: 70_000)] {
            let line = JournalRecord.content(piece)
            let data = try line.line()
            #expect(data.last == 0x0A)
            #expect(JournalRecord.parse(data.dropLast()) == line)
        }
        #expect(JournalRecord.parse(Data("{\"c\":\"torn li".utf8)) == nil)
        #expect(JournalRecord.parse(Data("garbage".utf8)) == nil)
    }

    @Test func textStreamedBeforeAKillIsRecoveredOnLoad() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            try sandbox.store().save(session)
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.metadata(model: "openai/gpt-4o-2024", provider: "OpenAI", generationID: "gen-1"))
            for piece in Self.awkward { journal.record(.contentDelta(piece)) }
            journal.record(.reasoningDelta("thinking"))
            journal.close()  // what a killed process leaves: no end line

            let store = sandbox.store()
            let loaded = try store.load(id: session.id)
            let reply = try #require(loaded.message("r1"))
            #expect(reply.content == Self.awkward.joined())
            #expect(reply.reasoning == "thinking")
            #expect(reply.provider == "OpenAI")
            #expect(reply.status == .failed)
            #expect(reply.failure?.message == Session.interruptedMessage)
            // Folded once: the file now holds the text and the journal is gone.
            #expect(!FileManager.default.fileExists(atPath: store.journals.folder(for: session.id)))
            #expect(try sandbox.store().load(id: session.id).message("r1")?.content == Self.awkward.joined())
        }
    }

    @Test func aSessionThatNeverReachedItsFileIsRebuiltAndListed() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("partial answer"))
            journal.close()

            let listing = try sandbox.store().list()
            #expect(listing.sessions.map(\.id) == [session.id])
            let loaded = try sandbox.store().load(id: session.id)
            #expect(loaded.messages.map(\.id) == ["p1", "r1"])
            #expect(loaded.currentLeafID == "r1")
            #expect(loaded.message("p1")?.content == "Tell me a story")
            #expect(loaded.message("r1")?.content == "partial answer")
        }
    }

    @Test func aFinishedReplyIsCompleteEvenIfTheSaveNeverLanded() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            try sandbox.store().save(session)
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("The end."))
            var reply = Reply()
            reply.content = "The end."
            reply.finishReason = "stop"
            reply.usage = TokenUsage(promptTokens: 5, completionTokens: 3, totalTokens: 8, cost: Decimal(string: "0.0001"))
            journal.record(.finished(reply))
            journal.record(.contentDelta(" ignored after the end"))

            let loaded = try sandbox.store().load(id: session.id).message("r1")
            #expect(loaded?.status == .complete)
            #expect(loaded?.content == "The end.")
            #expect(loaded?.usage?.completionTokens == 3)
        }
    }

    @Test func aJournalStillBeingWrittenIsShownButNotRepairedOrDeleted() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            try sandbox.store().save(session)
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("so far"))
            let reader = sandbox.store()
            let seen = try reader.load(id: session.id).message("r1")
            #expect(seen?.content == "so far")
            #expect(seen?.status == .streaming)
            #expect(FileManager.default.fileExists(atPath: journal.path))
            journal.close()
            #expect(try reader.load(id: session.id).message("r1")?.status == .failed)
        }
    }

    @Test func savingTheFinishedReplyRemovesItsJournal() throws {
        try withSessionSandbox { sandbox in
            var session = sessionAwaitingReply()
            let store = sandbox.store()
            try store.save(session)
            let journal = try #require(store.openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("abc"))
            try store.save(session)  // a save mid-stream keeps the journal
            #expect(FileManager.default.fileExists(atPath: journal.path))
            session.messages[1].content = "abc"
            session.messages[1].status = .complete
            try store.save(session)
            #expect(!FileManager.default.fileExists(atPath: journal.path))
        }
    }

    @Test func aTornLastLineIsSkipped() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("whole line"))
            journal.close()
            let handle = try #require(FileHandle(forWritingAtPath: journal.path))
            handle.seekToEndOfFile()
            handle.write(Data("{\"c\":\" half a li".utf8))
            try handle.close()
            #expect(try sandbox.store().load(id: session.id).message("r1")?.content == "whole line")
        }
    }

    @Test func deletingASessionDeletesItsJournals() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            let store = sandbox.store()
            try store.save(session)
            let journal = try #require(store.openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("text"))
            journal.close()
            try store.delete(id: session.id)
            #expect(throws: SessionStoreError.notFound(session.id)) { try sandbox.store().load(id: session.id) }
            #expect(try sandbox.store().list().sessions.isEmpty)
        }
    }
}

@Suite struct JournalStoreLockingTests {
    @Test func renamingASessionWithJournalsDoesNotWaitForItself() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            let store = sandbox.store()
            try store.save(session)
            let journal = try #require(store.openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("text"))
            journal.close()
            try sandbox.store().rename(id: session.id, title: "Renamed")
            let loaded = try sandbox.store().load(id: session.id)
            #expect(loaded.title == "Renamed")
            #expect(loaded.message("r1")?.content == "text")
        }
    }
}

@Suite struct BufferedJournalTests {
    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    @Test func aBufferedJournalWritesOnFlushAndOnFinish() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1", buffered: true))
            let header = size(journal.path)
            journal.record(.contentDelta("held back"))
            #expect(size(journal.path) == header, "nothing written before a flush")
            journal.flush()
            #expect(size(journal.path) > header)
            #expect(try sandbox.store().load(id: session.id).message("r1")?.content == "held back")
        }
    }

    @Test func linesOlderThanAQuarterSecondAreWrittenByTheNextEvent() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1", buffered: true))
            let header = size(journal.path)
            journal.record(.contentDelta("first"))
            Thread.sleep(forTimeInterval: 0.3)
            journal.record(.contentDelta(" second"))
            #expect(size(journal.path) > header, "no frame was drawn, but the text is not held longer")
            var reply = Reply()
            reply.content = "first second"
            journal.record(.finished(reply))
            #expect(try sandbox.store().load(id: session.id).message("r1")?.status == .complete)
        }
    }
}
