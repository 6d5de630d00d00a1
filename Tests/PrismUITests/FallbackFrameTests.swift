import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames of the fallback chain: the editor, and the status bar's part.
@Suite("Fallback chain frames")
struct FallbackFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    /// The editor open on a chain of a cheaper model, a pricier one's absence, and one the catalog does not know.
    static func editing(_ size: Size) -> AppState {
        var state = UIFixtures.state(size)
        state.session.settings.fallbackModels = ["openai/gpt-5-mini", "acme/\u{1B}[31mnot-listed"]
        state.fallbackEditor = FallbackEditorState(draft: state.session.settings.fallbackModels)
        state.fallbackEditor?.selection = 1
        state.focus = .fallbacks
        return state
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func editor(size: Size) {
        let state = Self.editing(size)
        check(state, "fallbacks-editor-\(size)")
        var s = state
        let screen = AppRenderer().render(&s, theme: UIFixtures.theme()).text()
        #expect(!screen.contains("\u{1B}"), "a model id's escape never reaches the screen")
        #expect(screen.contains("not in the catalog"))
    }

    @Test func aPricierFallbackIsMarked() {
        var state = UIFixtures.state(Size(width: 120, height: 40))
        state.session.model = "openai/gpt-5-mini"
        state.fallbackEditor = FallbackEditorState(draft: ["anthropic/claude-sonnet-4.5", "qwen/qwen3-coder"])
        state.focus = .fallbacks
        var s = state
        let lines = AppRenderer().render(&s, theme: UIFixtures.theme()).text().split(separator: "\n")
        #expect(lines.contains { $0.contains("1 anthropic/claude-sonnet-4.5") && $0.contains("$3") && $0.contains("pricier") })
        #expect(lines.contains { $0.contains("2 qwen/qwen3-coder") && !$0.contains("pricier") })
        #expect(lines.contains { $0.contains("● openai/gpt-5-mini") && $0.contains("current") })
    }

    /// A fresh session (no reply yet, so no costs) with a chain of two.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func statusBar(size: Size) {
        var state = UIFixtures.state(size)
        state.session = Session(id: "20261122-040000-abcd", createdAt: UIFixtures.epoch, model: "anthropic/claude-sonnet-4.5")
        state.session.settings.fallbackModels = ["openai/gpt-5-mini", "qwen/qwen3-coder"]
        check(state, "fallbacks-status-\(size)")
    }

    @Test func atEightyColumnsTheCostsStayAndTheChainGoes() {
        var state = UIFixtures.state(Size(width: 80, height: 24))
        state.session.settings.fallbackModels = ["openai/gpt-5-mini", "qwen/qwen3-coder"]
        var s = state
        let bar = AppRenderer().render(&s, theme: UIFixtures.theme()).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("$0.008517 │ session $0.008517"))
        #expect(!bar.contains("⤷"))
        state.size = Size(width: 120, height: 40)
        s = state
        let wide = AppRenderer().render(&s, theme: UIFixtures.theme()).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(wide.contains("⤷ gpt-5-mini, qwen3-coder"))
        #expect(wide.contains("session $0.008517"))
    }
}
