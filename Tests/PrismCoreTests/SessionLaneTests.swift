import Foundation
import Testing
@testable import PrismCore

/// Lanes in the message tree: single chat is one lane; compare mode has one shared first
/// prompt, then one thread per model.
struct SessionLaneTests {
    private func ids() -> () -> String {
        var n = 0
        return { n += 1; return "c\(n)" }
    }

    @Test func firstRoundSharesOnePromptAndRepliesAreSiblings() {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two", "c/three"])
        let make = ids()
        let replies = s.appendRound("hello", at: sessionTestDate(1), makeID: make)
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
        s.appendRound("first", at: sessionTestDate(1), makeID: make)
        s.appendRound("second", at: sessionTestDate(2), makeID: make)
        let one = s.thread(ofLane: 0), two = s.thread(ofLane: 1)
        #expect(one.map(\.content) == ["first", "", "second", ""])
        #expect(one.map(\.id) == ["c1", "c2", "c4", "c5"])
        #expect(two.map(\.id) == ["c1", "c3", "c6", "c7"], "the second model never sees the first one's reply")
        #expect(ChatRequest.messages(for: s, upTo: "c7").map(\.content) == ["first", "second"], "empty replies are left out")
    }

    @Test func retryAddsASiblingInThatThreadOnly() throws {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        let make = ids()
        s.appendRound("q", at: sessionTestDate(1), makeID: make)
        let added = s.appendRetry(lane: 1, at: sessionTestDate(2), makeID: make)
        let retry = try #require(added)
        #expect(s.siblings(of: retry).map(\.id) == ["c2", "c3", retry])
        #expect(s.compare?.leafIDs == ["c2", retry])
        #expect(s.message(retry)?.modelRequested == "b/two")
    }

    @Test func pickingAPaneContinuesWithThatModelAlone() {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "x/old")
        s.startCompare(models: ["a/one", "b/two"])
        s.appendRound("q", at: sessionTestDate(1), makeID: ids())
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
        s.appendRound("q", at: sessionTestDate(1), makeID: ids())
        s.setCompareModels(["b/two", "c/new"])
        #expect(s.compare?.models == ["b/two", "c/new"])
        #expect(s.compare?.leafIDs == ["c3", "p"])
        #expect(s.compare?.baseID == "p")
    }

    @Test func theRecordRoundTripsAndOldFilesStillLoad() throws {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        s.appendRound("q", at: sessionTestDate(1), makeID: ids())
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

    @Test func aSingleLaneRoundGoesUnderTheLeafOrBesideAnEditedPrompt() {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "a/one")
        let make = ids()
        #expect(s.laneCount == 1 && s.laneModels == ["a/one"])
        #expect(s.appendRound("first", at: sessionTestDate(1), makeID: make) == ["c2"])
        #expect(s.appendRound("second", at: sessionTestDate(2), makeID: make) == ["c4"])
        #expect(s.thread(ofLane: 0).map(\.id) == ["c1", "c2", "c3", "c4"])
        #expect(s.message("c4")?.modelRequested == "a/one" && s.message("c4")?.status == .streaming)
        // Editing the first prompt sends a new root beside it; the old version stays.
        #expect(s.appendRound("first, again", siblingOf: "c1", at: sessionTestDate(3), makeID: make) == ["c6"])
        #expect(s.children(of: nil).map(\.content) == ["first", "first, again"])
        #expect(s.thread(ofLane: 0).map(\.id) == ["c5", "c6"])
        // Without a model nothing is added.
        var none = Session(id: "n", createdAt: sessionTestDate())
        #expect(none.appendRound("hi", at: sessionTestDate(1), makeID: make).isEmpty && none.messages.isEmpty)
    }

    @Test func retryingALaneAddsASiblingWithThatLanesModel() {
        var single = Session(id: "s", createdAt: sessionTestDate(), model: "a/one")
        single.appendRound("q", at: sessionTestDate(1), makeID: ids())
        single.model = "b/two"
        let retry = single.appendRetry(lane: 0, at: sessionTestDate(2), makeID: { "r" })
        #expect(retry == "r" && single.message("r")?.parentID == "c1" && single.message("r")?.modelRequested == "b/two")
        #expect(single.leaf(ofLane: 0) == "r")
        #expect(single.appendRetry(lane: 1, at: sessionTestDate(3), makeID: { "x" }) == nil, "single chat has one lane")
    }

    @Test func showingAnotherVersionInAPaneFollowsThatVersionsOwnThread() {
        var s = Session(id: "s", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        let make = ids()
        s.appendRound("q", at: sessionTestDate(1), makeID: make) // c1 prompt, c2 and c3 replies
        s.appendRound("more", at: sessionTestDate(2), makeID: make) // c4 → c5 under c2, c6 → c7 under c3
        let retry = s.appendRetry(lane: 0, at: sessionTestDate(3), makeID: make) // c8 beside c5
        #expect(retry == "c8" && s.leaf(ofLane: 0) == "c8")
        s.showVersion("c5", inLane: 0)
        #expect(s.leaf(ofLane: 0) == "c5" && s.leaf(ofLane: 1) == "c7")
        s.showVersion("c2", inLane: 0)
        #expect(s.leaf(ofLane: 0) == "c8", "the newest message under that version")
        #expect(s.lastReply(inLane: 1)?.id == "c7")
    }
}
