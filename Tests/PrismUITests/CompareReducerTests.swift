import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Five models in the catalog.
private final class CompareHarness: ReducerHarness, @unchecked Sendable {
    init(size: Size = Size(width: 120, height: 40)) {
        super.init(size: size)
        state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "b/two"), ModelInfo(id: "c/three"), ModelInfo(id: "d/four"),
                         ModelInfo(id: "e/five")]
    }

    /// Marks the picker rows at these indexes with Ctrl-T and presses Enter.
    @discardableResult
    func compare(_ rows: [Int]) -> [Effect] {
        key(.ctrl("p"))
        for row in rows {
            state.picker.selection = row
            key(.ctrl("t"))
        }
        return key(Key(.enter))
    }

    func finish(_ requestID: Int, _ text: String, failure: ReplyFailure? = nil) {
        finish(requestID, text, cost: "0.001", failure: failure)
    }
}

private func streams(_ effects: [Effect]) -> [(Int, ChatRequest)] {
    effects.compactMap { if case .startStream(let id, let r, _) = $0 { (id, r) } else { nil } }
}

@Suite("Reducer: compare mode")
struct CompareReducerTests {
    @Test func ctrlTMarksModelsAndEnterEntersCompareMode() {
        let h = CompareHarness()
        h.compare([0, 2])
        #expect(h.state.comparedModels == ["a/one", "c/three"])
        #expect(h.state.session.compare?.models == ["a/one", "c/three"])
        #expect(h.state.focus == .prompt)
        #expect(h.state.picker.marked.isEmpty)
    }

    @Test func enterWithoutMarksStillChoosesOneModel() {
        let h = CompareHarness()
        h.key(.ctrl("p"))
        h.state.picker.selection = 1
        h.key(Key(.enter))
        #expect(!h.state.isComparing)
        #expect(h.state.session.model == "b/two")
    }

    @Test func aFifthModelIsRefusedAndOneIsNotEnough() {
        let h = CompareHarness()
        h.key(.ctrl("p"))
        for row in 0..<5 { h.state.picker.selection = row; h.key(.ctrl("t")) }
        #expect(h.state.picker.marked.count == 4)
        #expect(h.state.notice?.kind == .error)
        h.state.picker.selection = 0; h.key(.ctrl("t")); h.key(.ctrl("t")) // unmark and mark again
        #expect(h.state.picker.marked.last == "a/one")
        h.state.picker.marked = ["a/one"]
        h.key(Key(.enter))
        #expect(!h.state.isComparing && h.state.focus == .picker)
    }

