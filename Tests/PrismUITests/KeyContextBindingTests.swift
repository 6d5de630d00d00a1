import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A harness whose bindings come from a `[keys]` table, drawn with those bindings.
private final class BoundHarness: ReducerHarness, @unchecked Sendable {
    var warnings: [String] = []

    init(_ table: [String: String], model: String? = "a/one") {
        super.init(model: model)
        state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "b/two"), ModelInfo(id: "c/three")]
        warnings = env.bindings.apply(table, parse: { try? KeySpec.parse($0) })
    }

    func boundScreen() -> String {
        var s = state
        return AppRenderer(bindings: env.bindings).render(&s, theme: UIFixtures.theme()).text()
    }

    func helpText() -> String {
        HelpText.lines(env.bindings, width: 1000).map {
            switch $0 {
            case .binding(let keys, let summary): return keys + " " + summary
            case .note(let text): return text
            }
        }.joined(separator: "\n")
    }
}

@Suite("Key bindings per context: rebound keys work, old ones do not, hints follow")
struct KeyContextBindingTests {
    @Test func promptBindingMovesTheKeyAndItsHint() {
        let h = BoundHarness(["toggle_picker": "ctrl+k"])
        #expect(h.warnings.isEmpty)
        #expect(h.boundScreen().contains("Ctrl-K model"))
        #expect(!h.boundScreen().contains("Ctrl-P"))
        h.key(.ctrl("p"))
        #expect(h.state.focus == .prompt, "the old key no longer opens the picker")
        h.key(.ctrl("k"))
        #expect(h.state.focus == .picker)
        #expect(h.helpText().contains("Ctrl-K open or close the model picker"))
    }

    @Test func welcomeAndStatusNameTheReboundPickerKey() {
        let h = BoundHarness(["toggle_picker": "f3"], model: nil)
        let screen = h.boundScreen()
        #expect(screen.contains("Pick a model with F3."))
        #expect(screen.contains("no model: F3"))
        #expect(!screen.contains("Ctrl-P"))
    }

    @Test func transcriptBindingReplacesTheDefaultTranscriptKey() {
        let h = BoundHarness(["transcript.help": "h"])
        #expect(h.warnings.isEmpty)
        h.key(Key(.tab))
        #expect(h.state.focus == .transcript)
        h.key(.char("?"))
        #expect(h.state.focus == .prompt, "? is typed now, not help")
        #expect(h.state.prompt.text == "?")
        h.key(.ctrl("u"))
        h.key(Key(.tab))
        h.key(.char("h"))
        #expect(h.state.focus == .help)
        #expect(h.helpText().contains("F1, h* show this help"))
    }

