import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Model sets on screen: the picker's set rows, the help that explains them, the prompt's hint.
@Suite("Model set frames")
struct ModelSetFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    static func withSets(_ state: AppState) -> AppState {
        var s = state
        s.modelSets = ModelSets(configured: [ModelSet(name: "fast", models: ["openai/gpt-5-mini", "google/gemini-2.5-flash:free"])],
                                saved: [ModelSet(name: "deep", models: ["anthropic/claude-sonnet-4.5", "openai/gpt-5-mini", "qwen/qwen3-coder"]),
                                        ModelSet(name: "odd", models: ["openai/gpt-5-mini", "meta/not-listed"])])
        return s
    }

    func render(_ state: AppState) -> Frame {
        var s = state
        return AppRenderer().render(&s, theme: UIFixtures.theme())
    }

    func check(_ state: AppState, _ name: String) {
        let frame = render(state)
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
        for y in 0..<frame.size.height {
            var width = 0
            for x in 0..<frame.size.width { width += Int(frame[x, y].width) }
            #expect(width == frame.size.width, "row \(y) of \(name) is \(width) cells wide")
        }
    }

    @Test("picker with sets", arguments: [Size(width: 80, height: 24), Size(width: 200, height: 60)])
    func pickerWithSets(size: Size) {
        var state = Self.withSets(UIFixtures.state(size, focus: .picker))
        state.picker.selection = 1
        state.picker.marked = ["anthropic/claude-sonnet-4.5", "openai/gpt-5-mini", "qwen/qwen3-coder"]
        check(state, "picker-sets-\(size)")
    }

    @Test func setRowsShowTheirTotalsAndOrigin() {
        let state = Self.withSets(UIFixtures.state(Size(width: 200, height: 60), focus: .picker))
        let text = render(state).text()
        // gpt-5-mini $0.25 + gemini free = $0.25 in, $2 + 0 = $2 out; the smaller context is 400K.
        #expect(text.contains("◫  fast: gpt-5-mini, gemini-2.5-flash:free"))
        #expect(text.contains("set of 2 · config"))
        #expect(text.contains("set of 3 · saved"))
        let odd = text.split(separator: "\n").first { $0.contains("◫  odd:") }
        #expect(odd?.contains("       ?        ?         ?      ?") == true, "a model missing from the catalog makes the totals (and the estimate) unknown")
    }

    @Test func setsShowWhileTheCatalogLoads() {
        var state = Self.withSets(UIFixtures.state(Size(width: 80, height: 24), focus: .picker))
        state.catalog = []
        let lines = render(state).text().split(separator: "\n")
        let fast = lines.firstIndex { $0.contains("◫  fast:") }
        let loading = lines.firstIndex { $0.contains("loading the catalog…") }
        #expect(fast != nil && loading != nil && loading! == fast! + 3, "below the three sets")
    }

    @Test func helpScrollsToTheSetsAndPromptCommands() {
        let env = ReducerEnvironment(makeID: { "x" }, makeSessionID: { _ in "s" })
        var state = UIFixtures.state(Size(width: 80, height: 24))
        _ = Reducer.reduce(&state, .input(.key(Key(.function(1)))), env)
        #expect(state.focus == .help)
        #expect(render(state).text().contains("↓ more"))
        _ = Reducer.reduce(&state, .input(.key(Key(.end))), env)
        #expect(state.helpScroll == HelpText.maxScroll(state, .defaults) && state.helpScroll > 0)
        check(state, "help-end-80x24")
        _ = Reducer.reduce(&state, .input(.key(Key(.down))), env)
        #expect(state.helpScroll == HelpText.maxScroll(state, .defaults), "clamped at the end")
        _ = Reducer.reduce(&state, .input(.key(Key(.up))), env)
        #expect(state.helpScroll == HelpText.maxScroll(state, .defaults) - 1)
        _ = Reducer.reduce(&state, .input(.key(.char("x"))), env)
        #expect(state.focus == .prompt, "any other key closes")
        _ = Reducer.reduce(&state, .input(.key(Key(.function(1)))), env)
        #expect(state.helpScroll == 0, "opens at the top")
    }

    @Test func thePromptHintsAtSlashCommandsAndSetNames() {
        var state = Self.withSets(UIFixtures.state(Size(width: 80, height: 24)))
        state.prompt.set("/set ")
        check(state, "prompt-set-hint-80x24")
        state.prompt.set("/set save x")
        #expect(render(state).text().contains("/set NAME: compare a model set"))
        state.prompt.set("/se")
        #expect(render(state).text().contains("/set · /sets"))
    }
}
