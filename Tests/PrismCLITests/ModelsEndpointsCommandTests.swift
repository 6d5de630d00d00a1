import Foundation
import PrismStub
import Testing

/// `prism models endpoints` run as a process against the stub.
extension ProcessSuites {
    @Suite("prism models endpoints", .serialized)
    struct ModelsEndpointsCommandTests {
        static let key = "sk-or-v1-ENDPOINTSKEY0123456789ab"

        static func providers(_ r: PrismProcess.Result) -> [String] {
            let object = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
            return (object["endpoints"] as? [[String: Any]] ?? []).compactMap { $0["provider_name"] as? String }
        }

        @Test func theTableListsEveryProviderWithDashesForTheUnknownAndNoEscapes() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["models", "endpoints", "stub/fast"])
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("PROVIDER") == true)
            #expect(lines.first?.contains("P50 TOK/S") == true)
            // Cheapest first by default: Fireworks is 0.9×, the odd one has no price (last).
            #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
                        == ["Fireworks", "DeepInfra/fp8", "Together", "Odd␛[31mCloud"], "\(r.stdout)")
            #expect(lines[2].hasPrefix("DeepInfra/fp8 ") && lines[2].contains("fp8") && lines[2].contains("$1") && lines[2].contains("99.5%")
                    && lines[2].contains("420ms") && lines[2].contains("85 tok/s"), "\(lines[2])")
            #expect(lines[1].contains("degraded (-2)"))
            #expect(lines[4].contains("950ms") && lines[4].contains(" - "), "the odd row: known latency, unknown rest")
            #expect(!r.stdout.contains("\u{1B}"), "a control sequence from the network never reaches the terminal")
            #expect(r.stderr.contains("1 entry without a provider name left out"))
            #expect(r.stderr.contains("default routing"))
            #expect(!r.stdout.contains(Self.key) && !r.stderr.contains(Self.key))
        }

        @Test func sortJSONCacheAndRefresh() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            func asked() -> Int { server.requests.filter { $0.route.hasSuffix("/endpoints") }.count }
            let byThroughput = try p.run(["models", "endpoints", "stub/fast", "--json", "--sort", "throughput"])
            #expect(byThroughput.status == 0, "\(byThroughput.stderr)")
            #expect(Self.providers(byThroughput) == ["Together", "DeepInfra", "Fireworks", "Odd\u{1B}[31mCloud"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(byThroughput.stdout.utf8)) as? [String: Any])
            #expect(object["fetched_at"] is String)
            #expect(object["model_id"] as? String == "stub/fast")
            let first = try #require((object["endpoints"] as? [[String: Any]])?.first)
            #expect(first["uptime_last_30m"] as? Double == 99.9)
            #expect((first["latency_last_30m"] as? [String: Any])?["p50"] as? Double == 310)
            #expect(asked() == 1)
            let byLatency = try p.run(["models", "endpoints", "stub/fast", "--json", "--sort", "latency"])
            #expect(Self.providers(byLatency) == ["Together", "DeepInfra", "Odd\u{1B}[31mCloud", "Fireworks"])
            #expect(asked() == 1, "a fresh cache answers without a request")
            let folder = p.home.appendingPathComponent("cache/prism/endpoints/127.0.0.1-\(server.port)_api_v1")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("stub_fast.json").path),
                    "cached per server, like the catalog")
            _ = try p.run(["models", "endpoints", "stub/fast", "--json", "--refresh"])
            #expect(asked() == 2)
            #expect(try p.run(["models", "endpoints", "stub/fast", "--sort", "cheapest"]).status == 2)
        }

        @Test func badAndUnknownModelsAreOneLineErrors() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let bad = try p.run(["models", "endpoints", "not-a-model"])
            #expect(bad.status == 2)
            #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
            #expect(bad.stderr.contains("is not a model id"))
            #expect(server.requests.isEmpty, "nothing is asked for a malformed id")
            let unknown = try p.run(["models", "endpoints", "nobody/nothing"])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("no such model: nobody/nothing"), "\(unknown.stderr)")
            #expect(unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        }

        @Test func theSavedRoutingMarksPinnedAndExcludedProviders() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let state = p.home.appendingPathComponent("state/prism")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            let routing = #"{"version":1,"models":{"stub/fast":{"order":["together","deepinfra/fp8"],"ignore":["fireworks"],"allow_fallbacks":false}}}"#
            try routing.write(to: state.appendingPathComponent("routing.json"), atomically: true, encoding: .utf8)
            let r = try p.run(["models", "endpoints", "stub/fast"])
            #expect(r.status == 0, "\(r.stderr)")
            let line = { (name: String) in r.stdout.split(separator: "\n").first { $0.hasPrefix(name) }.map(String.init) ?? "" }
            #expect(line("Together").hasSuffix("pin 1"), "\(r.stdout)")
            #expect(line("DeepInfra").hasSuffix("pin 2"))
            #expect(line("Fireworks").hasSuffix("excluded"))
            #expect(r.stderr.contains("try together, deepinfra/fp8 first · never fireworks · no fallbacks"), "\(r.stderr)")
        }

        @Test func demoModeListsSimulatedProviders() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["models", "endpoints", "demo/aurora-mini", "--demo"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Demo Cloud (simulated)") && r.stdout.contains("Demo Edge (simulated)"))
            #expect(r.stderr.contains("simulated"))
        }
    }
}
