import Foundation
import Testing
@testable import PrismCore

/// Deleting part of a session's tree (with tombstones that survive merges) and forking a path out of it.
@Suite struct SessionEditsTests {
    func exchange(_ session: inout Session, _ tag: String, after parent: String?, at t: Double) {
        session.append(Message(id: "u-\(tag)", parentID: parent, role: .user, content: "question \(tag)", createdAt: sessionTestDate(t)))
        var reply = Message(id: "a-\(tag)", parentID: "u-\(tag)", role: .assistant, content: "answer \(tag)", createdAt: sessionTestDate(t + 1))
        reply.status = .complete
        session.append(reply)
    }

    @Test func deletingASubtreeMovesTheBranchToASiblingOrTheParent() {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "m")
        exchange(&s, "0", after: nil, at: 1)
        exchange(&s, "1", after: "a-0", at: 3)
        exchange(&s, "2", after: "a-0", at: 5) // an edited version of u-1
        exchange(&s, "3", after: "a-2", at: 7)
        #expect(s.deleteSubtree("u-2", at: sessionTestDate(9)) == ["u-2", "a-2", "u-3", "a-3"])
        #expect(s.currentBranch.map(\.id) == ["u-0", "a-0", "u-1", "a-1"], "the other version takes over")
        #expect(s.deleted == ["u-2", "a-2", "u-3", "a-3"])
        s.deleteSubtree("u-1", at: sessionTestDate(10))
        #expect(s.currentLeafID == "a-0", "no version left: the parent")
        #expect(s.messages.map(\.id) == ["u-0", "a-0"])
    }

    @Test func tombstonesSurviveTheFileAndOldFilesLoadWithout() throws {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "m")
        exchange(&s, "0", after: nil, at: 1)
        exchange(&s, "1", after: "a-0", at: 3)
        s.deleteSubtree("u-1", at: sessionTestDate(5))
        s.forkedFrom = ForkOrigin(sessionID: "old", title: "Old", messageID: "a-0")
        let data = try SessionCodec.encode(s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"deleted\" : [\n    \"a-1\",\n    \"u-1\"\n  ]"), "sorted, so the bytes are stable")
        #expect(try SessionCodec.decode(data) == s)
        var plain = Session(id: "p", createdAt: sessionTestDate(), model: "m")
        exchange(&plain, "0", after: nil, at: 1)
        let old = String(decoding: try SessionCodec.encode(plain), as: UTF8.self)
        #expect(!old.contains("deleted") && !old.contains("forked_from"), "a session without either writes what older versions wrote")
        let odd = old.replacingOccurrences(of: "\"id\" : \"p\"", with: "\"id\" : \"p\", \"deleted\" : 7, \"forked_from\" : [1]")
        let read = try SessionCodec.decode(Data(odd.utf8))
        #expect(read.deleted.isEmpty && read.forkedFrom == nil && read.messages.count == 2, "unreadable fields lose only themselves")
    }

    @Test func aDeletionInOneWindowIsNotUndoneByTheOthersSave() throws {
        try withSessionSandbox { sandbox in
            var base = Session(id: "20261122-025100-7f3a", createdAt: sessionTestDate(), model: "m")
            exchange(&base, "0", after: nil, at: 1)
            exchange(&base, "1", after: "a-0", at: 3)
            try sandbox.store().save(base)
            let (left, right) = (sandbox.store(), sandbox.store())
            var a = try left.load(id: base.id)
            var b = try right.load(id: base.id)
            a.deleteSubtree("u-1", at: sessionTestDate(5))
            try left.save(a)
            exchange(&b, "2", after: "a-1", at: 10) // the other window goes on under the deleted message
            let report = try right.save(b)
            #expect(report.summary.messagesRemoved == 4)
            #expect(report.merged?.currentLeafID == "a-0", "its branch moves up to what is left")
            let onDisk = try sandbox.store().load(id: base.id)
            #expect(onDisk.messages.map(\.id) == ["u-0", "a-0"])
            #expect(onDisk.deleted == ["u-1", "a-1", "u-2", "a-2"])
            // And the first window's next save does not bring anything back either.
            exchange(&a, "3", after: "a-0", at: 20)
            try left.save(a)
            #expect(try sandbox.store().load(id: base.id).messages.map(\.id) == ["u-0", "a-0", "u-3", "a-3"])
        }
    }

    @Test func aForkCopiesThePathAndRemembersItsOrigin() throws {
        var s = Session(id: "s", title: "Trip", createdAt: sessionTestDate(), model: "m")
        exchange(&s, "0", after: nil, at: 1)
        exchange(&s, "1", after: "a-0", at: 3)
        let fork = try #require(s.fork(at: "a-0", newID: "f", model: nil, at: sessionTestDate(9)))
        #expect(fork.messages.map(\.id) == ["u-0", "a-0"])
        #expect(fork.currentLeafID == "a-0")
        #expect(fork.forkedFrom == ForkOrigin(sessionID: "s", title: "Trip", messageID: "a-0"))
        #expect(fork.id == "f" && fork.title == "Trip" && fork.model == "m")
        #expect(s.fork(at: "missing", newID: "g", model: nil, at: sessionTestDate(9)) == nil)
    }
}
