import Foundation
import Testing
@testable import PrismCore

/// Per-model provider preferences in routing.json, and how layers of preferences combine.
@Suite("Saved routing and layered provider preferences")
struct SavedRoutingTests {
    private func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("prism-routing-\(UUID().uuidString)", isDirectory: true)
    }

    @Test func savesPerModelAndAnotherInstanceReadsIt() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("routing.json")
        let writer = SavedRouting(file: file)
        try writer.save(ProviderPreferences(order: ["deepinfra", "together"], sort: "throughput"), for: "meta/llama")
        try writer.save(ProviderPreferences(zdr: true), for: "meta/llama:nitro")

        let reader = SavedRouting(file: file)
        #expect(reader.preferences(for: "meta/llama")?.order == ["deepinfra", "together"])
        #expect(reader.preferences(for: "meta/llama")?.sort == "throughput")
        #expect(reader.preferences(for: "meta/llama:nitro")?.zdr == true)
        #expect(reader.preferences(for: "other/model") == nil)

        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func savingNothingForgetsTheModel() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let routing = SavedRouting(file: dir.appendingPathComponent("routing.json"))
        try routing.save(ProviderPreferences(ignore: ["azure"]), for: "a/b")
        try routing.save(ProviderPreferences(), for: "a/b")
        #expect(routing.preferences(for: "a/b") == nil)
        #expect(routing.loadAll().models.isEmpty)
    }

    @Test func aDamagedFileIsMovedAsideNotOverwritten() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("routing.json")
        try Data("{ not json".utf8).write(to: file)
        let routing = SavedRouting(file: file)
        let loaded = routing.loadAll()
        #expect(loaded.models.isEmpty)
        #expect(loaded.warning?.contains("routing.json could not be read") == true)
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("corrupt").path)
        #expect(aside.count == 1)
        try routing.save(ProviderPreferences(sort: "price"), for: "a/b")
        #expect(routing.preferences(for: "a/b")?.sort == "price")
    }

    @Test func higherLayersWinFieldByField() {
        let config = ProviderPreferences(order: ["openai"], dataCollection: "deny", sort: "price",
                                         maxPrice: MaxPrice(prompt: 1, completion: 4))
        let saved = ProviderPreferences(allowFallbacks: false, sort: "throughput", maxPrice: MaxPrice(completion: 2))
        let flags = ProviderPreferences(order: ["anthropic"], quantizations: ["fp8"])
        let merged = ProviderPreferences.layered([config, saved, flags])
        #expect(merged?.order == ["anthropic"])
        #expect(merged?.allowFallbacks == false)
        #expect(merged?.dataCollection == "deny")
        #expect(merged?.sort == "throughput")
        #expect(merged?.quantizations == ["fp8"])
        #expect(merged?.maxPrice == MaxPrice(prompt: 1, completion: 2))
        #expect(ProviderPreferences.layered([nil, ProviderPreferences(), nil]) == nil)
    }

    @Test func quantizationsAreReadFromConfigAndSent() throws {
        let (config, warnings) = try PrismConfig.parse("[provider]\nquantizations = [\"fp8\", \"bf16\"]\n")
        #expect(warnings.isEmpty)
        #expect(config.provider?.quantizations == ["fp8", "bf16"])
        let request = ChatRequest(model: "a/b", messages: [ChatMessage(role: .user, content: "hi")],
                                  settings: RequestSettings(provider: config.provider), maxTokens: 10)
        let body = try JSONSerialization.jsonObject(with: try request.body()) as? [String: Any]
        let provider = body?["provider"] as? [String: Any]
        #expect(provider?["quantizations"] as? [String] == ["fp8", "bf16"])
    }
}
