import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A catalog with a listed free endpoint (`meta/llama:free`), a listed thinking variant, a
/// router and a plain paid model, on OpenRouter unless a test says otherwise.
private final class VariantHarness: ReducerHarness, @unchecked Sendable {
    static let catalog = [
        ModelInfo(id: "meta/llama", name: "Meta: Llama", contextLength: 128_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.0000001"), completion: Decimal(string: "0.0000002"))),
        ModelInfo(id: "meta/llama:free", name: "Meta: Llama (free)", contextLength: 8_000, pricing: ModelPricing(prompt: 0, completion: 0)),
        ModelInfo(id: "openai/gpt-4o", name: "OpenAI: GPT-4o", contextLength: 128_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.0000025"), completion: Decimal(string: "0.00001"))),
        ModelInfo(id: "openrouter/auto", name: "Auto Router"),
        ModelInfo(id: "mistralai/mistral-small-3.2-24b-instruct", name: "Mistral: Small 3.2", contextLength: 131_072,
                  pricing: ModelPricing(prompt: Decimal(string: "0.00000005"), completion: Decimal(string: "0.0000001"))),
        ModelInfo(id: "qwen/qwq", name: "Qwen: QwQ", contextLength: 32_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.0000002"), completion: Decimal(string: "0.0000006"))),
        ModelInfo(id: "qwen/qwq:thinking", name: "Qwen: QwQ (thinking)", contextLength: 32_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.0000003"), completion: Decimal(string: "0.0000009"))),
    ]

    init(size: Size = Size(width: 120, height: 40)) {
        super.init(model: "openai/gpt-4o", size: size)
        state.catalog = Self.catalog
        state.catalogFetchedAt = Date(timeIntervalSince1970: 100)
    }

    /// Opens the picker and moves the highlight onto `id`'s row.
    func highlight(_ id: String) {
        if state.focus != .picker { key(.ctrl("p")) }
        key(Key(.pageUp))
        for _ in 0..<10 where state.pickerSelectedModel?.id != id { key(Key(.down)) }
    }
}

@Suite("Picker variants: Ctrl-V cycles a row's variants")
struct PickerVariantTests {
    static let golden = GoldenFile(nextTo: #filePath)

    @Test func aListedFreeEndpointIsTheBaseRowsToggleNotARowOfItsOwn() {
        let h = VariantHarness()
        h.key(.ctrl("p"))
        let ids = h.state.picker.visibleModels(in: h.state.catalog).map(\.id)
        #expect(!ids.contains("meta/llama:free"))
        #expect(ids.contains("meta/llama"))
        #expect(ids.contains("qwen/qwq:thinking"), "other listed variants keep their rows")
        #expect(h.state.pickerRowCount == VariantHarness.catalog.count - 1)
        // A search for "free" still finds it, as the base row.
        h.type("free")
        #expect(h.state.picker.visibleModels(in: h.state.catalog).map(\.id) == ["meta/llama"])
        #expect(h.state.pickerRowCount == 1)
    }

    @Test func ctrlVCyclesBaseThenEachVariantThenBase() {
        let h = VariantHarness()
        h.highlight("meta/llama")
        #expect(h.state.offeredVariants(h.state.pickerSelectedModel!) == [.free, .nitro, .floor, .online])
        var seen: [String?] = []
        for _ in 0..<5 {
            let effects = h.key(.ctrl("v"))
            let fetches = [.nitro, .floor].contains(h.state.picker.variants["meta/llama"])
            #expect(effects == (fetches ? [.loadProviders(model: "meta/llama", refresh: false)] : []),
                    ":nitro and :floor fetch the providers' range until it is known (the cache answers a repeat)")
            seen.append(h.state.pickerSelectedChoice)
        }
        #expect(seen == ["meta/llama:free", "meta/llama:nitro", "meta/llama:floor", "meta/llama:online", "meta/llama"])
        #expect(h.state.picker.query.isEmpty, "Ctrl-V types nothing")
    }

    @Test func theRowShowsTheChosenVariantAndItsPriceAndEnterChoosesIt() {
        let h = VariantHarness()
        h.highlight("meta/llama")
        h.key(.ctrl("v"))
        let screen = h.screen()
        #expect(screen.contains("meta/llama [free]"))
        #expect(!screen.contains("free: free endpoint"), "the catalog's own :free entry needs no note")
        let row = screen.split(separator: "\n").first { $0.contains("meta/llama [free]") }.map(String.init) ?? ""
        #expect(row.contains("free") && row.contains("8k"), "the listed free endpoint's own context: \(row)")
        h.key(.ctrl("v"))
        let nitro = h.screen()
        let nitroRow = nitro.split(separator: "\n").first { $0.contains("meta/llama [nitro]") }.map(String.init) ?? ""
        #expect(nitroRow.contains("$0.1 ") && nitroRow.contains("128k"), "the base model's prices and context: \(nitroRow)")
        #expect(nitro.contains("nitro: fastest providers, base model's prices"))
        let effects = h.key(Key(.enter))
        #expect(h.state.session.model == "meta/llama:nitro")
        #expect(h.state.focus == .prompt)
        #expect(h.state.notice?.text == "model: meta/llama:nitro")
        #expect(effects.contains(.savePickerPreferences(favourites: [], recents: ["meta/llama:nitro"])))
    }

    @Test func theMarkKeyMarksTheChosenVariantForCompare() {
        let h = VariantHarness()
        h.highlight("openai/gpt-4o")
        h.key(.ctrl("t"))
        h.key(.ctrl("v"))
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked == ["openai/gpt-4o", "openai/gpt-4o:nitro"])
        h.key(Key(.enter))
        #expect(h.state.isComparing)
        #expect(h.state.notice?.kind == .info, "no 'not in the catalog' for a variant: \(h.state.notice?.text ?? "")")
    }

    @Test func routersAndOtherServersOfferNoRoutingVariants() {
        let h = VariantHarness()
        h.highlight("openrouter/auto")
        #expect(h.state.pickerSelectedModel?.id == "openrouter/auto")
        h.key(.ctrl("v"))
        #expect(h.state.picker.variants.isEmpty)
        #expect(h.state.notice?.text == "openrouter/auto has no variants here")
        #expect(!h.screen().contains("Ctrl-V variant"))
        h.highlight("qwen/qwq")
        #expect(h.state.offeredVariants(h.state.pickerSelectedModel!) == [.nitro, .floor, .online, .thinking])

        let local = VariantHarness()
        local.state.serverLabel = "localhost:11434"
        local.highlight("meta/llama")
        #expect(local.state.offeredVariants(local.state.pickerSelectedModel!) == [.free], "only what the catalog lists")
        local.highlight("openai/gpt-4o")
        local.key(.ctrl("v"))
        #expect(local.state.picker.variants.isEmpty)
        // Started with a variant this server does not offer: the row shows it, and the key goes back to the base.
        local.key(Key(.escape))
        local.state.session.model = "openai/gpt-4o:nitro"
        local.key(.ctrl("p"))
        #expect(local.state.pickerSelectedChoice == "openai/gpt-4o:nitro")
        local.key(.ctrl("v"))
        #expect(local.state.pickerSelectedChoice == "openai/gpt-4o")
    }

    @Test func theVariantKeyIsConfigurable() {
        let h = VariantHarness()
        var bindings = KeyBindings.defaults
        let warnings = bindings.apply(["picker.variant": "alt+v"], parse: { try? KeySpec.parse($0) })
        #expect(warnings.isEmpty)
        h.env.bindings = bindings
        h.highlight("openai/gpt-4o")
        h.key(.alt("v"))
        #expect(h.state.pickerSelectedChoice == "openai/gpt-4o:nitro")
        var state = h.state
        #expect(AppRenderer(bindings: bindings).render(&state, theme: UIFixtures.theme()).text().contains("Alt-V variant"))
    }

    @Test func openingThePickerOnAVariantHighlightsItsBaseWithTheVariantChosen() {
        let h = VariantHarness()
        h.state.session.model = "meta/llama:free"
        h.key(.ctrl("p"))
        #expect(h.state.pickerSelectedModel?.id == "meta/llama")
        #expect(h.state.pickerSelectedChoice == "meta/llama:free")
        h.key(Key(.escape))
        h.state.session.model = "openai/gpt-4o:floor"
        h.key(.ctrl("p"))
        #expect(h.state.pickerSelectedChoice == "openai/gpt-4o:floor")
    }

    @Test func slashModelWithAVariantIsPricedNotUnknown() {
        let h = VariantHarness()
        h.command("/model openai/gpt-4o:nitro")
        #expect(h.state.session.model == "openai/gpt-4o:nitro")
        #expect(h.state.notice?.kind == .info)
        #expect(h.state.notice?.text == "model: openai/gpt-4o:nitro (nitro: fastest providers, base model's prices)")
        #expect(h.state.modelInfo?.pricing.prompt == Decimal(string: "0.0000025"))
        h.command("/model nobody/model:nitro")
        #expect(h.state.notice?.text == "model: nobody/model:nitro (not in the catalog)")
    }

    @Test("picker with a variant chosen", arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func golden(size: Size) {
        let h = VariantHarness(size: size)
        h.highlight("openai/gpt-4o")
        h.key(.ctrl("v"))
        var s = h.state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: "picker-variants-\(size)") { Issue.record(Comment(rawValue: problem)) }
    }
}

@Suite("Picker variants: the current model's dot")
struct PickerVariantDotTests {
    @Test func theDotIsOnTheVariantsOwnRowElseOnItsBase() {
        let h = VariantHarness()
        h.state.session.model = "qwen/qwq:thinking"
        #expect(h.state.pickerCurrentRowID == "qwen/qwq:thinking", "a listed variant keeps its own row")
        h.state.session.model = "meta/llama:free"
        #expect(h.state.pickerCurrentRowID == "meta/llama", "a free twin is its base row's toggle")
        h.state.session.model = "openai/gpt-4o:nitro"
        #expect(h.state.pickerCurrentRowID == "openai/gpt-4o")
        h.key(.ctrl("p"))
        let rows = h.screen().split(separator: "\n").filter { $0.contains("●") }
        #expect(rows.count == 1 && rows[0].contains("openai/gpt-4o [nitro]"), "\(rows)")
    }
}

@Suite("Picker variants: recents")
struct PickerVariantRecentsTests {
    @Test func aChosenVariantKeepsItsBaseRowAmongTheRecents() {
        let h = VariantHarness()
        h.highlight("qwen/qwq")
        h.key(.ctrl("v"))
        h.key(Key(.enter))
        #expect(h.state.picker.recents == ["qwen/qwq:nitro"])
        h.key(.ctrl("p"))
        let ids = h.state.picker.visibleModels(in: h.state.catalog).map(\.id)
        #expect(ids.first == "qwen/qwq", "recents sort first, by their base row: \(ids)")
        let row = h.screen().split(separator: "\n").first { $0.contains("qwen/qwq [nitro]") }.map(String.init) ?? ""
        #expect(row.contains("↺"), "\(row)")
    }
}

@Suite("Variants: the prompt border's estimate")
struct VariantPreviewTests {
    @Test func aVariantDraftIsPricedAndOnlineSaysTheSearchIsExtra() {
        let h = VariantHarness()
        h.state.session.model = "openai/gpt-4o:floor"
        h.type("how much?")
        let floor = h.screen()
        #expect(floor.contains("≈ $"), "priced from the base model")
        #expect(!floor.contains("no price for"))
        #expect(!floor.contains("web search"))
        h.state.session.model = "openai/gpt-4o:online"
        #expect(h.screen().contains("at most + web search"))
        h.state.session.model = "meta/llama:free"
        #expect(h.screen().contains("≈ $0 in"), "\(h.screen().split(separator: "\n").filter { $0.contains("≈") })")
    }
}

/// `:nitro` and `:floor` pick a provider by speed or price, so the picker says what the providers charge.
@Suite("Picker variants: the providers' price range")
struct PickerVariantRangeTests {
    static let endpoints = ModelEndpoints(modelID: "openai/gpt-4o", fetchedAt: Date(timeIntervalSince1970: 100), endpoints: [
        ProviderEndpoint(providerName: "OpenAI", pricing: ModelPricing(prompt: Decimal(string: "0.0000025"), completion: Decimal(string: "0.00001"))),
        ProviderEndpoint(providerName: "Azure", pricing: ModelPricing(prompt: Decimal(string: "0.000003"), completion: Decimal(string: "0.000012"))),
        ProviderEndpoint(providerName: "NoPrice"),
    ])

    @Test func choosingNitroFetchesTheProvidersOnceAndTheNoteShowsTheirRange() {
        let h = VariantHarness()
        h.highlight("openai/gpt-4o")
        let effects = h.key(.ctrl("v"))
        #expect(h.state.picker.variants["openai/gpt-4o"] == .nitro)
        #expect(effects == [.loadProviders(model: "openai/gpt-4o", refresh: false)])
        #expect(h.screen().contains("nitro: fastest providers, base model's prices"), "until the providers answer")
        h.send(.providersLoaded(Self.endpoints, stale: false))
        #expect(h.screen().contains("nitro: fastest of 2 providers, $2.5–$3 in, $10–$12 out per M"))
        // Floor next: the range is known, nothing is fetched again.
        #expect(h.key(.ctrl("v")).isEmpty)
        #expect(h.screen().contains("floor: cheapest of 2 providers, $2.5–$3 in, $10–$12 out per M"))
        // :online is not priced by provider choice: its note is unchanged.
        h.key(.ctrl("v"))
        #expect(h.screen().contains("online: web search per request, not in these prices"))
        // Sending to :nitro is bounded by the dearest provider, not the catalog's price.
        h.state.session.model = "openai/gpt-4o:nitro"
        let estimate = CostPreview.estimate(h.state, lane: 0, maxTokensCap: 1000)
        #expect(estimate?.maxOutputCost == Decimal(string: "0.000012")! * 1000)
    }

    @Test func aDraftForANitroModelFetchesItsProvidersFirstAndTheRequestIsPricedAtTheDearest() {
        let h = VariantHarness()
        h.state.session.model = "openai/gpt-4o:nitro"
        #expect(h.key(.char("h")).contains(.loadProviders(model: "openai/gpt-4o", refresh: false)))
        h.send(.providersLoaded(Self.endpoints, stale: false))
        h.key(.ctrl("u"))
        #expect(!h.key(.char("h")).contains { if case .loadProviders = $0 { true } else { false } }, "known now: not fetched again")
        let started = h.key(Key(.enter)).compactMap { effect -> ChatRequest? in
            if case .startStream(_, let request, _) = effect { request } else { nil }
        }
        #expect(started.first?.pricing?.completion == Decimal(string: "0.000012"), "the dearest provider's price")
    }
}
