import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

private func saves(_ effects: [Effect]) -> [(String, ProviderPreferences?)] {
    effects.compactMap { if case .saveRouting(let model, let preferences) = $0 { (model, preferences) } else { nil } }
}

@Suite("Provider table keys")
struct ProviderTableKeysTests {
    @Test func altROpensTheCurrentModelsTableAndAsksForItsProvidersAndSavedRouting() {
        let h = ProviderHarness()
        let effects = h.key(.alt("r"))
        #expect(h.state.focus == .providers)
        #expect(effects == [.loadRouting, .loadProviders(model: ProviderFixtures.model, refresh: false)])
        #expect(h.screen().contains("loading…"))
        h.send(.routingLoaded([:]))
        h.send(.providersLoaded(ProviderFixtures.endpoints(fetchedAt: h.state.now), stale: false))
        #expect(h.rowNames == ["DeepInfra", "Together", "Fireworks", "Odd\u{1B}[31mCloud"], "cheapest first")
        let screen = h.screen()
        #expect(screen.contains("DeepInfra/fp8"))
        #expect(!screen.contains("\u{1B}"), "the escape in a provider name is shown as a symbol, never sent")
        #expect(screen.contains("Odd␛[31mCloud"))
    }

    @Test func theSlashCommandOpensTheTableForAnyModelAndAnswersForAnotherAreIgnored() {
        let h = ProviderHarness()
        let effects = h.command("/providers openai/gpt-5")
        #expect(h.state.providers?.model == "openai/gpt-5")
        #expect(effects.contains(.loadProviders(model: "openai/gpt-5", refresh: false)))
        h.send(.providersLoaded(ProviderFixtures.endpoints(fetchedAt: h.state.now), stale: false))
        #expect(h.table.endpoints == nil, "the answer for another model does not fill this table")
        h.send(.providersFailed(model: "openai/gpt-5", reason: "HTTP 404: No endpoints found"))
        #expect(h.screen().contains("could not fetch the providers: HTTP 404: No endpoints found"))
    }

    @Test func ctrlOOrAltROnAPickerRowOpensThatModelAndEscGoesBackToThePicker() {
        let h = ProviderHarness()
        h.key(.ctrl("p"))
        h.type("claude")
        #expect(h.state.pickerSelectedModel?.id == "anthropic/claude-sonnet-4.5")
        let effects = h.key(.ctrl("o"))
        #expect(h.state.focus == .providers, "Ctrl-O in the picker opens providers, not the session browser")
        #expect(h.state.providers?.model == "anthropic/claude-sonnet-4.5")
        #expect(effects.contains(.loadProviders(model: "anthropic/claude-sonnet-4.5", refresh: false)))
        h.key(Key(.escape))
        #expect(h.state.focus == .picker)
        #expect(h.state.providers == nil)
        h.key(.alt("r"))
        #expect(h.state.providers?.model == "anthropic/claude-sonnet-4.5")
    }

    @Test func theSortKeyCyclesTheListOrderAndTheHighlightStaysOnItsProvider() {
        let h = ProviderHarness()
        h.open()
        h.key(Key(.down))
        #expect(h.table.selectedRow?.providerName == "Together")
        h.key(.char("s"))
        #expect(h.table.sort == .throughput)
        #expect(h.rowNames == ["Together", "DeepInfra", "Fireworks", "Odd\u{1B}[31mCloud"])
        #expect(h.table.selectedRow?.providerName == "Together")
        h.key(.char("s"))
        #expect(h.rowNames == ["Together", "DeepInfra", "Odd\u{1B}[31mCloud", "Fireworks"], "latency")
        h.key(.char("s"))
        #expect(h.table.sort == .uptime)
        h.key(.char("s"))
        #expect(h.table.sort == .price)
        #expect(h.table.draft.isEmpty, "the list order is the view's, not a routing preference")
    }

    @Test func pinningNumbersProvidersFirstAndBracketsReorderThem() {
        let h = ProviderHarness()
        h.open()
        h.key(Key(.down))      // Together
        h.key(.char("p"))
        h.key(Key(.down))      // DeepInfra, now second
        #expect(h.table.selectedRow?.providerName == "DeepInfra")
        h.key(.char(" "))
        #expect(h.table.draft.order == ["together", "deepinfra/fp8"])
        #expect(h.rowNames.prefix(2) == ["Together", "DeepInfra"])
        h.key(.char("["))
        #expect(h.table.draft.order == ["deepinfra/fp8", "together"])
        #expect(h.table.selectedRow?.providerName == "DeepInfra", "the highlight moves with the row")
        #expect(h.table.selection == 0)
        h.key(Key(.down, .shift))
        #expect(h.table.draft.order == ["together", "deepinfra/fp8"])
        let screen = h.screen()
        #expect(screen.contains(" 1 Together"), "\(screen)")
        #expect(screen.contains(" 2 DeepInfra"))
        #expect(screen.contains("Unsaved: try together, deepinfra/fp8 first"))
        h.key(Key(.down))      // Fireworks: not pinned, cannot move
        h.key(.char("["))
        #expect(h.state.notice?.text == "only pinned providers move: p pins one")
        h.key(Key(.up))
        h.key(.char("p"))      // unpin DeepInfra
        #expect(h.table.draft.order == ["together"])
    }

