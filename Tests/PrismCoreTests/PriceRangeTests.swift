import Foundation
import Testing
@testable import PrismCore

@Suite("Providers' price range for :nitro and :floor")
struct PriceRangeTests {
    static func endpoint(_ name: String, _ prompt: String?, _ completion: String?) -> ProviderEndpoint {
        ProviderEndpoint(providerName: name, pricing: ModelPricing(prompt: prompt.flatMap { Decimal(string: $0) },
                                                                   completion: completion.flatMap { Decimal(string: $0) }))
    }

    @Test func spansTheProvidersThatStateBothPrices() throws {
        let endpoints = ModelEndpoints(modelID: "a/b", fetchedAt: Date(), endpoints: [
            Self.endpoint("A", "0.000001", "0.000002"), Self.endpoint("B", "0.0000009", "0.0000025"),
            Self.endpoint("C", nil, "0.1"),
        ])
        let range = try #require(PriceRange(endpoints))
        #expect(range.prompt == Decimal(string: "0.0000009")!...Decimal(string: "0.000001")!)
        #expect(range.completion == Decimal(string: "0.000002")!...Decimal(string: "0.0000025")!)
        #expect(range.providers == 2, "C states no prompt price")
        #expect(range.text == "$0.9–$1 in, $2–$2.5 out per M")
        #expect(PriceRange(ModelEndpoints(modelID: "a/b", fetchedAt: Date(), endpoints: [Self.endpoint("C", nil, nil)])) == nil)
    }

    @Test func onlyNitroAndFloorNotesTakeTheRange() throws {
        let range = try #require(PriceRange(ModelEndpoints(modelID: "a/b", fetchedAt: Date(), endpoints: [Self.endpoint("A", "0.000001", "0.000002")])))
        #expect(PriceRange.note(for: "a/b:floor", base: ModelVariant.floor.note, range: range)
                == "floor: cheapest of 1 provider, $1 in, $2 out per M")
        #expect(PriceRange.note(for: "a/b:online", base: ModelVariant.online.note, range: range) == ModelVariant.online.note)
        #expect(PriceRange.note(for: "a/b:nitro", base: ModelVariant.nitro.note, range: nil) == ModelVariant.nitro.note)
    }

    @Test func nitroAndFloorAreBoundedByTheDearestProvider() throws {
        let range = try #require(PriceRange(ModelEndpoints(modelID: "a/b", fetchedAt: Date(), endpoints: [
            Self.endpoint("A", "0.000001", "0.000002"), Self.endpoint("B", "0.000003", "0.000001"),
        ])))
        let base = ModelInfo(id: "a/b", pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000002")))
        let nitro = try #require(PriceRange.pricing(base, for: "a/b:nitro", range: range))
        #expect(nitro.pricing.prompt == Decimal(string: "0.000003") && nitro.pricing.completion == Decimal(string: "0.000002"))
        #expect(PriceRange.pricing(base, for: "a/b:online", range: range) == base)
        #expect(PriceRange.pricing(base, for: "a/b:nitro", range: nil) == base)
    }
}
