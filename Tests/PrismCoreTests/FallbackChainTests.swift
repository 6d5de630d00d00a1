import Foundation
import Testing
@testable import PrismCore

/// The chain's rules, its default per model in `fallbacks.json`, and where it is (not) sent.
@Suite("Fallback chain")
struct FallbackChainTests {
    @Test func theRulesRefuseTheCurrentModelADuplicateAndAThirdFallback() {
        #expect(FallbackChain.refusal(adding: "b/two", to: ["a/one"], current: "c/main") == nil)
        #expect(FallbackChain.refusal(adding: "c/main", to: [], current: "c/main")?.contains("is the current model") == true)
        #expect(FallbackChain.refusal(adding: "a/one", to: ["a/one"], current: "c/main") == "a/one is already in the chain")
        #expect(FallbackChain.refusal(adding: "d/four", to: ["a/one", "b/two"], current: "c/main") == FallbackChain.limitRefusal)
        #expect(FallbackChain.maxFallbacks == 2 && FallbackChain.maxModels == 3)
        #expect(FallbackChain.shortName("openai/gpt-5-mini") == "gpt-5-mini" && FallbackChain.shortName("local") == "local")
    }

    @Test func defaultsAreSavedPerModelKeptBesideOthersAndForgottenWhenEmpty() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-fallbacks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("fallbacks.json")
        let store = SavedFallbacks(file: file)
        #expect(store.loadAll().models.isEmpty)
        try store.save(["b/two", "c/three"], for: "a/one")
        try SavedFallbacks(file: file).save(["a/one"], for: "x/other")
        #expect(store.loadAll().models == ["a/one": ["b/two", "c/three"], "x/other": ["a/one"]])
        try store.save([], for: "x/other")
        #expect(store.loadAll().models == ["a/one": ["b/two", "c/three"]])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aDamagedFileIsMovedAsideWithAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-fallbacks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("fallbacks.json")
        try Data("{ not json".utf8).write(to: file)
        let loaded = SavedFallbacks(file: file).loadAll()
        #expect(loaded.models.isEmpty)
        #expect(loaded.warning?.hasPrefix("fallbacks.json could not be read") == true)
    }

    @Test func theWorstCaseIsTheDearestModelOfTheChain() {
        let catalog = [ModelInfo(id: "cheap/main", pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000002"))),
                       ModelInfo(id: "dear/fallback", pricing: ModelPricing(prompt: Decimal(string: "0.00001"), completion: Decimal(string: "0.00003"))),
                       ModelInfo(id: "cheaper/fallback", pricing: ModelPricing(prompt: 0, completion: 0))]
        var session = Session(id: "s", createdAt: Date(timeIntervalSince1970: 0), model: "cheap/main")
        session.append(Message(id: "u1", parentID: nil, role: .user, content: "hello there", createdAt: Date(timeIntervalSince1970: 1)))
        func worst(_ chain: [String]) -> CostEstimate {
            session.settings.fallbackModels = chain
            let request = ChatRequest.build(model: "cheap/main", session: session, upTo: "u1", catalog: catalog, maxTokensCap: 1000, routing: .none)
            return RequestCost.estimate(request, session: session, upTo: "u1")
        }
        let alone = worst([])
        #expect(alone.model == "cheap/main" && alone.worstCase != nil)
        #expect(worst(["cheaper/fallback", "x/unknown"]) == alone, "a cheaper or unpriced fallback changes nothing")
        let dear = worst(["cheaper/fallback", "dear/fallback"])
        #expect(dear.model == "dear/fallback")
        #expect(dear.maxOutputCost == Decimal(string: "0.03"), "1000 tokens at the fallback's price, the max_tokens sent")
        #expect(dear.worstCase! > alone.worstCase!)
    }

    @Test func singleChatSendsTheChainAfterTheModelAndCompareSendsNone() throws {
        var session = Session(id: "s", createdAt: Date(timeIntervalSince1970: 0), model: "a/one",
                              settings: RequestSettings(fallbackModels: ["b/two", "c/three"]))
        session.append(Message(id: "u1", parentID: nil, role: .user, content: "hi", createdAt: Date(timeIntervalSince1970: 1)))
        func models(_ request: ChatRequest) throws -> [String]? {
            (try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])?["models"] as? [String]
        }
        let single = ChatRequest.build(model: "a/one", session: session, upTo: "u1", catalog: [], maxTokensCap: 100, routing: .none)
        #expect(try models(single) == ["a/one", "b/two", "c/three"])
        session.startCompare(models: ["a/one", "d/four"])
        let pane = ChatRequest.build(model: "d/four", session: session, upTo: "u1", catalog: [], maxTokensCap: 100, routing: .none)
        #expect(try models(pane) == nil)
        #expect(session.settings.fallbackModels == ["b/two", "c/three"], "the session keeps its chain for single chat")
    }
}