    @Test func excludingTakesAProviderOutOfThePinsAndBackIn() {
        let h = ProviderHarness()
        h.open()
        h.key(.char("p"))      // pin DeepInfra
        h.key(.char("x"))
        #expect(h.table.draft.order == nil)
        #expect(h.table.draft.ignore == ["deepinfra/fp8"])
        #expect(h.screen().contains(" ✗ DeepInfra"))
        h.key(.char("x"))
        #expect(h.table.draft.ignore == nil)
        #expect(h.table.draft.isEmpty)
    }

    @Test func theModelWideTogglesChangeTheDraftAndTheSummarySaysIt() {
        let h = ProviderHarness()
        h.open()
        h.key(.char("f"))
        #expect(h.table.draft.allowFallbacks == false)
        h.key(.char("o"))
        h.key(.char("o"))
        #expect(h.table.draft.sort == "throughput")
        h.key(.char("q"))      // DeepInfra's fp8
        h.key(Key(.down))
        h.key(.char("q"))      // Together's bf16
        #expect(h.table.draft.quantizations == ["fp8", "bf16"])
        h.key(.char("d"))
        h.key(.char("z"))
        #expect(h.table.draft.dataCollection == "deny")
        #expect(h.table.draft.zdr == true)
        #expect(h.table.isRuledOut(ProviderFixtures.fireworks), "fp16 is filtered out")
        let screen = h.screen()
        #expect(screen.contains("f fallbacks off · o sort throughput"), "\(screen)")
        #expect(screen.contains("Unsaved: no fallbacks · sort by throughput · fp8/bf16 only · no data collection · ZDR only"))
        h.key(.char("o"))
        h.key(.char("o"))
        #expect(h.table.draft.sort == nil, "none after latency")
        h.key(.char("f"))
        #expect(h.table.draft.allowFallbacks == nil)
        h.key(Key(.down))
        h.key(Key(.down))      // the odd provider: no quantization
        h.key(.char("q"))
        #expect(h.state.notice?.kind == .error)
        #expect(h.table.draft.quantizations == ["fp8", "bf16"])
    }

    @Test func maxPriceTakesTwoAmountsRefusesABadOneAndEscLeavesTheField() {
        let h = ProviderHarness()
        h.open()
        h.key(.char("m"))
        #expect(h.table.priceField != nil)
        #expect(h.screen().contains("max price, USD per million tokens"))
        h.type("0.5 abc")
        h.key(Key(.enter))
        #expect(h.state.notice?.kind == .error)
        #expect(h.state.notice?.text.contains("'abc' is not an amount (USD per million tokens") == true)
        #expect(h.table.priceField?.text == "0.5 abc", "a bad value stays to be fixed")
        #expect(h.state.focus == .providers, "Enter in the field never saves the table")
        for _ in 0..<3 { h.key(Key(.backspace)) }
        h.type("2")
        h.key(Key(.enter))
        #expect(h.table.priceField == nil)
        #expect(h.table.draft.maxPrice == MaxPrice(prompt: Decimal(string: "0.5"), completion: 2))
        #expect(h.table.isRuledOut(ProviderFixtures.fireworks), "$0.9 in is above the $0.5 cap")
        #expect(!h.table.isRuledOut(ProviderFixtures.deepinfra))
        #expect(h.screen().contains("m max $/M 0.5 2"))
        h.key(.char("m"))
        #expect(h.table.priceField?.text == "0.5 2")
        h.key(.ctrl("u"))
        h.type("0.5")
        h.key(Key(.escape))
        #expect(h.table.priceField == nil)
        #expect(h.state.focus == .providers, "Esc leaves the field, not the table")
        #expect(h.table.draft.maxPrice?.completion == 2, "Esc changed nothing")
        h.key(.char("m"))
        h.type("-1")
        h.key(Key(.enter))
        #expect(h.state.notice?.kind == .error, "a negative price is refused")
        h.key(.ctrl("u"))
        h.key(Key(.enter))
        #expect(h.table.draft.maxPrice == nil, "empty clears the caps")
    }

    @Test func enterSavesTheDraftForTheModelAndTheConfirmationNamesIt() {
        let h = ProviderHarness()
        h.open()
        h.key(Key(.down))
        h.key(.char("p"))
        h.key(.char("f"))
        let effects = h.key(Key(.enter))
        let expected = ProviderPreferences(order: ["together"], allowFallbacks: false)
        #expect(saves(effects).map(\.0) == [ProviderFixtures.model])
        #expect(saves(effects).first?.1 == expected)
        #expect(h.state.focus == .prompt)
        #expect(h.state.providers == nil)
        h.send(.routingSaved(model: ProviderFixtures.model, preferences: expected))
        #expect(h.state.routing.saved[ProviderFixtures.model] == expected, "the next request and the badge use it")
        #expect(h.state.notice?.text == "routing for \(ProviderFixtures.model) saved")
    }

