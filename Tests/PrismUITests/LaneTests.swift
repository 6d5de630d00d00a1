import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A 120×40 screen that has resumed `session`.
private final class LaneHarness: ReducerHarness, @unchecked Sendable {
    init(_ session: Session) {
        super.init()
        state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "demo/instant"), ModelInfo(id: "demo/aurora-mini")]
        send(.sessionLoaded(session))
    }

    func frame() -> String {
        FrameSnapshot.text(of: AppRenderer().render(&state, theme: UIFixtures.theme()), styles: .automatic)
    }
}

private func streams(_ effects: [Effect]) -> [(id: Int, request: ChatRequest)] {
    effects.compactMap { if case .startStream(let id, let r, _) = $0 { (id, r) } else { nil } }
}

/// A session file as Prism wrote it on 2026-12-02, before lanes (the format did not change).
private func savedFile(_ name: String) throws -> Session {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("SessionFiles/\(name).json")
    return try SessionCodec.decode(try Data(contentsOf: url), fileName: name)
}

@Suite("Lanes: single chat is one lane, compare is two to four, on one path")
struct LaneTests {
    @Test func aSingleChatFileWrittenBeforeLanesResumesAsOneLaneAndGoesOn() throws {
        let saved = try savedFile("single-2026-12-02")
        let h = LaneHarness(saved)
        #expect(h.state.lanes.count == 1 && !h.state.isComparing)
        #expect(h.state.model(ofLane: 0) == "demo/instant")
        #expect(h.state.session.thread(ofLane: 0).map(\.role) == [.user, .assistant])
        #expect(h.frame().contains("What is 2+2?"))

        h.type("and 3+3?")
        let started = streams(h.key(Key(.enter)))
        #expect(started.count == 1)
        #expect(started.first?.request.model == "demo/instant")
        #expect(started.first?.request.messages.map(\.content).first == "What is 2+2?", "the thread so far is sent")
        #expect(started.first?.request.messages.last?.content == "and 3+3?")
        #expect(h.state.lanes[0].stream?.requestID == started.first?.id)

        // Finished and written back, it still reads as the same session.
        h.finish(started[0].id, "6")
        let again = try SessionCodec.decode(try SessionCodec.encode(h.state.session))
        #expect(again == h.state.session)
    }

    @Test func aCompareFileWrittenBeforeLanesResumesAsPanesAndEachModelKeepsItsThread() throws {
        let saved = try savedFile("compare-2026-12-02")
        let h = LaneHarness(saved)
        #expect(h.state.lanes.count == 2 && h.state.isComparing)
        #expect(h.state.comparedModels == ["demo/instant", "demo/aurora-mini"])
        let firstReplies = (0..<2).map { h.state.session.lastReply(inLane: $0) }
        #expect(firstReplies.map { $0?.modelRequested } == ["demo/instant", "demo/aurora-mini"])
        let screen = h.frame()
        #expect(screen.contains("1 demo/instant") && screen.contains("2 demo/aurora-mini"))

        h.type("another")
        let started = streams(h.key(Key(.enter)))
        #expect(started.map(\.request.model) == ["demo/instant", "demo/aurora-mini"])
        for (lane, start) in started.enumerated() {
            #expect(start.request.messages.map(\.content) == ["Name one prime number", firstReplies[lane]?.content ?? "?", "another"],
                    "lane \(lane) sends its own thread, never the other model's reply")
            let thread = h.state.session.thread(ofLane: lane).map(\.id)
            #expect(thread.contains(firstReplies[lane]?.id ?? "?") && !thread.contains(firstReplies[1 - lane]?.id ?? "?"))
        }
        #expect(h.state.lanes.allSatisfy { $0.stream != nil })
    }

    @Test func escapeStopsTheFocusedLaneOnlyAndCtrlCStopsEveryLane() throws {
        let h = LaneHarness(try savedFile("compare-2026-12-02"))
        h.type("q")
        let ids = streams(h.key(Key(.enter))).map(\.id)
        h.key(.alt("2"))
        #expect(h.state.focusedLane == 1)
        #expect(h.key(Key(.escape)) .contains(.cancelStream(requestID: ids[1])))
        #expect(h.state.lanes[0].stream != nil && h.state.lanes[1].stream == nil)
        #expect(h.state.session.lastReply(inLane: 1)?.status == .cancelled)
        let all = h.key(.ctrl("c"))
        #expect(all.contains(.cancelStream(requestID: ids[0])) && !all.contains(.cancelStream(requestID: ids[1])))
        #expect(!h.state.isStreaming)
        #expect(h.state.notice?.text.hasPrefix("cancelled") == true)
    }

    @Test func regenerateInAPaneAsksThatLanesModelAndFlippingShowsOnlyItsVersions() throws {
        let h = LaneHarness(try savedFile("compare-2026-12-02"))
        let original = h.state.session.lastReply(inLane: 1)
        h.key(.alt("2"))
        let started = streams(h.key(.ctrl("g")))
        #expect(started.map(\.request.model) == ["demo/aurora-mini"])
        #expect(h.state.lanes[0].stream == nil)
        h.finish(started[0].id, "again")
        #expect(h.state.session.lastReply(inLane: 1)?.content == "again")
        h.key(.alt("["))
        #expect(h.state.session.lastReply(inLane: 1)?.id == original?.id, "back to the first version")
        #expect(h.state.session.lastReply(inLane: 0)?.modelRequested == "demo/instant", "the other lane is untouched")
    }

    @Test func theSelectedMessageIsTheFocusedLanesOwn() throws {
        let h = LaneHarness(try savedFile("compare-2026-12-02"))
        h.key(.alt("2"))
        h.key(Key(.tab))
        #expect(h.state.focus == .transcript)
        #expect(h.state.lane.view.selectedMessageID == h.state.session.lastReply(inLane: 1)?.id)
        #expect(h.state.lanes[0].view.selectedMessageID == nil)
        h.key(.alt("c"))
        #expect(h.state.notice?.text == "copied the message")
    }

    @Test func pickingAPaneLeavesOneLaneWithThatModelsThread() throws {
        let h = LaneHarness(try savedFile("compare-2026-12-02"))
        let kept = h.state.session.lastReply(inLane: 1)?.id
        h.key(.alt("2"))
        h.key(.alt("p"))
        #expect(h.state.lanes.count == 1 && !h.state.isComparing && h.state.focusedLane == 0)
        #expect(h.state.session.model == "demo/aurora-mini")
        #expect(h.state.session.lastReply(inLane: 0)?.id == kept)
    }

    @Test func aRecordThatCannotBeShownIsDroppedNotHalfUsed() throws {
        var session = try savedFile("compare-2026-12-02")
        session.compare?.models = ["demo/instant"]
        let h = LaneHarness(session)
        #expect(h.state.lanes.count == 1 && h.state.session.compare == nil)
    }
}
