import Foundation
import Testing
@testable import PrismCore

/// Compare mode in the message tree: one shared first prompt, then one thread per model.
struct SessionCompareTests {
    private func ids() -> () -> String {
        var n = 0
        return { n += 1; return "c\(n)" }
    }

    @Test func firstRoundSharesOnePromptAndRepliesAreSiblings() {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two", "c/three"])
        let make = ids()
        let replies = s.appendCompareRound("hello", at: sessionTestDate(1), makeID: make)
        #expect(replies == ["c2", "c3", "c4"])
        #expect(s.children(of: nil).map(\.content) == ["hello"])
        #expect(s.children(of: "c1").map(\.modelRequested) == ["a/one", "b/two", "c/three"])
        #expect(s.children(of: "c1").allSatisfy { $0.status == .streaming })
        #expect(s.compare?.leafIDs == ["c2", "c3", "c4"])
        #expect(s.title == "hello")
    }

    @Test func followUpsContinueEachModelsOwnThread() {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        let make = ids()
        s.appendCompareRound("first", at: sessionTestDate(1), makeID: make)
        s.appendCompareRound("second", at: sessionTestDate(2), makeID: make)
        let one = s.compareThread(0), two = s.compareThread(1)
        #expect(one.map(\.content) == ["first", "", "second", ""])
        #expect(one.map(\.id) == ["c1", "c2", "c4", "c5"])
        #expect(two.map(\.id) == ["c1", "c3", "c6", "c7"], "the second model never sees the first one's reply")
        #expect(ChatRequest.messages(for: s, upTo: "c7").map(\.content) == ["first", "second"], "empty replies are left out")
    }

    @Test func retryAddsASiblingInThatThreadOnly() throws {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        let make = ids()
        s.appendCompareRound("q", at: sessionTestDate(1), makeID: make)
        let added = s.appendCompareRetry(pane: 1, at: sessionTestDate(2), makeID: make)
        let retry = try #require(added)
        #expect(s.siblings(of: retry).map(\.id) == ["c2", "c3", retry])
        #expect(s.compare?.leafIDs == ["c2", retry])
        #expect(s.message(retry)?.modelRequested == "b/two")
    }

    @Test func pickingAPaneContinuesWithThatModelAlone() {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "x/old")
        s.startCompare(models: ["a/one", "b/two"])
        s.appendCompareRound("q", at: sessionTestDate(1), makeID: ids())
        s.pickCompare(1)
        #expect(s.compare == nil)
        #expect(s.model == "b/two")
        #expect(s.currentBranch.map(\.id) == ["c1", "c3"])
        #expect(s.siblings(of: "c3").count == 2, "the other reply stays as a sibling")
    }

    @Test func addingAModelStartsItAtTheBaseAndDroppingKeepsTheRest() {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.append(Message(id: "p", parentID: nil, role: .user, content: "before", createdAt: sessionTestDate()))
        s.startCompare(models: ["a/one", "b/two"])
        s.appendCompareRound("q", at: sessionTestDate(1), makeID: ids())
        s.setCompareModels(["b/two", "c/new"])
        #expect(s.compare?.models == ["b/two", "c/new"])
        #expect(s.compare?.leafIDs == ["c3", "p"])
        #expect(s.compare?.baseID == "p")
    }

    @Test func theRecordRoundTripsAndOldFilesStillLoad() throws {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        s.appendCompareRound("q", at: sessionTestDate(1), makeID: ids())
        let back = try SessionCodec.decode(try SessionCodec.encode(s))
        #expect(back.compare == s.compare)
        #expect(back.messages.map(\.id) == s.messages.map(\.id))
        #expect(back.compare?.leafIDs == ["c2", "c3"])

        let old = #"{"version":1,"id":"a","created_at":"2026-11-22T02:51:00Z","messages":[]}"#
        #expect(try SessionCodec.decode(Data(old.utf8)).compare == nil)
        let odd = #"{"version":1,"id":"a","created_at":"2026-11-22T02:51:00Z","compare":{"models":["x","y"],"leaf_ids":[7]}}"#
        let lenient = try SessionCodec.decode(Data(odd.utf8))
        #expect(lenient.compare?.models == ["x", "y"])
        #expect(lenient.compare?.leafIDs == [nil, nil])
        let broken = #"{"version":1,"id":"a","created_at":"2026-11-22T02:51:00Z","compare":"nope"}"#
        #expect(try SessionCodec.decode(Data(broken.utf8)).compare == nil)
    }
}
