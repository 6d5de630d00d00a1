import Foundation
import Testing
@testable import PrismCore

/// A catalog shaped like OpenRouter's, with the odd entries real catalogs contain.
private let catalogPayload = #"""
{"data":[
 {"id":"openai/gpt-4","canonical_slug":"openai/gpt-4","name":"OpenAI: GPT-4","created":1692901234,
  "description":"…","context_length":8192,"hugging_face_id":null,"knowledge_cutoff":null,"expiration_date":null,
  "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],"tokenizer":"GPT","instruct_type":null},
  "pricing":{"prompt":"0.00003","completion":"0.00006","request":"0","image":"0","web_search":"0","internal_reasoning":"0",
             "input_cache_read":"0.000015","input_cache_write":"0.0000375","discount":0,"overrides":[{"x":1}]},
  "top_provider":{"context_length":8192,"max_completion_tokens":4096,"is_moderated":true},
  "per_request_limits":null,"default_parameters":null,"supported_parameters":["temperature","top_p","max_tokens","tools","tool_choice"],
  "reasoning":{"supported_efforts":["high"],"default_effort":"medium"},"links":{"details":"/api/v1/models/openai/gpt-4/endpoints"},
  "benchmarks":{"mmlu":0.86},"future_field":{"nested":[1,2,3]}},
 {"id":"openrouter/auto","name":"Auto Router","created":1699401600,"context_length":2000000,
  "architecture":{"modality":"text+image->text"},
  "pricing":{"prompt":"-1","completion":"-1"},"top_provider":{"context_length":null,"max_completion_tokens":null},
  "supported_parameters":null},
 {"id":"google/gemini-2.5-flash:free","name":"Gemini Flash (free)","created":"not a number","context_length":"1048576",
  "architecture":{"input_modalities":["text","image","file"],"output_modalities":["text"]},
  "pricing":{"prompt":"0","completion":"0"},"top_provider":{"max_completion_tokens":65536},
  "supported_parameters":["reasoning","tools","max_tokens"]},
 {"name":"an entry without an id is skipped"},
 {"id":"weird/numbers","name":"Numeric prices","pricing":{"prompt":0.000001,"completion":2e-6}}
],"links":{"next":null},"total_count":5}
"""#

@Suite("Model catalog")
struct CatalogTests {
    let models = try! ModelInfo.decodeCatalog(Data(catalogPayload.utf8))

    @Test func oddEntriesAreReadAndBrokenOnesSkipped() {
        #expect(models.map(\.id) == ["openai/gpt-4", "openrouter/auto", "google/gemini-2.5-flash:free", "weird/numbers"])
    }

    @Test func pricesAreExactDecimals() throws {
        let gpt4 = try #require(models.first)
        #expect(gpt4.pricing.prompt == Decimal(string: "0.00003"))
        #expect(gpt4.pricing.promptPerMillion == 30)
        #expect(gpt4.pricing.completionPerMillion == 60)
        #expect(gpt4.pricing.inputCacheRead == Decimal(string: "0.000015"))
        #expect(gpt4.maxCompletionTokens == 4096)
        #expect(gpt4.contextLength == 8192)
        #expect(gpt4.supportsTools && !gpt4.supportsReasoning)
        #expect(gpt4.created == Date(timeIntervalSince1970: 1692901234))
    }

    @Test func negativePriceMeansUnknownNotFree() throws {
        let auto = try #require(models.first { $0.id == "openrouter/auto" })
        #expect(auto.pricing.prompt == nil && auto.pricing.completion == nil)
        #expect(!auto.pricing.isFree)
        #expect(Formatting.perMillion(auto.pricing.prompt) == "?")
        #expect(auto.inputModalities == ["text", "image"], "derived from the legacy modality string")
        #expect(auto.maxCompletionTokens == nil)
    }

    @Test func freeModelsAndWrongTypesDegradeGracefully() throws {
        let free = try #require(models.first { $0.id.hasSuffix(":free") })
        #expect(free.pricing.isFree)
        #expect(free.created == nil)
        #expect(free.contextLength == nil, "a string where a number belongs reads as unknown")
        #expect(free.acceptsImages && free.acceptsFiles && free.supportsReasoning)
        let numeric = try #require(models.first { $0.id == "weird/numbers" })
        #expect(numeric.pricing.prompt == Decimal(string: "0.000001"))
    }

    @Test func cacheRoundTripsAndIsKeyedByBaseURL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = CatalogCache(file: dir.appendingPathComponent("models.json"))
        let base = URL(string: "https://openrouter.ai/api/v1")!
        let snapshot = CatalogSnapshot(fetchedAt: Date(timeIntervalSince1970: 1_700_000_000), baseURL: base.absoluteString, models: models)
        try cache.save(snapshot)
        let loaded = try #require(cache.load(baseURL: base))
        #expect(loaded.models == models)
        #expect(cache.load(baseURL: URL(string: "http://localhost:11434/v1")!) == nil)
        #expect(cache.isStale(loaded, now: Date(timeIntervalSince1970: 1_700_000_000 + 7 * 3600)))
        #expect(!cache.isStale(loaded, now: Date(timeIntervalSince1970: 1_700_000_000 + 60)))
    }

    @Test func maxTokensDefaultsToTheModelLimitCappedByConfig() {
        #expect(ChatRequest.resolveMaxTokens(explicit: nil, configuredCap: 4096, modelLimit: 65536) == 4096)
        #expect(ChatRequest.resolveMaxTokens(explicit: nil, configuredCap: 4096, modelLimit: 1024) == 1024)
        #expect(ChatRequest.resolveMaxTokens(explicit: nil, configuredCap: 4096, modelLimit: nil) == 4096)
        #expect(ChatRequest.resolveMaxTokens(explicit: 9000, configuredCap: 4096, modelLimit: 1024) == 9000)
    }
}