    @Test func sendingStartsOneStreamPerPaneAndEventsGoToTheirPane() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("hi")
        let effects = h.key(Key(.enter))
        let started = streams(effects)
        #expect(started.map(\.0) == [1, 2])
        #expect(started.map(\.1.model) == ["a/one", "b/two"])
        #expect(started.allSatisfy { $0.1.messages.map(\.content) == ["hi"] })
        #expect(effects.contains { if case .saveSession = $0 { true } else { false } })
        h.send(.completion(requestID: 2, event: .contentDelta("two")))
        h.send(.completion(requestID: 1, event: .contentDelta("one")))
        #expect(h.state.session.thread(ofLane: 0).last?.content == "one")
        #expect(h.state.session.thread(ofLane: 1).last?.content == "two")
        #expect(h.state.lanes.allSatisfy { $0.stream?.firstTokenAt != nil })
        h.finish(1, "one")
        #expect(h.state.lanes[0].stream == nil && h.state.lanes[1].stream != nil)
        #expect(h.state.isStreaming)
        h.finish(2, "two")
        #expect(!h.state.isStreaming)
        #expect(h.state.session.thread(ofLane: 1).last?.status == .complete)
    }

    @Test func followUpsSendEachModelItsOwnThread() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q1"); h.key(Key(.enter))
        h.finish(1, "from one"); h.finish(2, "from two")
        h.type("q2")
        let started = streams(h.key(Key(.enter)))
        #expect(started[0].1.messages.map(\.content) == ["q1", "from one", "q2"])
        #expect(started[1].1.messages.map(\.content) == ["q1", "from two", "q2"])
    }

    @Test func aFailingPaneShowsItsErrorWhileTheOtherCarriesOn() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q"); h.key(Key(.enter))
        h.finish(1, "part", failure: ReplyFailure(kind: .stream, code: "502", message: "upstream died"))
        #expect(h.state.session.thread(ofLane: 0).last?.status == .failed)
        #expect(h.state.notice?.text.contains("a/one") == true)
        h.send(.completion(requestID: 2, event: .contentDelta("still here")))
        #expect(h.state.session.thread(ofLane: 1).last?.content == "still here")
    }

    @Test func escCancelsTheFocusedPaneAndCtrlCCancelsAll() {
        let h = CompareHarness()
        h.compare([0, 1, 2])
        h.type("q"); h.key(Key(.enter))
        h.key(Key(.right, .alt))
        #expect(h.state.focusedLane == 1)
        let esc = h.key(Key(.escape))
        #expect(esc.first == .cancelStream(requestID: 2))
        #expect(h.state.session.thread(ofLane: 1).last?.status == .cancelled)
        #expect(h.state.lanes[0].stream != nil)
        h.send(.completion(requestID: 2, event: .contentDelta("late")))
        #expect(h.state.session.thread(ofLane: 1).last?.content == "")
        let all = h.key(.ctrl("c"))
        #expect(all.filter { if case .cancelStream = $0 { true } else { false } }.count == 2)
        #expect(!h.state.isStreaming && !h.state.quitRequested)
    }

    @Test func focusKeysAndScrollLock() {
        let h = CompareHarness()
        h.compare([0, 1, 2])
        h.key(Key(.left, .alt))
        #expect(h.state.focusedLane == 2, "wraps around")
        h.key(.alt("1"))
        #expect(h.state.focusedLane == 0)
        h.key(Key(.pageUp))
        #expect(h.state.lanes.map(\.view.pendingScroll.count) == [1, 0, 0])
        h.key(.alt("l"))
        h.key(Key(.pageUp))
        #expect(h.state.lanes.map(\.view.pendingScroll.count) == [2, 1, 1])
    }

    @Test func compareKeysOutsideCompareModeKeepTheirOldUse() {
        let h = CompareHarness()
        h.type("ab")
        h.key(Key(.left, .alt))
        h.type("X")
        #expect(h.state.prompt.text == "aXb")
    }

    @Test func aPressInsideAPaneFocusesIt() throws {
        let h = CompareHarness()
        h.compare([0, 1])
        let layout = try #require(CompareLayout.of(h.state))
        #expect(layout.mode == .columns)
        let right = try #require(layout.panes[1])
        h.send(.input(.mouse(MouseEvent(kind: .press(button: 1), position: Point(x: right.x + 2, y: right.y + 3)))))
        #expect(h.state.focusedLane == 1)
    }

    @Test func pickingAPaneContinuesWithThatModel() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q"); h.key(Key(.enter))
        h.key(.alt("p"))
        #expect(h.state.isComparing, "refused while streaming")
        h.finish(1, "one"); h.finish(2, "two")
        h.key(.alt("2"))
        let effects = h.key(.alt("p"))
        #expect(!h.state.isComparing && h.state.session.compare == nil)
        #expect(h.state.session.model == "b/two")
        #expect(h.state.session.currentBranch.last?.content == "two")
        #expect(effects.contains { if case .saveSession(let s) = $0 { s.compare == nil } else { false } })
        h.type("next")
        let started = streams(h.key(Key(.enter)))
        #expect(started.count == 1 && started[0].1.messages.map(\.content) == ["q", "two", "next"])
    }

    @Test func regenerateRerunsOnlyTheFocusedPane() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q"); h.key(Key(.enter))
        h.finish(1, "one"); h.finish(2, "two")
        h.key(.alt("2"))
        let started = streams(h.key(.ctrl("g")))
        #expect(started.count == 1 && started[0].1.model == "b/two")
        let leaf = h.state.session.compare?.leafIDs[1] ?? nil
        #expect(h.state.session.siblings(of: leaf ?? "").count == 3)
    }

    @Test func modelsCanBeAddedAndDroppedBetweenRounds() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q"); h.key(Key(.enter))
        h.finish(1, "one"); h.finish(2, "two")
        h.key(.ctrl("p"))
        #expect(h.state.picker.marked == ["a/one", "b/two"])
        h.state.picker.selection = 0; h.key(.ctrl("t"))
        h.state.picker.selection = 3; h.key(.ctrl("t"))
        h.key(Key(.enter))
        #expect(h.state.comparedModels == ["b/two", "d/four"])
        #expect(h.state.session.thread(ofLane: 0).last?.content == "two")
    }

    @Test func resumingASessionInCompareModeRestoresThePanes() {
        let h = CompareHarness()
        var saved = Session(id: "s1", createdAt: Date(timeIntervalSince1970: 0))
        saved.startCompare(models: ["a/one", "b/two", "c/three"])
        var n = 0
        saved.appendRound("q", at: Date(timeIntervalSince1970: 1), makeID: { n += 1; return "r\(n)" })
        h.send(.sessionLoaded(saved))
        #expect(h.state.comparedModels == ["a/one", "b/two", "c/three"])
        let fresh = AppState(size: Size(width: 80, height: 24), session: saved, demo: false, theme: "dark", now: Date())
        #expect(fresh.lanes.count == 3)
    }

    @Test func slashCompareEntersCompareMode() {
        let h = CompareHarness()
        h.type("/compare a/one e/five"); h.key(Key(.enter))
        #expect(h.state.comparedModels == ["a/one", "e/five"])
    }
}

