import Foundation
import Testing
@testable import PrismCore

/// Two windows (two stores, as two processes have) on one session file.
@Suite struct SessionMergeTests {
    func exchange(_ session: inout Session, _ tag: String, after parent: String?, at t: Double) {
        session.append(Message(id: "u-\(tag)", parentID: parent, role: .user, content: "question \(tag)", createdAt: sessionTestDate(t)))
        var reply = Message(id: "a-\(tag)", parentID: "u-\(tag)", role: .assistant, content: "answer \(tag)", createdAt: sessionTestDate(t + 1))
        reply.status = .complete
        session.append(reply)
    }

    @Test func twoWindowsBothKeepTheirExchanges() throws {
        try withSessionSandbox { sandbox in
            var base = Session(id: "20261122-025100-7f3a", createdAt: sessionTestDate(), model: "m")
            exchange(&base, "0", after: nil, at: 1)
            try sandbox.store().save(base)

            let (left, right) = (sandbox.store(), sandbox.store())
            var a = try left.load(id: base.id)
            var b = try right.load(id: base.id)
            exchange(&a, "A", after: "a-0", at: 10)
            exchange(&b, "B", after: "a-0", at: 20)
            #expect(try left.save(a).merged == nil)
            let report = try right.save(b)
            #expect(report.summary.messagesAdded == 2)
            #expect(report.summary.text == "2 messages")
            #expect(report.merged?.currentLeafID == "a-B")

            let onDisk = try sandbox.store().load(id: base.id)
            #expect(Set(onDisk.messages.map(\.id)) == ["u-0", "a-0", "u-A", "a-A", "u-B", "a-B"])
            // The first window's next save keeps the second's exchange too.
            exchange(&a, "A2", after: "a-A", at: 30)
            try left.save(a)
            #expect(try sandbox.store().load(id: base.id).messages.count == 8)
        }
    }

    @Test func aRenameElsewhereSurvivesTheNextSave() throws {
        try withSessionSandbox { sandbox in
            var session = Session(id: "20261122-025100-7f3a", title: "Old", createdAt: sessionTestDate(), model: "m")
            exchange(&session, "0", after: nil, at: 1)
            let window = sandbox.store()
            try window.save(session)
            try sandbox.store().rename(id: session.id, title: "Oslo trip")
            exchange(&session, "1", after: "a-0", at: 5)
            let report = try window.save(session)
            #expect(report.summary.fields == ["title"])
            #expect(try sandbox.store().load(id: session.id).title == "Oslo trip")
            // A title this window changes itself still wins.
            session = report.merged!
            session.title = "Mine"
            try window.save(session)
            #expect(try sandbox.store().load(id: session.id).title == "Mine")
        }
    }

    @Test func aSessionDeletedElsewhereIsNotResurrectedUnlessKept() throws {
        try withSessionSandbox { sandbox in
            var session = Session(id: "20261122-025100-7f3a", createdAt: sessionTestDate(), model: "m")
            exchange(&session, "0", after: nil, at: 1)
            let window = sandbox.store()
            try window.save(session)
            try sandbox.store().delete(id: session.id)
            #expect(throws: SessionStoreError.deletedElsewhere(id: session.id)) { try window.save(session) }
            #expect(throws: SessionStoreError.notFound(session.id)) { try sandbox.store().load(id: session.id) }
            #expect(window.openJournal(session: session, replyID: "a-0") == nil, "a journal would bring it back")
            try window.keep(session)
            #expect(try sandbox.store().load(id: session.id).messages.count == 2)
            try window.save(session)  // kept: later saves go through again
        }
    }

    @Test func aFinishedVersionBeatsAStreamingOneButNotOursWhileWeStreamIt() {
        var ours = sessionAwaitingReply()
        ours.messages[1].content = "ours so far"
        var theirs = ours
        theirs.messages[1].content = "x"
        theirs.messages[1].status = .failed
        theirs.messages[1].failure = ReplyFailure(kind: .truncated, message: Session.interruptedMessage)
        #expect(ours.merged(with: theirs, base: SessionBaseline(ours)).0.messages[1].status == .failed)
        #expect(ours.merged(with: theirs, base: SessionBaseline(ours), live: ["r1"]).0.messages[1].content == "ours so far")
        var longer = ours
        longer.messages[1].content = "ours so far, and more"
        #expect(ours.merged(with: longer, base: nil).0.messages[1].content == "ours so far, and more")
        #expect(longer.merged(with: ours, base: nil).0.messages[1].content == "ours so far, and more")
    }

    @Test func withoutABaseOursWinsEveryField() {
        let ours = Session(id: "s", title: "ours", createdAt: sessionTestDate(), model: "a")
        let theirs = Session(id: "s", title: "theirs", createdAt: sessionTestDate(-5), model: "b")
        let (merged, summary) = ours.merged(with: theirs, base: nil)
        #expect(merged.title == "ours")
        #expect(merged.model == "a")
        #expect(merged.createdAt == sessionTestDate(-5))
        #expect(summary.isEmpty)
    }
}

@Suite struct SessionMergeLagTests {
    /// The window's next snapshot is taken before it has applied the merge its last save
    /// reported: the merged-in exchange and title must not be dropped from the file.
    @Test func aSnapshotThatHasNotTakenTheMergeInDropsNothing() throws {
        try withSessionSandbox { sandbox in
            var base = Session(id: "20261122-025100-7f3a", title: "Old", createdAt: sessionTestDate(), model: "m")
            base.append(Message(id: "u0", parentID: nil, role: .user, content: "q", createdAt: sessionTestDate(1)))
            try sandbox.store().save(base)
            let window = sandbox.store()
            var mine = try window.load(id: base.id)
            var other = try sandbox.store().load(id: base.id)
            other.append(Message(id: "u-other", parentID: "u0", role: .user, content: "theirs", createdAt: sessionTestDate(2)))
            other.title = "Renamed"
            try sandbox.store().save(other)
            mine.append(Message(id: "u-mine", parentID: "u0", role: .user, content: "mine", createdAt: sessionTestDate(3)))
            #expect(try window.save(mine).merged != nil)
            // The next snapshot still lacks what the merge brought in.
            mine.append(Message(id: "u-mine2", parentID: "u-mine", role: .user, content: "mine again", createdAt: sessionTestDate(4)))
            try window.save(mine)
            let onDisk = try sandbox.store().load(id: base.id)
            #expect(Set(onDisk.messages.map(\.id)) == ["u0", "u-other", "u-mine", "u-mine2"])
            #expect(onDisk.title == "Renamed")
        }
    }
}