    @Test func pickerBindingsMarkSortAndCloseWithTheNewKeysOnly() {
        let h = BoundHarness(["picker.mark": "ctrl+k", "picker.sort": "f2", "picker.close": "ctrl+g"])
        #expect(h.warnings.isEmpty)
        h.key(.ctrl("p"))
        let screen = h.boundScreen()
        #expect(screen.contains("Ctrl-K mark to compare"))
        #expect(screen.contains("Ctrl-G close"))
        #expect(screen.contains("sort: relevance (F2)"))
        #expect(!screen.contains("Ctrl-T"))
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked.isEmpty, "Ctrl-T no longer marks")
        if h.state.focus != .picker { h.key(Key(.escape)); h.key(.ctrl("p")) }
        h.key(Key(.insert))
        #expect(h.state.picker.marked.isEmpty, "nor does Insert")
        h.key(.ctrl("k"))
        #expect(h.state.picker.marked.count == 1)
        let sort = h.state.picker.sort
        h.key(Key(.tab))
        #expect(h.state.picker.sort == sort, "Tab no longer sorts (it falls through to the prompt's bindings)")
        h.key(Key(.escape))
        h.key(.ctrl("p"))
        h.key(Key(.function(2)))
        #expect(h.state.picker.sort != sort)
        #expect(h.state.focus == .picker)
        h.key(.ctrl("g"))
        #expect(h.state.focus == .prompt)
        #expect(h.helpText().contains("F2 sort"))
        #expect(h.helpText().contains("Ctrl-K marks a model to compare"))
    }

    @Test func pickerNoticesNameTheReboundMarkKey() {
        let h = BoundHarness(["picker.mark": "ctrl+k"])
        h.key(.ctrl("p"))
        h.key(.ctrl("k"))
        h.key(Key(.enter))
        #expect(h.state.notice?.text.contains("Ctrl-K marks them") == true)
    }

    @Test func compareBindingNamesItsKeyInTheSummary() {
        let h = BoundHarness(["compare.pick_pane": "alt+k", "previous_pane": "alt+h"])
        #expect(h.warnings.isEmpty)
        h.command("/compare a/one b/two")
        #expect(h.state.isComparing)
        #expect(h.state.notice?.text.contains("Alt-H/Alt-→ focus · Alt-K pick one") == true)
        #expect(h.boundScreen().contains("Alt-K pick"))
        h.key(.alt("p"))
        #expect(h.state.isComparing, "Alt-P no longer picks a pane")
        h.key(.alt("k"))
        #expect(!h.state.isComparing)
    }

    @Test func streamingHintAndNoticesNameTheReboundStopKey() {
        let h = BoundHarness(["cancel_or_clear": "ctrl+b"])
        h.command("hello")
        #expect(h.state.isStreaming)
        #expect(h.boundScreen().contains("Ctrl-B stop"))
        h.command("again")
        #expect(h.state.notice?.text.contains("Ctrl-B stops it") == true)
    }

    @Test func foldedReasoningNamesTheReboundKey() {
        let h = BoundHarness(["toggle_reasoning": "alt+r"])
        h.command("hello")
        var reply = Reply()
        reply.content = "hi there"
        reply.reasoning = "thinking it over"
        reply.finishReason = "stop"
        h.send(.completion(requestID: 1, event: .finished(reply)))
        let screen = h.boundScreen()
        #expect(screen.contains("reasoning · 3 words (Alt-R)"))
        #expect(!screen.contains("Ctrl-R"))
    }

    @Test func transcriptFocusShowsTheTranscriptsHintsAsBound() {
        let h = BoundHarness(["transcript.copy_message": "Y", "transcript.fork_session": "alt+f"])
        h.command("hello")
        h.finish(1, "hi there")
        #expect(h.boundScreen().contains("Enter send"))
        h.key(Key(.tab))
        #expect(h.state.focus == .transcript)
        let screen = h.boundScreen()
        #expect(screen.contains("Y copy · r reasoning · d delete · Alt-F fork · Tab prompt · ? help"))
        #expect(!screen.contains("Enter send"))
    }

    @Test func helpOverlayShowsTheReboundKeysOnScreen() {
        let h = BoundHarness(["help": "f2", "transcript.copy_message": "Y"])
        h.key(Key(.function(1)))
        #expect(h.state.focus == .prompt, "F1 no longer opens help")
        h.key(Key(.function(2)))
        #expect(h.state.focus == .help)
        let screen = h.boundScreen()
        #expect(screen.contains("F2, ?*"))
        #expect(screen.contains("Y*"))
        #expect(!screen.contains("F1"))
    }

    @Test func theFirstListedKeyIsTheOneHintsName() {
        let h = BoundHarness(["newline": "ctrl+j, alt+enter"])
        #expect(h.boundScreen().contains("Ctrl-J newline"))
    }

    @Test func hintsThatDoNotFitAreDropped() {
        let all = KeyHints.prompt(.defaults, streaming: false, width: 200)
        #expect(all == "Enter send · Alt-Enter newline · Ctrl-P model · F1 help")
        #expect(KeyHints.prompt(.defaults, streaming: false, width: 30) == "Enter send · Ctrl-P model")
    }

    @Test func badEntriesGiveClearWarnings() {
        var bindings = KeyBindings.defaults
        let warnings = bindings.apply(["picker.bogus": "ctrl+k", "sessions.delete": "ctrl+d", "transcript.help": "hyper+h",
                                       "compare.quit": "ctrl+q", "frobnicate": "ctrl+f"],
                                      parse: { try? KeySpec.parse($0) })
        #expect(warnings == [
            "[keys.compare]: unknown command 'quit' (use previous_pane, next_pane, focus_pane_1, focus_pane_2, focus_pane_3, focus_pane_4, toggle_scroll_lock, pick_pane, tie, all_bad)",
            "[keys]: unknown command 'frobnicate'",
            "[keys.picker]: unknown command 'bogus' (use choose, close, mark, favourite, sort, providers, variant, up, down, page_up, page_down)",
            "[keys]: unknown context 'sessions' in 'sessions.delete' (use transcript, picker, browser, themes, confirm, editor, budget, fallbacks, compare, providers, stats, leaderboard, why, tools, or a plain command name for the prompt)",
            "[keys] transcript.help: unknown key 'hyper+h'",
        ])
        #expect(bindings == .defaults, "nothing bad is applied")
    }
}

@Suite("Key bindings in the session browser and the theme switcher")
struct OverlayKeyBindingTests {
    private func browsing(_ table: [String: String]) -> BoundHarness {
        let h = BoundHarness(table)
        h.key(.ctrl("o"))
        h.state.browser.sessions = [
            SessionSummary(id: "20261120-100000-aaaa", title: "Oslo trip", createdAt: Date(timeIntervalSince1970: 0),
                           updatedAt: Date(timeIntervalSince1970: 0), model: "a/one", messageCount: 2, totalCost: nil,
                           costIsEstimate: false, lastPreview: nil),
        ]
        return h
    }

