import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A chat whose replies finish at once.
private final class EditHarness: ReducerHarness, @unchecked Sendable {
    /// Sends `prompt` and finishes its reply with `answer`.
    func exchange(_ prompt: String, _ answer: String) {
        command(prompt)
        finish(state.nextRequestID, answer)
    }

    var branch: [String] { state.session.currentBranch.map(\.content) }
    var selected: Message? { state.lane.view.selectedMessageID.flatMap { state.session.message($0) } }
    var notice: String { state.notice?.text ?? "" }

    /// Replaces the prompt's text.
    func retype(_ text: String) {
        key(.ctrl("u"))
        type(text)
    }

    func saved(_ effects: [Effect]) -> Session? {
        effects.compactMap { if case .saveSession(let s) = $0 { s } else { nil } }.last
    }
}

@Suite("Versions, edits, deletion and forks of any message, from the keys")
struct MessageEditKeysTests {
    @Test func anEditedPromptKeepsItsOldVersionAndAltBracketFlipsBackToIt() throws {
        let h = EditHarness()
        h.exchange("first question", "first answer")
        h.key(.alt("e"))
        #expect(h.state.prompt.text == "first question")
        h.retype("second question")
        h.key(Key(.enter))
        h.finish(h.state.nextRequestID, "second answer")
        #expect(h.branch == ["second question", "second answer"])

        h.key(Key(.tab))
        h.key(Key(.up, .alt))
        #expect(h.selected?.content == "second question")
        #expect(h.screen().contains("You  ‹2/2›"), "the prompt shows which version it is")
        let effects = h.key(.alt("["))
        #expect(h.branch == ["first question", "first answer"], "the old prompt with its own reply")
        #expect(h.selected?.content == "first question")
        #expect(h.notice == "version 1 of 2")
        #expect(h.saved(effects)?.currentBranch.first?.content == "first question")
        let screen = h.screen()
        #expect(screen.contains("You  ‹1/2›") && screen.contains("first answer") && !screen.contains("second answer"))
        h.key(.alt("]"))
        #expect(h.branch == ["second question", "second answer"])
    }

    @Test func aPromptWithoutVersionsSaysSoAndRepliesStillFlip() {
        let h = EditHarness()
        h.exchange("q", "one")
        h.key(.ctrl("g"))
        h.finish(h.state.nextRequestID, "two")
        h.key(Key(.tab))
        h.key(Key(.up, .alt))
        h.key(.alt("["))
        #expect(h.notice.hasPrefix("this prompt has no other versions"))
        #expect(h.branch == ["q", "two"])
        h.key(Key(.down, .alt))
        h.key(.alt("["))
        #expect(h.branch == ["q", "one"], "on a reply, Alt-[ still flips its regenerations")
    }

    @Test func altEOnAnEarlierPromptOrItsReplyEditsThatPrompt() {
        let h = EditHarness()
        h.exchange("q1", "a1")
        h.exchange("q2", "a2")
        h.exchange("q3", "a3")
        h.key(Key(.tab))
        for _ in 0..<3 { h.key(.char("[")) }
        #expect(h.selected?.content == "q2")
        h.key(.alt("e"))
        #expect(h.state.prompt.text == "q2" && h.state.focus == .prompt)
        #expect(h.notice.hasPrefix("editing an earlier prompt"))
        h.retype("q2 again")
        h.key(Key(.enter))
        h.finish(h.state.nextRequestID, "a2 again")
        #expect(h.branch == ["q1", "a1", "q2 again", "a2 again"], "a new version of q2, under a1")
        #expect(h.state.session.messages.count == 8, "the old q2 and what followed it are kept")

        h.key(Key(.tab))
        h.key(.char("[")); h.key(.char("["))
        #expect(h.selected?.content == "a1")
        h.key(.alt("e"))
        #expect(h.state.prompt.text == "q1", "on a reply: the prompt it answers")
    }

    @Test func deletingAsksFirstThenRemovesTheSubtreeAndSaves() {
        let h = EditHarness()
        h.exchange("q1", "a1")
        h.exchange("q2", "a2")
        h.key(Key(.tab))
        h.key(.char("["))
        #expect(h.selected?.content == "q2")
        #expect(h.key(.char("d")).isEmpty)
        #expect(h.notice == "delete this prompt and 1 under it? press again or y to delete, any other key keeps it")
        #expect(h.state.session.messages.count == 4)
        h.key(.char("k")) // any other key keeps it
        #expect(h.notice == "nothing deleted" && h.state.confirmingDeleteID == nil)
        #expect(h.state.session.messages.count == 4)

        h.key(.char("d"))
        let effects = h.key(.char("d"))
        #expect(h.branch == ["q1", "a1"])
        #expect(h.state.session.messages.count == 2)
        #expect(h.selected?.content == "a1", "the selection moves to the parent")
        #expect(h.notice == "deleted 2 messages")
        #expect(h.saved(effects)?.deleted.count == 2, "the tombstones are saved")
        #expect(!h.screen().contains("q2"))

        h.key(Key(.delete))
        h.key(.char("y"))
        #expect(h.branch == ["q1"], "Delete and y work too")
    }

