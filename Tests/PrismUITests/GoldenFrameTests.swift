import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole-screen frames compared with text files in Goldens/ (re-record: PRISM_RECORD_GOLDENS=1).
@Suite("Golden frames")
struct GoldenFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)
    static let sizes = [Size(width: 40, height: 10), Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

    private func check(_ state: AppState, _ name: String, styles: FrameSnapshot.Styles = .none) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name, styles: styles) { Issue.record(Comment(rawValue: problem)) }
        for y in 0..<frame.size.height {
            var width = 0
            for x in 0..<frame.size.width { width += Int(frame[x, y].width) }
            #expect(width == frame.size.width, "row \(y) of \(name) is \(width) cells wide")
        }
    }

    @Test("conversation", arguments: sizes)
    func conversation(size: Size) { check(UIFixtures.state(size), "conversation-\(size)") }

    @Test("mid-stream", arguments: sizes)
    func midStream(size: Size) { check(UIFixtures.state(size, streaming: true), "midstream-\(size)") }

    @Test("model picker", arguments: sizes)
    func picker(size: Size) {
        var state = UIFixtures.state(size, focus: .picker)
        state.picker.query = "an"
        state.picker.favourites = ["openai/gpt-5-mini"]
        check(state, "picker-\(size)")
    }

    @Test("help", arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func help(size: Size) { check(UIFixtures.state(size, focus: .help), "help-\(size)") }

    @Test("session browser", arguments: [Size(width: 40, height: 10), Size(width: 120, height: 40)])
    func browser(size: Size) {
        var state = UIFixtures.state(size, focus: .browser)
        state.browser.sessions = [SessionSummary(UIFixtures.session()),
                                  SessionSummary(Session(id: "20261121-120000-beef", title: "Refactor the parser 🛠", createdAt: UIFixtures.epoch))]
        check(state, "browser-\(size)")
    }

    @Test func themeSwitcher() {
        var state = UIFixtures.state(Size(width: 80, height: 24), focus: .themes)
        state.availableThemes = ["dark", "gruvbox", "high-contrast", "light", "nord", "solarized-dark"]
        check(state, "themes-80x24")
    }

    /// The conversation with the first reply's reasoning open and a third reply that failed.
    static func reasoningAndFailure() -> AppState {
        var state = UIFixtures.state(Size(width: 80, height: 30))
        state.lane.view.expandedReasoning = ["a1"]
        state.session.append(Message(id: "u3", parentID: "a1", role: .user, content: "again", createdAt: UIFixtures.epoch))
        var failed = Message(id: "a3", parentID: "u3", role: .assistant, content: "Partial answ", createdAt: UIFixtures.epoch)
        failed.modelRequested = "openai/gpt-5-mini"
        failed.status = .failed
        failed.failure = ReplyFailure(kind: .stream, code: "502", message: "Provider returned error", provider: "OpenAI")
        state.session.append(failed)
        return state
    }

    @Test func reasoningExpandedAndFailureMarks() {
        check(Self.reasoningAndFailure(), "reasoning-and-failure-80x30")
    }

    // Styled goldens: each cell's style as a letter with a legend of colours, so a wrong
    // colour (selection, focus, error, cost) fails as surely as wrong text.

    @Test func styledConversationShowsFocusAndCostColours() {
        check(UIFixtures.state(Size(width: 80, height: 24)), "styled-conversation-80x24", styles: .automatic)
    }

    @Test func styledPickerShowsTheSelectionAndTheFocusedBorder() {
        var state = UIFixtures.state(Size(width: 80, height: 24), focus: .picker)
        state.picker.favourites = ["openai/gpt-5-mini"]
        state.picker.selection = 1
        check(state, "styled-picker-80x24", styles: .automatic)
    }

    @Test func styledTranscriptSelectionMarksTheSelectedMessage() {
        var state = UIFixtures.state(Size(width: 80, height: 24), focus: .transcript)
        state.lane.view.selectedMessageID = state.session.currentBranch.first?.id
        check(state, "styled-selection-80x24", styles: .automatic)
    }

    @Test func styledFailureShowsTheErrorColour() {
        check(Self.reasoningAndFailure(), "styled-failure-80x30", styles: .automatic)
    }

    @Test func tinyTerminalSaysSo() {
        check(UIFixtures.state(Size(width: 20, height: 5)), "too-small-20x5")
    }

    @Test func noColorStillMarksTheSelection() {
        var state = UIFixtures.state(Size(width: 80, height: 24), focus: .picker)
        state.picker.selection = 1
        let frame = AppRenderer().render(&state, theme: UIFixtures.theme(.none))
        let styles = Set(frame.cells.map(\.style))
        #expect(styles.allSatisfy { $0.foreground == .default && $0.background == .default })
        #expect(styles.contains { $0.attributes.contains(.reverse) })
    }

    @Test func hostileReplyNeverReachesACellRaw() {
        var state = UIFixtures.state(Size(width: 80, height: 24))
        state.session.messages[1].content = "evil \u{1B}]0;title\u{07} \u{1B}[2J \u{9B}31m done"
        let frame = AppRenderer().render(&state, theme: UIFixtures.theme())
        #expect(!frame.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
        #expect(frame.text().contains("done"))
    }
}
