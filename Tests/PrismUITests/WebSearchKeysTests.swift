import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Web search, PDF engines and cache savings in the chat screen: keys and commands in,
/// settings, requests and the screen out.
@Suite("Chat screen: web search, PDF engine, cache")
struct WebSearchKeysTests {
    func startedRequest(_ effects: [Effect]) -> ChatRequest? {
        for effect in effects { if case .startStream(_, let request, _) = effect { return request } }
        return nil
    }

    @Test func altOTurnsWebSearchOnWithConfigSettingsAndTheRequestCarriesThePlugin() throws {
        let h = ReducerHarness(model: "openai/gpt-5")
        h.env.features.web = WebSearchSettings(maxResults: 4)
        h.key(.alt("o"))
        #expect(h.state.session.settings.web == WebSearchSettings(maxResults: 4))
        #expect(h.state.notice?.text.hasPrefix("web search on, 4 results") == true)
        #expect(h.screen().contains("web"))
        let request = try #require(startedRequest(h.command("what happened today?")))
        let body = try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
        #expect((body["plugins"] as? [[String: Any]])?.first?["max_results"] as? Int == 4)
        // Saved with the session, and off again with the same key.
        let effects = h.key(.alt("o"))
        #expect(h.state.session.settings.web == nil)
        #expect(effects.contains { if case .saveSession(let s) = $0 { return s.settings.web == nil } else { return false } })
        #expect(h.state.notice?.text == "web search off")
    }

    @Test func theToggleIsABindingConfigCanMove() {
        var bindings = KeyBindings.defaults
        _ = bindings.apply(["toggle_web": "ctrl+w"], parse: { try? KeySpec.parse($0) })
        #expect(bindings.command(for: .ctrl("w")) == .toggleWeb)
        #expect(bindings.name(.toggleWeb) == "Ctrl-W")
        let h = ReducerHarness()
        h.env.bindings = bindings
        h.key(.ctrl("w"))
        #expect(h.state.session.settings.web != nil)
    }

    @Test func slashWebTakesOnOffAndACountAndRefusesTheRest() {
        let h = ReducerHarness()
        h.command("/web 7")
        #expect(h.state.session.settings.web?.maxResults == 7)
        h.command("/web off")
        #expect(h.state.session.settings.web == nil)
        h.command("/web on")
        #expect(h.state.session.settings.web == WebSearchSettings())
        h.command("/web 99")
        #expect(h.state.notice?.kind == .error && h.state.notice?.text.hasPrefix("usage: /web on|off|N") == true)
        #expect(h.state.session.settings.web == WebSearchSettings())
    }

    @Test func theEstimateAddsASearchWhenWebIsOn() {
        let h = ReducerHarness(model: "anthropic/claude-sonnet-4.5")
        h.state.catalog = UIFixtures.catalog
        h.type("hello")
        let before = CostPreview.estimate(h.state, lane: 0, maxTokensCap: 1000)?.inputCost ?? 0
        h.key(.alt("o"))
        let after = CostPreview.estimate(h.state, lane: 0, maxTokensCap: 1000)?.inputCost ?? 0
        #expect(after - before == WebSearchSettings.defaultPricePerRequest)
        #expect(h.screen().contains("at most incl. web search"), "the prompt's estimate says the search is in it")
    }

    @Test func slashPDFSetsTheEngineAndThePendingAttachmentShowsIt() throws {
        let h = ReducerHarness()
        h.command("/pdf ocr")
        #expect(h.state.notice?.kind == .error)
        #expect(h.state.notice?.text.contains("choose one of: pdf-text, mistral-ocr, cloudflare-ai, native") == true)
        h.command("/pdf mistral-ocr")
        #expect(h.state.session.settings.pdfEngine == .mistralOCR)
        h.send(.attachmentChecked(Attachment(kind: .file, source: "/tmp/report.pdf", mimeType: "application/pdf", byteSize: 122_880),
                                  typed: "report.pdf"))
        let request = try #require(startedRequest(h.command("summarise")))
        #expect(request.settings.pdfEngine == .mistralOCR)
        #expect(h.screen().contains("attached: report.pdf · application/pdf · 120.0 KiB · mistral-ocr"))
    }

    @Test func anthropicRequestsFromTheScreenFollowTheCacheConfig() throws {
        let h = ReducerHarness(model: "anthropic/claude-sonnet-4.5")
        h.state.session.systemPrompt = String(repeating: "Stay on topic and cite sources. ", count: 200)
        let on = try #require(startedRequest(h.command("hi")))
        #expect(on.cacheBreakpoints.contains(0))
        h.finish(1, "hello")
        h.env.features.cache.auto = false
        let off = try #require(startedRequest(h.command("again")))
        #expect(off.cacheBreakpoints.isEmpty)
    }
}