    @Test func browserBindingsRenameAndDeleteWithTheNewKeysOnly() {
        let h = browsing(["browser.rename": "f2", "browser.delete": "ctrl+k"])
        #expect(h.warnings.isEmpty)
        #expect(h.state.focus == .browser)
        let screen = h.boundScreen()
        #expect(screen.contains("F2 rename"))
        #expect(screen.contains("Ctrl-K delete"))
        h.key(.ctrl("r"))
        #expect(h.state.browser.renaming == nil, "Ctrl-R no longer renames")
        h.key(.ctrl("d"))
        #expect(h.state.browser.confirmingDelete == nil, "Ctrl-D no longer deletes")
        h.key(Key(.function(2)))
        #expect(h.state.browser.renaming != nil)
        h.key(Key(.escape))
        h.key(.ctrl("k"))
        #expect(h.state.browser.confirmingDelete == "20261120-100000-aaaa")
        #expect(h.helpText().contains("F2 rename"))
        #expect(h.helpText().contains("Ctrl-K delete"))
    }

    @Test func pickerMovementIsRebindable() {
        let h = BoundHarness(["picker.down": "ctrl+j", "picker.up": "ctrl+k"])
        #expect(h.warnings.isEmpty)
        h.key(.ctrl("p"))
        h.key(.ctrl("u"))
        let start = h.state.picker.selection
        h.key(Key(.down))
        #expect(h.state.picker.selection == start, "Down no longer moves")
        h.key(.ctrl("j"))
        #expect(h.state.picker.selection == start + 1)
        h.key(.ctrl("k"))
        #expect(h.state.picker.selection == start)
        #expect(h.state.focus == .picker)
    }

    @Test func browserMovementAndTheRenameFieldFollowTheBrowserKeys() {
        let h = browsing(["browser.down": "ctrl+n", "browser.resume": "ctrl+e", "browser.close": "ctrl+g"])
        #expect(h.warnings.isEmpty)
        h.state.browser.sessions.append(SessionSummary(Session(id: "20261121-100000-bbbb", title: "Bergen", createdAt: Date(timeIntervalSince1970: 0))))
        h.key(Key(.down))
        #expect(h.state.browser.selection == 0, "Down no longer moves")
        h.key(.ctrl("n"))
        #expect(h.state.browser.selection == 1)
        h.key(.ctrl("r"))
        #expect(h.state.browser.renaming?.editor.text == "Bergen")
        h.key(.char("!"))
        h.key(Key(.escape))
        #expect(h.state.browser.renaming != nil, "Esc is no longer the close key, so it does not leave the field")
        let effects = h.key(.ctrl("e"))
        #expect(effects == [.renameSession(id: "20261121-100000-bbbb", title: "Bergen!")])
        #expect(h.state.browser.renaming == nil)
        h.key(.ctrl("r"))
        h.key(.ctrl("g"))
        #expect(h.state.browser.renaming == nil, "the close key gives up the rename")
        #expect(h.state.focus == .browser)
    }

    @Test func theConfirmKeyIsRebindableAndNamedInTheQuestion() {
        let h = browsing(["confirm.yes": "j"])
        #expect(h.warnings.isEmpty)
        h.key(.ctrl("d"))
        #expect(h.boundScreen().contains("(20261120-100000-aaaa)? j/n"))
        #expect(h.key(.char("y")).isEmpty, "y no longer confirms")
        #expect(h.state.browser.confirmingDelete == nil)
        h.key(.ctrl("d"))
        #expect(h.key(.char("j")) == [.deleteSession(id: "20261120-100000-aaaa")])
    }

    @Test func editingKeysAreRebindableInEveryField() {
        let h = BoundHarness(["editor.kill_to_start": "alt+u", "editor.line_start": "ctrl+a, home, alt+a"])
        #expect(h.warnings.isEmpty)
        for key in "hello".map({ Key.char($0) }) { h.key(key) }
        h.key(.ctrl("u"))
        #expect(h.state.prompt.text == "hello", "Ctrl-U no longer cuts")
        h.key(.alt("a"))
        h.key(.char(">"))
        #expect(h.state.prompt.text == ">hello")
        h.key(Key(.end))
        h.key(.alt("u"))
        #expect(h.state.prompt.text.isEmpty, "the new key cuts to the start in the prompt")
        h.key(.ctrl("p"))
        for key in "abc".map({ Key.char($0) }) { h.key(key) }
        h.key(.alt("u"))
        #expect(h.state.picker.query.isEmpty, "and in the picker's search")
        #expect(h.helpText().contains("Alt-U cut to the start"))
        #expect(h.helpText().contains("Alt-A/Ctrl-A/Home line start"))
    }

    @Test func themeSwitcherBindingsMoveAndKeepWithTheNewKeys() {
        let h = BoundHarness(["themes.next": "j", "themes.keep": "space"])
        #expect(h.warnings.isEmpty)
        h.state.availableThemes = ["dark", "light"]
        h.key(.ctrl("t"))
        #expect(h.state.focus == .themes)
        #expect(h.boundScreen().contains("Theme · ↑j preview · Space"))
        #expect(h.key(Key(.down)).isEmpty, "Down no longer moves")
        #expect(h.state.focus == .themes)
        #expect(h.key(.char("j")) == [.applyTheme("light")])
        h.key(Key(.enter))
        #expect(h.state.focus == .themes, "Enter no longer keeps the theme")
        #expect(h.key(.char(" ")) == [.saveTheme("dark")])
        #expect(h.state.focus == .prompt)
    }
}