    @Test func aReboundConfirmKeyAnswersTheDeleteQuestion() {
        let h = EditHarness()
        _ = h.env.bindings.apply(["confirm.yes": "ctrl+y"], parse: { try? KeySpec.parse($0) })
        h.exchange("q1", "a1")
        h.key(Key(.tab))
        h.key(.char("d"))
        #expect(h.notice == "delete this message? press again or Ctrl-Y to delete, any other key keeps it")
        h.key(.char("y"))
        #expect(h.state.session.messages.count == 2, "y no longer confirms")
        h.key(.char("d"))
        h.key(.ctrl("y"))
        #expect(h.branch == ["q1"])
    }

    @Test func deletingOneVersionShowsAnother() {
        let h = EditHarness()
        h.exchange("old", "old answer")
        h.key(.alt("e")); h.retype("new"); h.key(Key(.enter))
        h.finish(h.state.nextRequestID, "new answer")
        h.key(Key(.tab)); h.key(Key(.up, .alt))
        h.key(.char("d")); h.key(.char("y"))
        #expect(h.branch == ["old", "old answer"])
        #expect(h.selected?.content == "old")
        #expect(!h.screen().contains("‹"), "one version left: no marker")
    }

    @Test func deletingIsRefusedWhileAReplyStreamsIntoIt() {
        let h = EditHarness()
        h.exchange("q1", "a1")
        h.command("q2")
        h.key(Key(.tab)); h.key(Key(.up, .alt))
        #expect(h.selected?.content == "q2")
        h.key(.char("d"))
        #expect(h.notice == "a reply is streaming into it: Esc stops it first")
        #expect(h.state.confirmingDeleteID == nil)
        h.key(Key(.up, .alt)); h.key(Key(.up, .alt))
        h.key(.char("d"))
        #expect(h.state.confirmingDeleteID == nil, "nor above it")
        h.key(Key(.escape)) // stops the reply; the transcript keeps the keys
        h.key(.char("]")); h.key(.char("]"))
        #expect(h.selected?.content == "q2")
        h.key(.char("d")); h.key(.char("d"))
        #expect(h.branch == ["q1", "a1"])
    }

    @Test func aDeletionInAnotherWindowStopsAReplyStreamingIntoIt() {
        let h = EditHarness()
        h.exchange("q1", "a1")
        h.command("q2")
        let saved = h.state.session
        var theirs = saved
        let prompt = saved.currentBranch[2].id
        theirs.deleteSubtree(prompt, at: h.state.now)
        let effects = h.send(.sessionMerged(saved: saved, merged: theirs, summary: MergeSummary()))
        #expect(effects == [.cancelStream(requestID: 2), .releaseSpend(replyID: saved.currentBranch[3].id)])
        #expect(!h.state.isStreaming && h.branch == ["q1", "a1"])
        #expect(h.notice == "another window deleted the message a reply was streaming into: stopped")
        h.finish(2, "late")
        #expect(h.state.session.messages.count == 2, "its late events go nowhere")
        h.exchange("q3", "a3")
        #expect(h.branch == ["q1", "a1", "q3", "a3"])
    }

    @Test func forkingMakesANewSessionUpToTheSelectedMessage() throws {
        let h = EditHarness()
        h.exchange("plan a trip", "where to?")
        h.exchange("Oslo", "good choice")
        let old = h.state.session
        h.env = ReducerEnvironment(makeID: { [unowned h] in h.counter += 1; return "m\(h.counter)" },
                                   makeSessionID: { _ in "20261122-000100-f0f0" }, maxTokensCap: 1000)
        h.key(Key(.tab))
        h.key(.char("[")); h.key(.char("["))
        #expect(h.selected?.content == "where to?")
        let effects = h.key(.char("f"))
        let fork = try #require(h.saved(effects))
        #expect(effects.count == 1)
        #expect(fork.id == "20261122-000100-f0f0" && fork == h.state.session)
        #expect(fork.messages.map(\.content) == ["plan a trip", "where to?"])
        #expect(fork.forkedFrom == ForkOrigin(sessionID: old.id, title: "plan a trip", messageID: old.messages[1].id))
        #expect(h.notice == "forked from plan a trip at message 2")
        #expect(h.state.focus == .prompt)
        h.state.notice = nil
        #expect(h.screen().contains("fork of plan a trip"), "the status bar says it is a fork")
        // Going on in the fork leaves the old session as it was.
        h.exchange("Bergen", "also good")
        #expect(h.branch == ["plan a trip", "where to?", "Bergen", "also good"])
        #expect(h.state.session.id == fork.id && old.messages.count == 4)
    }

    @Test func slashForkForksAtTheNewestMessage() throws {
        let h = EditHarness()
        h.exchange("q1", "a1")
        #expect(h.command("/fork").isEmpty, "the harness makes every session the same id")
        #expect(h.notice == "the new session's id was taken: fork again" && h.state.session.forkedFrom == nil)
        h.env = ReducerEnvironment(makeID: { [unowned h] in h.counter += 1; return "m\(h.counter)" },
                                   makeSessionID: { _ in "20261122-000100-f0f0" }, maxTokensCap: 1000)
        let effects = h.command("/fork")
        #expect(h.saved(effects)?.messages.map(\.content) == ["q1", "a1"])
        #expect(h.notice == "forked from q1 at message 2")
        h.command("q2")
        #expect(h.key(.char("f")) == [.loadRouting] && h.state.prompt.text == "f", "a letter typed in the prompt is text (a draft begins: routing is read again)")
        h.key(.ctrl("u"))
        h.command("/fork")
        #expect(h.notice == "a reply is still streaming: Esc stops it first")
    }
}