    @Test func escDiscardsEditsWithNothingWrittenAndSaysSo() {
        let h = ProviderHarness()
        let saved = ProviderPreferences(order: ["fireworks"])
        h.open(saved: saved)
        #expect(h.table.draft == saved, "the saved routing is where editing starts")
        #expect(h.rowNames.first == "Fireworks", "pinned first")
        #expect(h.screen().contains("Saved: try fireworks first"))
        h.key(.char("x"))
        let effects = h.key(Key(.escape))
        #expect(effects.isEmpty, "nothing is written")
        #expect(h.state.providers == nil)
        #expect(h.state.focus == .prompt)
        #expect(h.state.notice?.text == "routing for \(ProviderFixtures.model) unchanged: edits discarded")
    }

    @Test func resetForgetsTheSavedRoutingAtOnce() {
        let h = ProviderHarness()
        h.open(saved: ProviderPreferences(zdr: true, ignore: ["together"]))
        let effects = h.key(.char("r"))
        #expect(saves(effects).count == 1)
        #expect(saves(effects).first?.1 == nil)
        #expect(h.table.draft.isEmpty)
        h.send(.routingSaved(model: ProviderFixtures.model, preferences: nil))
        #expect(h.state.notice?.text.contains("reset") == true)
        #expect(h.screen().contains("Default: OpenRouter's default routing"))
    }

    @Test func editsWaitForTheSavedRoutingAndRefreshFetchesAgain() {
        let h = ProviderHarness()
        h.key(.alt("r"))
        h.send(.providersLoaded(ProviderFixtures.endpoints(fetchedAt: h.state.now), stale: false))
        h.key(.char("p"))
        #expect(h.table.draft.isEmpty, "no edit before the saved routing is read")
        h.send(.routingLoaded([:]))
        h.key(.char("p"))
        #expect(h.table.draft.order == ["deepinfra/fp8"])
        let effects = h.key(.ctrl("r"))
        #expect(effects == [.loadProviders(model: ProviderFixtures.model, refresh: true)])
        #expect(h.table.draft.order == ["deepinfra/fp8"], "a refetch keeps the draft")
    }

    @Test func aStaleCopySaysHowOldItIs() {
        let h = ProviderHarness()
        h.key(.alt("r"))
        h.send(.routingLoaded([:]))
        h.send(.providersLoaded(ProviderFixtures.endpoints(fetchedAt: h.state.now.addingTimeInterval(-45 * 60)), stale: true))
        #expect(h.screen().contains("offline: figures from 45 min ago, could not refresh"))
    }

    @Test func inCompareModeTheFocusedPanesModelOpensAndCtrlCStillStopsReplies() {
        let h = ProviderHarness()
        h.command("/compare a/one b/two")
        #expect(h.state.isComparing)
        h.key(.alt("2"))
        h.key(.alt("r"))
        #expect(h.state.providers?.model == "b/two")
        #expect(h.state.isStreaming == false)
        h.key(Key(.escape))
        h.command("hello")
        #expect(h.state.isStreaming)
        h.key(.alt("r"))
        #expect(h.state.focus == .providers)
        h.key(.char("j"))
        #expect(h.state.isStreaming, "table keys never touch the replies")
        h.key(.ctrl("c"))
        #expect(!h.state.isStreaming, "Ctrl-C stops the replies even with the table open")
        #expect(h.state.focus == .providers)
    }

    @Test func keysAreDataInTheProvidersContext() {
        var bindings = KeyBindings.defaults
        let warnings = bindings.apply(["providers.pin": "P", "providers.nonsense": "n", "open_providers": "f2"], parse: { try? KeySpec.parse($0) })
        #expect(warnings.count == 1 && warnings[0].contains("[keys.providers]: unknown command 'nonsense'"))
        let h = ProviderHarness()
        h.env.bindings = bindings
        h.key(Key(.function(2)))
        #expect(h.state.focus == .providers)
        h.send(.routingLoaded([:]))
        h.send(.providersLoaded(ProviderFixtures.endpoints(fetchedAt: h.state.now), stale: false))
        h.key(.char("p"))
        #expect(h.table.draft.isEmpty, "p no longer pins")
        h.key(.char("P"))
        #expect(h.table.draft.order == ["deepinfra/fp8"])
        var state = h.state
        let screen = AppRenderer(bindings: bindings).render(&state, theme: UIFixtures.theme()).text()
        #expect(screen.contains("P pin"), "\(screen)")
    }

    @Test func helpNamesTheProviderKeys() {
        let text = HelpText.lines(.defaults, width: 200).map { line -> String in
            switch line {
            case .binding(let keys, let summary): keys + " " + summary
            case .note(let note): note
            }
        }.joined(separator: "\n")
        #expect(text.contains("Alt-R the current model's providers"))
        #expect(text.contains("Providers (Alt-R, /providers, or Alt-R on a picker row)"))
    }
}
