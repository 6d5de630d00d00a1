import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Each blind round after a reveal is shuffled anew, each model keeping its own thread, and
/// the narrow layout's tabs are hit on the labels the screen shows, not the hidden names.
@Suite("Blind rounds")
struct BlindRoundTests {
    @Test func aRoundAfterARevealIsShuffledAgainAndEachModelKeepsItsThread() throws {
        let h = BlindCompareTests.harness()
        BlindCompareTests.oneRound(h)
        let first = try #require(h.state.comparedModels)
        #expect(first == BlindCompareTests.models.reversed())
        let firstReplies = first.indices.map { h.state.session.lastReply(inLane: $0)?.modelServed }
        h.key(.alt("t"))  // tie: names revealed
        #expect(h.state.blind?.hidden == false)
        h.command("second round")
        let second = try #require(h.state.comparedModels)
        #expect(second == BlindCompareTests.models, "shuffled again (the test's shuffle reverses)")
        #expect(h.state.blind?.hidden == true)
        for (lane, model) in second.enumerated() {
            let thread = h.state.session.thread(ofLane: lane)
            let replies = thread.filter { $0.role == .assistant }
            #expect(replies.count == 2, "lane \(lane) holds its model's two rounds")
            #expect(replies.first?.modelServed == model, "the first round's reply moved with its model")
            #expect(firstReplies.contains(model))
        }
        #expect(BlindCompareTests.leaks(h.screen()).isEmpty, "\(h.screen())")
    }

    @Test func aRoundStillHiddenKeepsItsOrder() {
        let h = BlindCompareTests.harness()
        BlindCompareTests.oneRound(h)
        let order = h.state.comparedModels
        h.command("no verdict yet, a follow-up")
        #expect(h.state.comparedModels == order, "names were never shown: no reason to reshuffle")
    }

    @Test func tabsAreHitOnTheLabelsShownWhileBlind() throws {
        let h = BlindCompareTests.harness(Size(width: 60, height: 20))
        h.env.shuffle = { $0 }
        h.command("/compare --blind a/a-model-with-a-very-long-name b/b c/c")
        let layout = try #require(CompareLayout.of(h.state))
        #expect(layout.mode == .tabs)
        let strip = try #require(layout.tabs)
        // "Pane B" starts right after "Pane A" and a gap, far left of where the long real name would end.
        let second = DisplayWidth.of(CompareTabs.labels(["Pane A"])[0]) + 1
        h.send(.input(.mouse(MouseEvent(kind: .press(button: 1), position: Point(x: strip.x + second + 1, y: strip.y)))))
        #expect(h.state.focusedLane == 1, "\(h.screen())")
    }
}