extension CompareReducerTests {
    @Test func flippingVersionsStaysWithinTheFocusedModel() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q"); h.key(Key(.enter))
        h.finish(1, "one"); h.finish(2, "two")
        h.key(.alt("2"))
        h.key(.ctrl("g"))
        h.finish(3, "two again")
        #expect(h.state.session.thread(ofLane: 1).last?.content == "two again")
        h.key(.alt("["))
        #expect(h.state.session.thread(ofLane: 1).last?.content == "two", "never the other model's reply")
        h.key(.alt("["))
        #expect(h.state.session.thread(ofLane: 1).last?.content == "two again")
        #expect(h.state.session.thread(ofLane: 0).last?.content == "one")
    }

    @Test func aPressOnATabFocusesItInTheNarrowLayout() throws {
        let h = CompareHarness(size: Size(width: 60, height: 20))
        h.compare([0, 1, 2])
        let layout = try #require(CompareLayout.of(h.state))
        #expect(layout.mode == .tabs)
        let strip = try #require(layout.tabs)
        let second = DisplayWidth.of(CompareTabs.labels(["a/one"])[0]) + 1
        h.send(.input(.mouse(MouseEvent(kind: .press(button: 1), position: Point(x: strip.x + second + 1, y: strip.y)))))
        #expect(h.state.focusedLane == 1)
        #expect(CompareLayout.of(h.state)?.panes.map { $0 != nil } == [false, true, false])
        h.send(.input(.resize(Size(width: 200, height: 50))))
        #expect(CompareLayout.of(h.state)?.mode == .columns, "a wider terminal switches to columns")
    }
}

extension CompareReducerTests {
    @Test func transcriptKeysActOnTheFocusedPane() {
        let h = CompareHarness()
        h.compare([0, 1])
        h.type("q"); h.key(Key(.enter))
        h.finish(1, "one"); h.finish(2, "two")
        h.key(.alt("2"))
        h.key(Key(.tab))
        #expect(h.state.focus == .transcript)
        #expect(h.state.lane.view.selectedMessageID == h.state.session.compare?.leafIDs[1])
        #expect(h.key(.char("y")) == [.copyToClipboard("two")])
        h.key(.char("["))
        #expect(h.state.session.message(h.state.lane.view.selectedMessageID ?? "")?.role == .user)
        #expect(h.state.lanes[1].view.pendingScroll.count == 1)
        #expect(h.state.lanes[0].view.pendingScroll.isEmpty == true)
    }
}

extension CompareReducerTests {
    @Test func aRecordWithTooManyModelsIsDroppedOnLoad() {
        var odd = Session(id: "s2", createdAt: Date(timeIntervalSince1970: 0), model: "a/one")
        odd.compare = CompareRecord(models: ["a", "b", "c", "d", "e"], leafIDs: [])
        let state = AppState(size: Size(width: 80, height: 24), session: odd, demo: false, theme: "dark", now: Date())
        #expect(!state.isComparing && state.lanes.count == 1)
    }
}
