import Foundation
import PrismStub
import Testing
@testable import PrismCore

@Suite("Model endpoints: decoding, cache, sort and summary")
struct EndpointsTests {
    let fetched = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the stub's answer decodes leniently: odd fields read, a nameless entry skipped")
    func decodesStubPayload() throws {
        let data = try #require(StubModels.endpointsPayload(for: "stub/fast"))
        let e = try ModelEndpoints.decode(data, modelID: "stub/fast", fetchedAt: fetched)
        #expect(e.endpoints.map(\.providerName) == ["DeepInfra", "Together", "Fireworks", "Odd\u{1B}[31mCloud"])
        #expect(e.skipped == 1)
        let deepinfra = e.endpoints[0]
        #expect(deepinfra.tag == "deepinfra/fp8")
        #expect(deepinfra.routingSlug == "deepinfra/fp8")
        #expect(deepinfra.quantization == "fp8")
        #expect(deepinfra.pricing.prompt == Decimal(string: "0.000001"))
        #expect(deepinfra.latency?.p90 == 900)
        #expect(deepinfra.throughput?.p50 == 85)
        #expect(e.endpoints[2].isDegraded)
        #expect(!deepinfra.isDegraded)
        let odd = e.endpoints[3]
        #expect(odd.tag == nil && odd.quantization == nil && odd.uptime30m == nil)
        #expect(odd.routingSlug == "Odd\u{1B}[31mCloud")
        #expect(odd.latency == Percentiles(p50: 950))
        #expect(odd.throughput == nil)
        #expect(odd.pricing == ModelPricing())
    }

    @Test("a provider name falls back to the endpoint name's first part; a body without endpoints is empty")
    func decodesFallbacks() throws {
        let json = #"{"data":{"endpoints":[{"name":"Lambda | m/x","uptime_last_30m":"n/a"},7]}}"#
        let e = try ModelEndpoints.decode(Data(json.utf8), modelID: "m/x", fetchedAt: fetched)
        #expect(e.endpoints.map(\.providerName) == ["Lambda"])
        #expect(e.endpoints[0].uptime30m == nil)
        #expect(e.skipped == 1)
        let empty = try ModelEndpoints.decode(Data(#"{"data":{}}"#.utf8), modelID: "m/x", fetchedAt: fetched)
        #expect(empty.endpoints.isEmpty)
        #expect(throws: (any Error).self) { try ModelEndpoints.decode(Data("[]".utf8), modelID: "m/x", fetchedAt: fetched) }
    }

    @Test("the display sorts put the unknown last and keep the answer's order on ties")
    func sorts() throws {
        let e = try ModelEndpoints.decode(try #require(StubModels.endpointsPayload(for: "stub/fast")), modelID: "stub/fast", fetchedAt: fetched)
        func order(_ sort: EndpointSort) -> [String] { sort.sorted(e.endpoints).map(\.providerName) }
        #expect(order(.price) == ["Fireworks", "DeepInfra", "Together", "Odd\u{1B}[31mCloud"])
        #expect(order(.throughput) == ["Together", "DeepInfra", "Fireworks", "Odd\u{1B}[31mCloud"])
        #expect(order(.latency) == ["Together", "DeepInfra", "Odd\u{1B}[31mCloud", "Fireworks"])
        #expect(order(.uptime) == ["Together", "DeepInfra", "Fireworks", "Odd\u{1B}[31mCloud"])
        #expect(EndpointSort.uptime.next == .price)
    }

    @Test("display names say the tag in few cells, and unknown figures are dashes")
    func displayCells() {
        #expect(ProviderEndpoint(providerName: "DeepInfra", tag: "deepinfra/fp8").displayName == "DeepInfra/fp8")
        #expect(ProviderEndpoint(providerName: "Together", tag: "together").displayName == "Together")
        #expect(ProviderEndpoint(providerName: "Lambda", tag: "lambda-labs").displayName == "Lambda (lambda-labs)")
        #expect(ProviderEndpoint(providerName: "Bad\u{1B}]0;x\u{07}", tag: "bad").displayName.unicodeScalars.allSatisfy { $0.value >= 0x20 })
        let bare = ProviderEndpoint(providerName: "X")
        #expect([bare.quantizationText, bare.contextText, bare.maxOutText, bare.promptPriceText, bare.uptimeText,
                 bare.latencyText, bare.throughputText, bare.statusText].allSatisfy { $0 == "-" })
        let full = ProviderEndpoint(providerName: "Y", pricing: ModelPricing(prompt: 0, completion: Decimal(string: "0.0000025")), status: -1,
                                    uptime30m: 99.54, latency: Percentiles(p50: 1800), throughput: Percentiles(p50: 84.6))
        #expect([full.promptPriceText, full.completionPriceText, full.uptimeText, full.latencyText, full.throughputText, full.statusText]
                    == ["free", "$2.5", "99.5%", "1.8s", "85 tok/s", "degraded (-1)"])
    }

