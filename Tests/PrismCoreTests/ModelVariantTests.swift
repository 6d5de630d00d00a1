import Foundation
import Testing
@testable import PrismCore

/// Model ids with variant suffixes: how they are read, and how the one catalog lookup prices them.
@Suite struct ModelVariantTests {
    static let base = ModelInfo(id: "openai/gpt-4o", name: "OpenAI: GPT-4o", contextLength: 128_000,
                                pricing: ModelPricing(prompt: Decimal(string: "0.0000025"), completion: Decimal(string: "0.00001"),
                                                      request: Decimal(string: "0.001")),
                                maxCompletionTokens: 16_384)
    /// The catalog lists this free endpoint itself, with a smaller context than the paid one.
    static let listedFree = ModelInfo(id: "meta/llama:free", name: "Llama (free)", contextLength: 8_000,
                                      pricing: ModelPricing(prompt: 0, completion: 0))
    static let llama = ModelInfo(id: "meta/llama", name: "Llama", contextLength: 128_000,
                                 pricing: ModelPricing(prompt: Decimal(string: "0.0000001"), completion: Decimal(string: "0.0000002")))
    static let router = ModelInfo(id: "openrouter/auto", name: "Auto Router", pricing: ModelPricing())
    static let catalog = [base, llama, listedFree, router]

    @Test func knownSuffixesAreReadFromTheEndInOrder() {
        #expect(ModelVariant.parse("openai/gpt-4o") == ("openai/gpt-4o", []))
        #expect(ModelVariant.parse("openai/gpt-4o:nitro") == ("openai/gpt-4o", [.nitro]))
        #expect(ModelVariant.parse("x/y:free:online") == ("x/y", [.free, .online]))
        // An unknown last suffix keeps the whole id: it names a model of its own.
        #expect(ModelVariant.parse("x/y:beta") == ("x/y:beta", []))
        #expect(ModelVariant.parse("x/y:nitro:beta") == ("x/y:nitro:beta", []))
        // A known suffix after an unknown one is still read.
        #expect(ModelVariant.parse("x/y:beta:floor") == ("x/y:beta", [.floor]))
        // A bare suffix is not a variant of nothing.
        #expect(ModelVariant.parse(":free") == (":free", []))
    }

    @Test func anExactCatalogIdWins() {
        let entry = Self.catalog.entry(for: "meta/llama:free")
        #expect(entry == Self.listedFree, "the catalog's own :free entry, with its own context")
        #expect(entry?.variantNote == nil)
        #expect(Self.catalog.entry(for: "openai/gpt-4o") == Self.base)
    }

    @Test func nitroAndFloorKeepTheBasePricesAndSaySo() throws {
        for variant in [ModelVariant.nitro, .floor] {
            let entry = try #require(Self.catalog.entry(for: "openai/gpt-4o" + variant.suffix))
            #expect(entry.id == "openai/gpt-4o:" + variant.rawValue)
            #expect(entry.name == "OpenAI: GPT-4o (\(variant.rawValue))")
            #expect(entry.pricing == Self.base.pricing)
            #expect(entry.contextLength == 128_000)
            #expect(entry.maxCompletionTokens == 16_384)
            #expect(entry.variantNote?.contains("base model's prices") == true)
        }
        #expect(Self.catalog.entry(for: "openai/gpt-4o:nitro")?.variantNote?.hasPrefix("nitro: fastest") == true)
        #expect(Self.catalog.entry(for: "openai/gpt-4o:floor")?.variantNote?.hasPrefix("floor: cheapest") == true)
    }

    @Test func aDerivedFreeVariantCostsNothing() throws {
        let entry = try #require(Self.catalog.entry(for: "openai/gpt-4o:free"))
        #expect(entry.pricing.isFree)
        #expect(entry.pricing.request == 0)
        #expect(entry.pricing.estimate(promptTokens: 1000, completionTokens: 1000) == 0)
    }

    @Test func onlineKeepsTokenPricesAndNotesTheSearchIsExtra() throws {
        let entry = try #require(Self.catalog.entry(for: "openai/gpt-4o:online"))
        #expect(entry.pricing == Self.base.pricing)
        #expect(entry.variantNote?.contains("web search") == true)
    }

    @Test func stackedSuffixesStartFromTheLongestListedPrefix() throws {
        // meta/llama:free is listed: :online is applied to it, keeping its context and zero prices.
        let online = try #require(Self.catalog.entry(for: "meta/llama:free:online"))
        #expect(online.id == "meta/llama:free:online")
        #expect(online.contextLength == 8_000)
        #expect(online.pricing.isFree)
        #expect(online.variantNote?.contains("web search") == true)
        // openai/gpt-4o:free is not listed: both come from the base.
        let both = try #require(Self.catalog.entry(for: "openai/gpt-4o:free:online"))
        #expect(both.pricing.isFree)
        #expect(both.variantNote == ModelVariant.free.note + "; " + ModelVariant.online.note)
    }

    @Test func unknownIdsAndSuffixesAreNotInTheCatalog() {
        #expect(Self.catalog.entry(for: "openai/gpt-4o:beta") == nil)
        #expect(Self.catalog.entry(for: "nobody/model:nitro") == nil)
        #expect(Self.catalog.entry(for: "nobody/model") == nil)
    }

    @Test func aRoutersVariantKeepsItsUnknownPrices() throws {
        #expect(Self.router.isRouter)
        #expect(ModelInfo(id: "~anthropic/claude-sonnet-latest").isRouter)
        #expect(!Self.base.isRouter)
        let entry = try #require(Self.catalog.entry(for: "openrouter/auto:nitro"))
        #expect(entry.pricing.prompt == nil, "a router's price is per request's pick: unknown, never 0")
    }

    @Test func requestsAndEstimatesPriceTheVariant() {
        let session = Session(id: "s", createdAt: Date(timeIntervalSince1970: 0), systemPrompt: nil, model: "openai/gpt-4o:nitro")
        let request = ChatRequest.build(model: "openai/gpt-4o:nitro", session: session, upTo: nil, catalog: Self.catalog, maxTokensCap: 100_000, routing: .none)
        #expect(request.pricing == Self.base.pricing)
        #expect(request.maxTokens == 16_384, "the base model's completion limit")
        let free = CostEstimator.estimate(model: "openai/gpt-4o:free", session: session, upTo: nil, catalog: Self.catalog,
                                          maxTokensCap: 4096, draft: "hello")
        #expect(free.inputCost == 0)
        #expect(free.worstCase == 0)
        let nitro = CostEstimator.estimate(model: "openai/gpt-4o:nitro", session: session, upTo: nil, catalog: Self.catalog,
                                           maxTokensCap: 4096, draft: "hello")
        #expect(nitro.inputCost != nil && nitro.inputCost! > 0)
    }
}
