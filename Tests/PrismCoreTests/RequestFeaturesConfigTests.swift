import Foundation
import Testing
@testable import PrismCore

/// `[web]`, `[pdf]` and `[cache]` in config.toml, and the price a search adds to an estimate.
@Suite struct RequestFeaturesConfigTests {
    @Test func theTablesAreRead() throws {
        let (config, warnings) = try PrismConfig.parse("""
            [web]
            max_results = 3
            engine = "exa"
            [pdf]
            engine = "mistral-ocr"
            [cache]
            auto = false
            min_tokens = 2048
            """)
        #expect(warnings.isEmpty)
        let f = try #require(config.features)
        #expect(f.web == WebSearchSettings(maxResults: 3, engine: "exa"))
        #expect(f.pdfEngine == .mistralOCR)
        #expect(f.cache == PromptCacheSettings(auto: false, minTokens: 2048))
        #expect(try PrismConfig.parse("model = \"a/b\"\n").config.features == nil)
    }

    @Test func badValuesAreErrorsAndUnknownKeysWarnings() throws {
        for text in ["[pdf]\nengine = \"laser\"\n", "[web]\nmax_results = 0\n", "[web]\nmax_results = 99\n",
                     "[web]\nengine = \"bing\"\n", "[cache]\nauto = \"yes\"\n", "[cache]\nmin_tokens = 0\n"] {
            #expect(throws: TOMLError.self, "\(text)") { try PrismConfig.parse(text) }
        }
        let warnings = try PrismConfig.parse("[cache]\nttl = 5\n").warnings
        #expect(warnings.count == 1 && warnings[0].contains("ttl"))
    }

    @Test func aSearchAddsItsPriceToTheEstimate() {
        let info = ModelInfo(id: "a/b", pricing: ModelPricing(prompt: 0, completion: 0))
        let basis = EstimateBasis(thread: ThreadEstimate(), draft: PendingText(message: "hi"), explicitMaxTokens: nil, maxTokensCap: 10)
        #expect(CostEstimator.estimate(model: "a/b", info: info, basis: basis).inputCost == 0)
        var web = basis
        web.searchesWeb = true
        #expect(CostEstimator.estimate(model: "a/b", info: info, basis: web).inputCost == Decimal(string: "0.007"))
        #expect(CostEstimator.estimate(model: "a/b:online", info: info, basis: web).inputCost == 0, "said beside, as before")
        var priced = info
        priced.pricing.webSearch = Decimal(string: "0.02")
        #expect(CostEstimator.estimate(model: "a/b", info: priced, basis: web).inputCost == Decimal(string: "0.02"))
    }
}