    @Test("preferences in words")
    func summary() {
        #expect(ProviderPreferences().summary.contains("default routing"))
        let p = ProviderPreferences(order: ["together", "deepinfra/fp8"], allowFallbacks: false, dataCollection: "deny", zdr: true,
                                    ignore: ["fireworks"], sort: "throughput", maxPrice: MaxPrice(prompt: 1, completion: 2.5),
                                    quantizations: ["fp8", "bf16"])
        #expect(p.summary == "try together, deepinfra/fp8 first · never fireworks · no fallbacks · sort by throughput · "
            + "max in $1/M, out $2.5/M · fp8/bf16 only · no data collection · ZDR only")
    }

    @Test("the cache answers fresh copies, fetches stale ones, and falls back to a stale copy offline")
    func cacheFreshStaleOffline() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endpoints-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = EndpointCache(folder: folder)
        let first = try await cache.endpoints(model: "stub/fast", client: h.client, now: fetched)
        #expect(first.endpoints.count == 4)
        #expect(first.fetchedAt == fetched)
        let asked = { h.server.requests.filter { $0.route.hasSuffix("/endpoints") }.count }
        #expect(asked() == 1)
        // Fresh: from the file, no request.
        let again = try await cache.endpoints(model: "stub/fast", client: h.client, now: fetched.addingTimeInterval(60))
        #expect(again == first)
        #expect(asked() == 1)
        // Stale: fetched again.
        let later = fetched.addingTimeInterval(11 * 60)
        let refetched = try await cache.endpoints(model: "stub/fast", client: h.client, now: later)
        #expect(refetched.fetchedAt == later)
        #expect(asked() == 2)
        // Offline: the stale copy, with its age.
        let offline = OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:1/api/v1")!,
                                                                         apiKey: "sk-or-v1-testkey", retry: RetryPolicy(maxRetries: 0)))
        let muchLater = later.addingTimeInterval(3600)
        let stale = try await cache.endpoints(model: "stub/fast", client: offline, now: muchLater)
        #expect(stale.fetchedAt == later)
        #expect(cache.isStale(stale, now: muchLater))
        // Offline with nothing cached: the error.
        await #expect(throws: (any Error).self) { try await cache.endpoints(model: "stub/slow", client: offline, now: muchLater) }
    }

    @Test("an unknown model is a 404 with OpenRouter's error shape, and nothing is cached")
    func unknownModel() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endpoints-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = EndpointCache(folder: folder)
        do {
            _ = try await cache.endpoints(model: "nobody/nothing", client: h.client)
            Issue.record("an unknown model was answered")
        } catch let error as APIRequestError {
            #expect(error.failure.status == 404)
            #expect(error.description.contains("No endpoints found for nobody/nothing"))
        }
        #expect(!FileManager.default.fileExists(atPath: cache.file(for: "nobody/nothing").path))
    }

    @Test("the endpoints path: author/slug only, the variant left off, each part one segment")
    func endpointsPath() {
        #expect(OpenRouterClient.endpointsPath(model: "meta-llama/llama-3.3-70b:free") == "models/meta-llama/llama-3.3-70b/endpoints")
        #expect(OpenRouterClient.endpointsPath(model: "a/b?c") == "models/a/b%3Fc/endpoints")
        for bad in ["nope", "a/b/c", "/b", "a/", "a b/c", ""] {
            #expect(OpenRouterClient.endpointsPath(model: bad) == nil, "\(bad)")
        }
    }

    @Test("cache file names cannot leave the folder")
    func fileNameSafety() {
        let cache = EndpointCache(folder: URL(fileURLWithPath: "/tmp/cache/endpoints"))
        #expect(cache.file(for: "meta-llama/llama-3.3-70b:free").lastPathComponent == "meta-llama_llama-3.3-70b_free.json")
        #expect(cache.file(for: "../../etc/passwd").lastPathComponent == "_.._.._etc_passwd.json")
        #expect(cache.file(for: "..").lastPathComponent == "_...json")
        #expect(cache.file(for: "a/ü\u{0}b").deletingLastPathComponent().path == "/tmp/cache/endpoints")
        #expect(cache.file(for: "a/b") != cache.file(for: "a/c"))
    }

    @Test("a cached file for another model, or a damaged one, is not used")
    func cacheMismatch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endpoints-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = EndpointCache(folder: folder)
        try cache.save(ModelEndpoints(modelID: "a/b", fetchedAt: fetched, endpoints: [ProviderEndpoint(providerName: "X")]))
        #expect(cache.load(model: "a/b")?.endpoints.count == 1)
        // "a_b" maps to the same file name but is another model.
        #expect(cache.load(model: "a_b") == nil)
        try Data("{".utf8).write(to: cache.file(for: "a/b"))
        #expect(cache.load(model: "a/b") == nil)
    }
}
