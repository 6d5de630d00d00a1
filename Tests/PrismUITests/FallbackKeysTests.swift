import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The fixture catalog, on a session with Claude Sonnet as the model.
final class FallbackHarness: ReducerHarness, @unchecked Sendable {
    static let sonnet = "anthropic/claude-sonnet-4.5", mini = "openai/gpt-5-mini", qwen = "qwen/qwen3-coder"

    init(chain: [String] = []) {
        super.init(model: Self.sonnet)
        state.catalog = UIFixtures.catalog
        state.session.settings.fallbackModels = chain
    }

    /// Adds a model through the editor's add key and the picker: types `query`, presses Enter.
    @discardableResult
    func add(_ query: String) -> [Effect] {
        key(.char("a"))
        type(query)
        return key(Key(.enter))
    }

    /// The `models` of the request each started stream would send.
    func sentModels(_ effects: [Effect]) throws -> [[String]?] {
        try effects.compactMap { effect -> ChatRequest? in
            if case .startStream(_, let request, _) = effect { return request } else { return nil }
        }.map { request in
            let body = try JSONSerialization.jsonObject(with: try request.body()) as? [String: Any]
            return body?["models"] as? [String]
        }
    }
}

@Suite("Fallback chain editor: keys")
struct FallbackKeysTests {
    @Test func altKOpensTheEditorOnTheSessionsChainAndEscDiscards() {
        let h = FallbackHarness(chain: [FallbackHarness.mini])
        h.key(.alt("k"))
        #expect(h.state.focus == .fallbacks)
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini])
        h.key(.char("d"))
        #expect(h.state.fallbackEditor?.draft == [])
        h.key(Key(.escape))
        #expect(h.state.focus == .prompt)
        #expect(h.state.fallbackEditor == nil)
        #expect(h.state.session.settings.fallbackModels == [FallbackHarness.mini], "Esc keeps the chain as it was")
        #expect(h.state.notice?.text == "fallback chain unchanged")
    }

    @Test func slashFallbacksOpensTheEditor() {
        let h = FallbackHarness()
        h.command("/fallbacks")
        #expect(h.state.focus == .fallbacks)
        #expect(h.state.prompt.isEmpty)
        #expect(h.screen().contains("Fallback chain"))
        #expect(h.screen().contains("no fallbacks: a adds one"))
    }

    @Test func addGoesThroughThePickerAndEnterKeepsTheChainInTheSession() {
        let h = FallbackHarness()
        h.state.session.append(Message(id: "u0", parentID: nil, role: .user, content: "hi", createdAt: h.state.now))
        h.key(.alt("k"))
        h.key(.char("a"))
        #expect(h.state.focus == .picker)
        #expect(h.screen().contains("Add a fallback"))
        #expect(h.screen().contains("Enter add to the chain · Esc back"))
        h.type("gpt")
        h.key(Key(.enter))
        #expect(h.state.focus == .fallbacks)
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini])
        h.add("qwen")
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini, FallbackHarness.qwen])
        #expect(h.state.session.settings.fallbackModels.isEmpty, "nothing changes before Enter")
        let effects = h.key(Key(.enter))
        #expect(h.state.focus == .prompt)
        #expect(h.state.session.settings.fallbackModels == [FallbackHarness.mini, FallbackHarness.qwen])
        #expect(effects == [.saveSession(h.state.session)], "the chain is saved with the session file")
        #expect(h.state.notice?.text == "fallbacks: openai/gpt-5-mini → qwen/qwen3-coder")
    }

    @Test func aModelInTheChainOrTheCurrentModelIsRefusedAndThePickerStaysOpen() {
        let h = FallbackHarness()
        h.key(.alt("k"))
        h.add("gpt")
        h.add("gpt")
        #expect(h.state.focus == .picker, "refused: the picker stays open for another choice")
        #expect(h.state.notice?.text == "openai/gpt-5-mini is already in the chain")
        #expect(h.state.notice?.kind == .error)
        h.key(.ctrl("u"))
        h.type("sonnet")
        h.key(Key(.enter))
        #expect(h.state.notice?.text == "anthropic/claude-sonnet-4.5 is the current model; a fallback is another model")
        h.key(Key(.escape))
        #expect(h.state.focus == .fallbacks, "Esc in the picker goes back to the editor")
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini])
    }

    @Test func theLimitIsRefusedWithOneLine() {
        let h = FallbackHarness(chain: [FallbackHarness.mini, FallbackHarness.qwen])
        h.key(.alt("k"))
        h.key(.char("a"))
        #expect(h.state.focus == .fallbacks, "the picker does not open beyond the limit")
        #expect(h.state.notice?.text == "at most 2 fallbacks (OpenRouter takes 3 models, the current one first)")
        #expect(h.state.notice?.kind == .error)
        h.command("")
        h.command("/fallbacks add google/gemini-2.5-flash:free")
        #expect(h.state.session.settings.fallbackModels == [FallbackHarness.mini, FallbackHarness.qwen])
        #expect(h.state.notice?.text.hasPrefix("chain unchanged: at most 2 fallbacks") == true)
    }

    @Test func removeAndReorderActOnTheHighlightedEntry() {
        let h = FallbackHarness(chain: [FallbackHarness.mini, FallbackHarness.qwen])
        h.key(.alt("k"))
        #expect(h.state.fallbackEditor?.selection == 0)
        h.key(.char("J"))
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.qwen, FallbackHarness.mini])
        #expect(h.state.fallbackEditor?.selection == 1, "the highlight moves with the model")
        h.key(Key(.up, .alt))
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini, FallbackHarness.qwen])
        h.key(.char("K"))
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini, FallbackHarness.qwen], "the first cannot move up")
        h.key(Key(.down))
        h.key(Key(.delete))
        #expect(h.state.fallbackEditor?.draft == [FallbackHarness.mini])
        #expect(h.state.fallbackEditor?.selection == 0)
        h.key(Key(.enter))
        #expect(h.state.session.settings.fallbackModels == [FallbackHarness.mini])
    }

    @Test func theNextRequestSendsTheModelThenTheChainInOrder() throws {
        let h = FallbackHarness()
        h.key(.alt("k"))
        h.add("qwen")
        h.add("gpt")
        h.key(Key(.enter))
        let effects = h.command("hello")
        #expect(try h.sentModels(effects) == [[FallbackHarness.sonnet, FallbackHarness.qwen, FallbackHarness.mini]])
    }

    @Test func comparePanesSendTheirOwnModelOnly() throws {
        let h = FallbackHarness(chain: [FallbackHarness.qwen])
        h.command("/compare \(FallbackHarness.sonnet) \(FallbackHarness.mini)")
        let effects = h.command("hello")
        #expect(try h.sentModels(effects) == [nil, nil])
        #expect(!h.screen().contains("⤷"), "the status bar shows no chain in compare mode")
        h.key(.alt("k"))
        #expect(h.state.notice?.text == "compare panes send only their own model; this chain is for single chat")
    }

    @Test func quickFormsSetReplaceAndClearTheChain() {
        let h = FallbackHarness()
        h.command("/fallbacks \(FallbackHarness.mini) \(FallbackHarness.qwen)")
        #expect(h.state.session.settings.fallbackModels == [FallbackHarness.mini, FallbackHarness.qwen])
        h.command("/fallbacks clear")
        #expect(h.state.session.settings.fallbackModels.isEmpty)
        h.command("/fallbacks add x/unknown")
        #expect(h.state.session.settings.fallbackModels == ["x/unknown"])
        #expect(h.state.notice?.text == "fallbacks: x/unknown (not in the catalog: x/unknown)")
        h.command("/fallbacks \(FallbackHarness.mini) \(FallbackHarness.mini)")
        #expect(h.state.session.settings.fallbackModels == ["x/unknown"], "a refused chain is not set")
        #expect(h.state.notice?.text == "chain unchanged: openai/gpt-5-mini is already in the chain")
    }

    @Test func theCostPreviewsAtMostCountsAPricierFallback() throws {
        let h = FallbackHarness()
        h.state.session.model = FallbackHarness.mini
        h.type("How long is a piece of string?")
        let alone = try #require(CostPreview.line(h.state, maxTokensCap: 1000))
        h.state.session.settings.fallbackModels = [FallbackHarness.qwen]
        #expect(CostPreview.line(h.state, maxTokensCap: 1000) == alone, "a cheaper fallback leaves the figure as it was")
        h.state.session.settings.fallbackModels = [FallbackHarness.qwen, FallbackHarness.sonnet]
        let chained = try #require(CostPreview.line(h.state, maxTokensCap: 1000))
        #expect(chained != alone)
        // Sonnet at $15/M out: 1,000 tokens alone are $0.015, more than mini's whole worst case.
        let atMost = try #require(chained.components(separatedBy: "≤ $").last?.split(separator: " ").first.flatMap { Decimal(string: String($0)) })
        #expect(atMost >= Decimal(string: "0.015")!)
        #expect(chained.hasPrefix(alone.components(separatedBy: " · ").first!), "the ≈ input figure stays the current model's")
    }

    @Test func tabCompletesTheQuickFormsWords() {
        let h = FallbackHarness()
        h.type("/fallb")
        h.key(Key(.tab))
        #expect(h.state.prompt.text == "/fallbacks ")
        h.type("cl")
        h.key(Key(.tab))
        #expect(h.state.prompt.text == "/fallbacks clear")
        #expect(h.state.focus == .prompt)
    }

    @Test func aModelsSavedDefaultIsAppliedWhenSwitchingInASessionWithoutAChain() {
        let h = FallbackHarness()
        h.state.session.model = FallbackHarness.mini
        h.key(.alt("k"))
        h.add("qwen")
        let effects = h.key(.char("s"))
        #expect(effects == [.saveFallbackDefault(model: FallbackHarness.mini, chain: [FallbackHarness.qwen])])
        #expect(h.state.savedFallbacks == [FallbackHarness.mini: [FallbackHarness.qwen]])
        h.key(Key(.escape))
        #expect(h.state.session.settings.fallbackModels.isEmpty, "saving a default leaves the session's own chain alone")
        h.command("/model \(FallbackHarness.sonnet)")
        #expect(h.state.session.settings.fallbackModels.isEmpty)
        h.command("/model \(FallbackHarness.mini)")
        #expect(h.state.session.settings.fallbackModels == [FallbackHarness.qwen])
        #expect(h.state.notice?.text == "model: openai/gpt-5-mini · its default fallbacks: qwen/qwen3-coder")
        h.command("/fallbacks \(FallbackHarness.sonnet)")
        h.command("/model \(FallbackHarness.sonnet)")
        #expect(h.state.session.settings.fallbackModels.isEmpty, "the model asked first leaves the chain")
    }

    @Test func thePickersOwnKeysWaitWhileAddingAndCtrlPGoesBack() {
        let h = FallbackHarness()
        h.state.modelSets = ModelSets(configured: [ModelSet(name: "fast", models: ["a/one", "b/two"])], saved: [])
        h.key(.alt("k"))
        h.key(.char("a"))
        #expect(h.state.pickerSets.isEmpty, "no set rows: a chain takes one model at a time")
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked.isEmpty)
        #expect(h.state.notice?.text == "adding a fallback: Enter adds the highlighted model")
        h.key(.ctrl("p"))
        #expect(h.state.focus == .fallbacks)
        h.key(Key(.function(1)))
        #expect(h.state.focus == .help)
        #expect(h.state.fallbackEditor == nil, "the editor closes when something else takes the keys")
    }

    @Test func rebindingNamesTheNewKeyInTheFooter() {
        let h = FallbackHarness()
        var bindings = KeyBindings.defaults
        #expect(bindings.apply(["fallbacks.add": "n", "edit_fallbacks": "alt+y"], parse: { try? KeySpec.parse($0) }).isEmpty)
        h.env = ReducerEnvironment(makeID: { "x" }, makeSessionID: { _ in "s" }, maxTokensCap: 1000, bindings: bindings)
        h.key(.alt("y"))
        #expect(h.state.focus == .fallbacks)
        var s = h.state
        let screen = AppRenderer(bindings: bindings).render(&s, theme: UIFixtures.theme()).text()
        #expect(screen.contains("n add · d remove"))
        h.key(.char("n"))
        #expect(h.state.focus == .picker)
        #expect(bindings.apply(["fallbacks.nope": "x"], parse: { try? KeySpec.parse($0) })
            == ["[keys.fallbacks]: unknown command 'nope' (use add, remove, move_up, move_down, up, down, save, discard, save_default)"])
    }
}
