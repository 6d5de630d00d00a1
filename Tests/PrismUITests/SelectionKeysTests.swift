import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A chat with replies that carry reasoning and a code block each.
private final class ChatHarness: ReducerHarness, @unchecked Sendable {
    /// Sends `prompt` and finishes its reply with `answer`, some reasoning and a code block.
    func exchange(_ prompt: String, _ answer: String) {
        command(prompt)
        let id = state.nextRequestID
        send(.completion(requestID: id, event: .contentDelta(answer)))
        var reply = Reply()
        reply.content = "\(answer)\n\n```\ncode of \(answer)\n```"
        reply.reasoning = "thinking about \(answer)"
        reply.finishReason = "stop"
        send(.completion(requestID: id, event: .finished(reply)))
    }

    var replies: [Message] { state.session.currentBranch.filter { $0.role == .assistant } }

    /// Lines of the screen that carry the selection bar.
    var markedLines: [Substring] { screen().split(separator: "\n").filter { $0.contains("▌") } }
}

@Suite("Selection: commands act on the newest reply, or on the marked message in the transcript")
struct SelectionKeysTests {
    @Test func aSelectionMadeInTheTranscriptDoesNotOutliveIt() throws {
        let h = ChatHarness()
        h.exchange("first question", "one")
        h.exchange("second question", "two")
        h.key(Key(.tab))
        h.key(.char("[")); h.key(.char("["))
        #expect(h.state.lane.view.selectedMessageID == h.replies[0].id)
        #expect(h.key(.alt("c")) == [.copyToClipboard(h.replies[0].content)], "in the transcript: the selected message")
        #expect(h.markedLines.contains { $0.contains("one") })

        h.key(Key(.tab))
        #expect(h.state.focus == .prompt)
        #expect(h.markedLines.isEmpty, "outside the transcript nothing is marked")
        #expect(h.key(.alt("c")) == [.copyToClipboard(h.replies[1].content)], "outside it: the newest reply")

        h.exchange("third question", "three")
        let newest = try #require(h.replies.last)
        #expect(h.key(.alt("c")) == [.copyToClipboard(newest.content)])
        #expect(h.key(.alt("x")) == [.copyToClipboard("code of three")])
        h.key(.ctrl("r"))
        #expect(h.state.lane.view.expandedReasoning == [newest.id], "Ctrl-R opens the newest reply's reasoning, not the old selection's")
        #expect(h.screen().contains("thinking about three"))
    }

    @Test func enteringTheTranscriptAgainSelectsTheNewestNotTheOldSelection() {
        let h = ChatHarness()
        h.exchange("q1", "one")
        h.exchange("q2", "two")
        h.key(Key(.tab)); h.key(.char("[")); h.key(.char("["))
        h.key(Key(.escape))
        h.exchange("q3", "three")
        h.key(Key(.tab))
        #expect(h.state.lane.view.selectedMessageID == h.replies.last?.id)
        #expect(h.key(.char("y")) == [.copyToClipboard(h.replies[2].content)])
        #expect(h.markedLines.contains { $0.contains("three") })
        #expect(!h.markedLines.contains { $0.contains("two") })
    }

    @Test func reasoningAndVersionsInTheTranscriptFollowTheMarkedMessage() {
        let h = ChatHarness()
        h.exchange("q1", "one")
        h.exchange("q2", "two")
        h.key(Key(.tab)); h.key(.char("[")); h.key(.char("["))
        h.key(.char("r"))
        #expect(h.state.lane.view.expandedReasoning == [h.replies[0].id])
        h.key(.char("[")) // the first prompt: reply keys act on its reply
        h.key(.ctrl("r"))
        #expect(h.state.lane.view.expandedReasoning.isEmpty)
    }

    @Test func aRegeneratedReplyTakesOverTheSelectionItReplaced() {
        let h = ChatHarness()
        h.exchange("q1", "one")
        h.key(Key(.tab))
        let old = h.state.lane.view.selectedMessageID
        h.key(.ctrl("g"))
        h.send(.completion(requestID: h.state.nextRequestID, event: .contentDelta("fresh")))
        #expect(h.state.focus == .transcript)
        #expect(h.state.lane.view.selectedMessageID != old)
        #expect(h.state.lane.view.selectedMessageID == h.replies.last?.id)
        #expect(h.key(.char("y")) == [.copyToClipboard("fresh")])
        #expect(h.markedLines.contains { $0.contains("fresh") })
    }

    @Test func altUpFromThePromptFocusesTheTranscriptAtTheNewestMessage() {
        let h = ChatHarness()
        h.exchange("q1", "one")
        h.exchange("q2", "two")
        h.key(Key(.up, .alt))
        #expect(h.state.focus == .transcript)
        #expect(h.state.lane.view.selectedMessageID == h.replies[1].id)
        h.key(Key(.up, .alt))
        #expect(h.state.session.message(h.state.lane.view.selectedMessageID ?? "")?.content == "q2")
        #expect(h.markedLines.contains { $0.contains("q2") })
    }

    @Test func scrolledUpTabSelectsTheMessageInView() {
        let h = ChatHarness(size: Size(width: 80, height: 16))
        for i in 1...6 { h.exchange("question \(i)", "answer \(i)") }
        h.key(Key(.pageUp)); h.key(Key(.pageUp)); h.key(Key(.pageUp))
        _ = AppRenderer().render(&h.state, theme: UIFixtures.theme()) // resolves the scroll into an anchor
        let top = h.state.lane.view.anchor?.messageID
        #expect(top != nil && top != h.replies.last?.id)
        h.key(Key(.tab))
        #expect(h.state.lane.view.selectedMessageID == top)
        #expect(!h.markedLines.isEmpty, "the selection is on screen")
    }

    @Test func inCompareModeChangingPaneInTheTranscriptMarksThatPanesNewest() {
        let h = ChatHarness()
        h.command("/compare a/one b/two")
        h.command("q")
        h.finish(1, "left"); h.finish(2, "right")
        h.key(Key(.tab))
        #expect(h.key(.char("y")) == [.copyToClipboard("left")])
        h.key(.alt("2"))
        #expect(h.state.lanes[1].view.selectedMessageID == h.state.session.lastReply(inLane: 1)?.id)
        #expect(h.key(.char("y")) == [.copyToClipboard("right")])
        #expect(h.markedLines.contains { $0.contains("right") })
    }
}
