import Foundation
import Testing
@testable import PrismCore

@Suite struct ServedRouteTests {
    @Test func servedAsAskedSaysNothing() {
        #expect(ServedRoute.explain(requested: "a/one", chain: nil, servedModel: "a/one", provider: "P", order: nil) == nil)
        #expect(ServedRoute.explain(requested: "openai/gpt-4o", chain: nil, servedModel: "openai/gpt-4o-2024-08-06", provider: nil, order: nil) == nil,
                "a dated snapshot is the model asked for")
        #expect(ServedRoute.explain(requested: "a/one:free", chain: nil, servedModel: "a/one", provider: nil, order: nil) == nil)
        #expect(ServedRoute.explain(requested: "a/one", chain: nil, servedModel: nil, provider: nil, order: ["x"]) == nil, "nothing known yet")
        #expect(ServedRoute.explain(requested: "a/one", chain: nil, servedModel: "a/one", provider: "DeepInfra", order: ["deepinfra/turbo"]) == nil)
        #expect(ServedRoute.explain(requested: "a/one", chain: nil, servedModel: "a/one", provider: "Google Vertex", order: ["google-vertex"]) == nil)
    }

    @Test func aLaterModelOfTheChainIsAFallbackAfterTheOnesBeforeItFailed() {
        let chain = ["a/one", "b/two", "c/three"]
        #expect(ServedRoute.explain(requested: "a/one", chain: chain, servedModel: "b/two", provider: nil, order: nil)
                == "served by fallback b/two after a/one failed")
        #expect(ServedRoute.explain(requested: "a/one", chain: chain, servedModel: "c/three", provider: "P", order: ["q"])
                == "served by fallback c/three after a/one, b/two failed")
        #expect(ServedRoute.failedBefore(requested: "a/one", chain: chain, servedModel: "a/one") == nil)
        // A fallback whose id starts with the first model's is still a fallback, not the same model.
        #expect(ServedRoute.explain(requested: "openai/gpt-4o", chain: ["openai/gpt-4o", "openai/gpt-4o-mini"],
                                    servedModel: "openai/gpt-4o-mini", provider: nil, order: nil)
                == "served by fallback openai/gpt-4o-mini after openai/gpt-4o failed")
        #expect(ServedRoute.explain(requested: "openai/gpt-4o", chain: ["openai/gpt-4o", "b/two"],
                                    servedModel: "openai/gpt-4o-2024-08-06", provider: nil, order: nil) == nil)
        #expect(ServedRoute.explain(requested: "a/one", chain: chain, servedModel: "b/two-20250101", provider: nil, order: nil)
                == "served by fallback b/two-20250101 after a/one failed", "a snapshot of a later model")
    }

    @Test func routersAndOtherModelsAreNamed() {
        #expect(ServedRoute.explain(requested: "openrouter/auto", chain: nil, servedModel: "anthropic/claude-sonnet-4.5", provider: nil, order: nil)
                == "routed to anthropic/claude-sonnet-4.5 by openrouter/auto")
        #expect(ServedRoute.explain(requested: "a/one", chain: nil, servedModel: "z/other", provider: nil, order: nil)
                == "served by z/other (asked for a/one)")
        #expect(ServedRoute.explain(requested: "openai/gpt-4o", chain: nil, servedModel: "openai/gpt-4o-mini", provider: nil, order: nil)
                == "served by openai/gpt-4o-mini (asked for openai/gpt-4o)")
    }

    @Test func aPinnedFirstProviderThatDidNotServeIsSaid() {
        #expect(ServedRoute.explain(requested: "a/one", chain: nil, servedModel: "a/one", provider: "Together", order: ["deepinfra", "together"])
                == "served by provider Together (asked for deepinfra first)")
    }

    @Test func aSavedReplyIsExplainedFromWhatItKeeps() throws {
        var m = Message(id: "r", parentID: "u", role: .assistant, content: "x", createdAt: sessionTestDate())
        m.modelRequested = "a/one"
        m.modelServed = "b/two"
        m.sentRoute = SentRoute(models: ["a/one", "b/two"])
        let data = try JSONEncoder().encode(m)
        #expect(String(decoding: data, as: UTF8.self).contains("\"sent_route\""))
        let back = try JSONDecoder().decode(Message.self, from: data)
        #expect(ServedRoute.explain(back) == "served by fallback b/two after a/one failed")
        // A file written before `sent_route` existed still reads, and says what it can.
        let old = #"{"id":"r","role":"assistant","content":"x","created_at":0,"model_requested":"a/one","model_served":"b/two"}"#
        let oldMessage = try JSONDecoder().decode(Message.self, from: Data(old.utf8))
        #expect(oldMessage.sentRoute == nil)
        #expect(ServedRoute.explain(oldMessage) == "served by b/two (asked for a/one)")
    }
}

@Suite struct RoutingBadgeTests {
    @Test func theBadgeSaysTheMostTellingPreferencesFirst() {
        let p = ProviderPreferences(order: ["a", "b"], allowFallbacks: false, sort: "throughput", maxPrice: MaxPrice(prompt: 1, completion: 4))
        #expect(p.badge(fitting: 80) == "⇄ throughput · 2 pinned · no fallbacks · ≤$1/$4")
        #expect(ProviderPreferences().badge(fitting: 80) == nil)
        #expect(ProviderPreferences(maxPrice: MaxPrice(completion: Decimal(string: "0.5"))).badge(fitting: 80) == "⇄ ≤–/$0.5")
        #expect(ProviderPreferences(zdr: true, quantizations: ["fp8"]).badge(fitting: 80) == "⇄ fp8 · zdr")
        #expect(ProviderPreferences(dataCollection: "deny", quantizations: ["fp8", "bf16"]).badge(fitting: 80) == "⇄ 2 quants · no data collection")
    }

    @Test func aNarrowBadgeLeavesWordsOffAndCountsThem() {
        let p = ProviderPreferences(order: ["a", "b"], allowFallbacks: false, sort: "throughput", maxPrice: MaxPrice(prompt: 1, completion: 4))
        #expect(p.badge(fitting: 30) == "⇄ throughput · 2 pinned +2")
        #expect(p.badge(fitting: 16) == "⇄ throughput +3")
        #expect(p.badge(fitting: 6) == "⇄+4")
        #expect(p.badge(fitting: 3) == "⇄+4")
        #expect(p.badge(fitting: 2) == nil)
        for width in 3...60 { #expect((p.badge(fitting: width)?.count ?? 0) <= width) }
    }
}
