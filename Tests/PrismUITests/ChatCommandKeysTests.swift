import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A chat that can hold finished exchanges and keeps what the renderer decides (scroll anchor,
/// "new text below") in its state, as the running app does after each frame.
private final class ChatHarness: ReducerHarness, @unchecked Sendable {
    func exchange(_ prompt: String, _ answer: String, reasoning: String? = nil) {
        command(prompt)
        var reply = Reply()
        reply.content = answer
        reply.reasoning = reasoning ?? ""
        reply.finishReason = "stop"
        send(.completion(requestID: state.nextRequestID, event: .finished(reply)))
    }

    /// Draws a frame into the harness's own state and returns its text.
    @discardableResult
    func draw() -> String { AppRenderer().render(&state, theme: UIFixtures.theme()).text() }

    var roles: [Message.Role] { state.session.currentBranch.map(\.role) }
}

@Suite("Chat keys and prompt commands: each does what the README says")
struct ChatCommandKeysTests {
    @Test func ctrlNStartsAnEmptySessionWithTheSameModelAndSystemPrompt() {
        let h = ChatHarness()
        h.command("/system be brief")
        h.exchange("first question", "first answer")
        h.type("a draft")
        #expect(h.roles == [.user, .assistant])
        h.key(.ctrl("n"))
        #expect(h.state.session.messages.isEmpty)
        #expect(h.state.session.id.isEmpty, "a new session gets its id when it is first saved")
        #expect(h.state.session.model == "a/one")
        #expect(h.state.session.systemPrompt == "be brief")
        #expect(h.state.prompt.isEmpty)
        #expect(h.state.notice?.text == "new session")
        #expect(!h.screen().contains("first answer"))
    }

    @Test func ctrlNWhileAReplyStreamsStopsIt() {
        let h = ChatHarness()
        h.command("slow question")
        let id = h.state.nextRequestID
        h.send(.completion(requestID: id, event: .contentDelta("partial")))
        let effects = h.key(.ctrl("n"))
        #expect(effects.contains(.cancelStream(requestID: id)), "\(effects)")
        #expect(h.state.session.messages.isEmpty)
    }

    @Test func slashNewDoesWhatCtrlNDoes() {
        let h = ChatHarness()
        h.exchange("first question", "first answer")
        h.command("/new")
        #expect(h.state.session.messages.isEmpty && h.state.session.model == "a/one")
        #expect(h.state.notice?.text == "new session")
    }

    @Test func slashSystemSetsAndClearsTheSessionsSystemPromptAndSavesIt() {
        let h = ChatHarness()
        #expect(h.command("/system answer in French") == [], "an empty session is not saved yet")
        #expect(h.state.session.systemPrompt == "answer in French")
        #expect(h.state.notice?.text == "system prompt set for this session")
        #expect(h.state.prompt.isEmpty)
        h.exchange("q", "a")
        let effects = h.command("/system")
        #expect(h.state.session.systemPrompt == nil)
        #expect(h.state.notice?.text == "system prompt cleared")
        #expect(effects == [.saveSession(h.state.session)])
        // The next request carries the system prompt again once set.
        h.command("/system be terse")
        let sent = h.command("next")
        let request = sent.compactMap { effect -> ChatRequest? in
            if case .startStream(_, let request, _) = effect { return request }
            return nil
        }.first
        #expect(request?.messages.first?.role == .system)
        #expect(request?.messages.first?.content == "be terse")
    }

    @Test func slashModelSwitchesModelAndAloneOpensThePicker() {
        let h = ChatHarness()
        h.command("/model b/two")
        #expect(h.state.session.model == "b/two")
        #expect(h.state.notice?.text == "model: b/two")
        h.command("/model")
        #expect(h.state.focus == .picker)
        #expect(h.state.session.model == "b/two")
    }

    @Test func slashTitleRenamesTheSessionAndSavesIt() {
        let h = ChatHarness()
        h.exchange("q", "a")
        let effects = h.command("/title Trip to Oslo")
        #expect(h.state.session.title == "Trip to Oslo")
        #expect(h.state.notice?.text == "renamed")
        #expect(effects == [.saveSession(h.state.session)])
        #expect(h.command("/title") == [], "no title, no change")
        #expect(h.state.session.title == "Trip to Oslo")
    }

    @Test func slashAttachAsksForACheckAndSlashDetachDropsWhatWasAttached() {
        let h = ChatHarness()
        #expect(h.command("/attach") == [])
        #expect(h.state.notice?.text == "usage: /attach PATH" && h.state.notice?.kind == .error)
        #expect(h.command("/attach notes.md") == [.checkAttachment("notes.md")])
        h.send(.attachmentChecked(Attachment.guess(path: "/tmp/notes.md"), typed: "notes.md"))
        #expect(h.state.pendingAttachments.count == 1)
        h.command("/detach")
        #expect(h.state.pendingAttachments.isEmpty)
        #expect(h.state.notice?.text == "attachments dropped")
        // Nothing attached goes with the next prompt.
        h.exchange("plain", "reply")
        #expect(h.state.session.currentBranch.first?.attachments.isEmpty != false)
    }

    @Test func ctrlRShowsThenHidesTheNewestReasoning() throws {
        let h = ChatHarness()
        h.exchange("q", "the answer", reasoning: "weighing the options")
        let reply = try #require(h.state.session.currentBranch.last)
        #expect(!h.screen().contains("weighing the options"), "reasoning starts collapsed")
        h.key(.ctrl("r"))
        #expect(h.state.lane.view.expandedReasoning == [reply.id])
        #expect(h.screen().contains("weighing the options"))
        h.key(.ctrl("r"))
        #expect(h.state.lane.view.expandedReasoning.isEmpty)
        #expect(!h.screen().contains("weighing the options"))
    }

    @Test func ctrlHomeStaysPutAndSaysWhenTextArrivesBelowCtrlEndFollowsAgain() {
        let h = ChatHarness(size: Size(width: 80, height: 16))
        for i in 1...8 { h.exchange("question \(i)", "answer \(i)\nsecond line \(i)\nthird line \(i)") }
        #expect(h.draw().contains("third line 8"), "at the bottom the newest text is in view")
        #expect(h.state.lane.view.isFollowing)

        // A reply starts streaming at the bottom; Ctrl-Home goes to the top while it streams.
        h.command("question 9")
        let id = h.state.nextRequestID
        h.send(.completion(requestID: id, event: .contentDelta("first words")))
        #expect(h.draw().contains("first words"))
        h.key(Key(.home, .control))
        var screen = h.draw()
        #expect(screen.contains("question 1") && !screen.contains("first words"), "\(screen)")
        #expect(!h.state.lane.view.isFollowing)

        h.send(.completion(requestID: id, event: .contentDelta(" then streamed words")))
        screen = h.draw()
        #expect(screen.contains("question 1"), "scrolled up, the view stays put: \(screen)")
        #expect(screen.contains("new text below"), "\(screen)")
        #expect(!screen.contains("streamed words"))

        h.key(Key(.end, .control))
        screen = h.draw()
        #expect(screen.contains("streamed words") && !screen.contains("new text below"), "\(screen)")
        #expect(h.state.lane.view.isFollowing)
        h.send(.completion(requestID: id, event: .contentDelta(" and more arriving")))
        #expect(h.draw().contains("and more arriving"), "at the bottom it follows new text")
    }
}
