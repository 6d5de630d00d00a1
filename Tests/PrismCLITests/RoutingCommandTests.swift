import Foundation
import PrismStub
import Testing

/// `prism ask` and `prism compare` routing flags, checked in the request the stub received,
/// and what the commands say about who served.
extension ProcessSuites {
    @Suite("Routing flags, run as a process", .serialized)
    struct RoutingCommandTests {
        static let key = "sk-or-v1-ROUTINGKEY0123456789abcdef"

        func withStub(config: String? = nil, _ body: (StubServer, PrismProcess) throws -> Void) throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: config)
            defer { p.cleanUp() }
            try body(server, p)
        }

        func provider(_ request: RecordedRequest?) -> [String: Any]? {
            request?["provider"] as? [String: Any]
        }

        @Test func everyFlagReachesTheProviderObject() throws {
            try withStub { server, p in
                let r = try p.run(["ask", "-m", "stub/fast", "--provider", "deepinfra/turbo", "--provider", "together",
                                   "--only", "deepinfra", "--ignore", "azure", "--ignore", "groq", "--sort", "throughput",
                                   "--no-fallbacks", "--quantization", "fp8", "--quantization", "bf16",
                                   "--deny-data-collection", "--zdr", "--max-price", "1/4", "hi"])
                #expect(r.status == 0, "\(r.stderr)")
                let sent = provider(server.chatRequests.first)
                #expect(sent?["order"] as? [String] == ["deepinfra/turbo", "together"])
                #expect(sent?["only"] as? [String] == ["deepinfra"])
                #expect(sent?["ignore"] as? [String] == ["azure", "groq"])
                #expect(sent?["sort"] as? String == "throughput")
                #expect(sent?["allow_fallbacks"] as? Bool == false)
                #expect(sent?["quantizations"] as? [String] == ["fp8", "bf16"])
                #expect(sent?["data_collection"] as? String == "deny")
                #expect(sent?["zdr"] as? Bool == true)
                let price = sent?["max_price"] as? [String: Any]
                #expect((price?["prompt"] as? NSNumber)?.doubleValue == 1)
                #expect((price?["completion"] as? NSNumber)?.doubleValue == 4)
                #expect(sent?["require_parameters"] == nil)
            }
        }

        @Test func flagsOverrideSavedRoutingWhichOverridesConfig() throws {
            let config = """
                [provider]
                sort = "price"
                data_collection = "deny"
                order = ["from-config"]
                """
            try withStub(config: config) { server, p in
                let state = p.home.appendingPathComponent("state/prism")
                try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
                let saved = #"{"version":1,"models":{"stub/fast":{"order":["from-saved"],"zdr":true,"max_price":{"completion":7}}}}"#
                try saved.write(to: state.appendingPathComponent("routing.json"), atomically: true, encoding: .utf8)

                #expect(try p.run(["ask", "-m", "stub/fast", "--sort", "latency", "--max-price", "2/", "hi"]).status == 0)
                let sent = provider(server.chatRequests.last)
                #expect(sent?["sort"] as? String == "latency", "the flag")
                #expect(sent?["order"] as? [String] == ["from-saved"], "saved over config")
                #expect(sent?["zdr"] as? Bool == true, "saved")
                #expect(sent?["data_collection"] as? String == "deny", "config")
                let price = sent?["max_price"] as? [String: Any]
                #expect((price?["prompt"] as? NSNumber)?.doubleValue == 2 && (price?["completion"] as? NSNumber)?.doubleValue == 7)

                // Another model has nothing saved: config alone.
                #expect(try p.run(["ask", "-m", "stub/echo", "hi"]).status == 0)
                let other = provider(server.chatRequests.last)
                #expect(other?["order"] as? [String] == ["from-config"] && other?["sort"] as? String == "price" && other?["zdr"] == nil)
            }
        }

        @Test func badRoutingValuesAreUsageErrorsNamingTheFlag() throws {
            let p = try PrismProcess(key: Self.key)
            defer { p.cleanUp() }
            for (args, flag) in [(["--sort", "cheapest"], "--sort"), (["--max-price", "-1/4"], "--max-price"),
                                 (["--max-price", "abc"], "--max-price"), (["--max-price", "1/2/3"], "--max-price"),
                                 (["--max-price", "/"], "--max-price"), (["--quantization", "fp7"], "--quantization")] {
                let r = try p.run(["ask", "-m", "a/b"] + args + ["x"])
                #expect(r.status == 2, "\(args)")
                #expect(r.stderr.contains(flag), "\(args): \(r.stderr)")
            }
            let quant = try p.run(["ask", "--quantization", "fp7", "x"])
            #expect(quant.stderr.contains("fp8") && quant.stderr.contains("bf16"), "the known names are listed")
            #expect(try p.run(["compare", "-m", "a/b", "-m", "c/d", "--sort", "fastest", "x"]).status == 2)
        }

        @Test func aFallbackThatServedIsInTheJSONAndSaidOnStderr() throws {
            try withStub { server, p in
                let json = try p.run(["ask", "--json", "-m", "stub/http-502", "--fallback", "stub/fast", "--provider", "acme", "hi"])
                #expect(json.status == 0, "\(json.stderr)")
                #expect(server.chatRequests.last?["models"] as? [String] == ["stub/http-502", "stub/fast"])
                let o = try #require(json.stdout.jsonObject)
                #expect(o["model"] as? String == "stub/fast")
                let routing = o["routing"] as? [String: Any]
                #expect(routing?["models"] as? [String] == ["stub/http-502", "stub/fast"])
                #expect((routing?["provider"] as? [String: Any])?["order"] as? [String] == ["acme"])
                let served = o["served_by"] as? [String: Any]
                #expect(served?["model"] as? String == "stub/fast")
                #expect(served?["provider"] as? String == "acme", "the stub answers as the first provider of the order")
                #expect(served?["fallback"] as? Bool == true)
                #expect(served?["note"] as? String == "served by fallback stub/fast after stub/http-502 failed")

                let text = try p.run(["ask", "-m", "stub/http-502", "--fallback", "stub/fast", "hi"])
                #expect(text.status == 0)
                #expect(text.stderr.contains("prism: note: served by fallback stub/fast after stub/http-502 failed"))
            }
        }

        @Test func servedAsAskedHasNullRoutingAndNoNote() throws {
            try withStub { _, p in
                let r = try p.run(["ask", "--json", "-m", "stub/fast", "hi"])
                let o = try #require(r.stdout.jsonObject)
                #expect(o["routing"] is NSNull)
                let served = o["served_by"] as? [String: Any]
                #expect(served?["fallback"] as? Bool == false && served?["note"] is NSNull && served?["model"] as? String == "stub/fast")
                let text = try p.run(["ask", "-m", "stub/fast", "hi"])
                #expect(!text.stderr.contains("note:"))
            }
        }

        @Test func compareSendsEachPaneItsOwnModelOnlyWithoutTheChain() throws {
            // A fallback answering in a pane named for another model would mislead the comparison.
            try withStub(config: #"fallback_models = ["stub/fast"]"#) { server, p in
                let r = try p.run(["compare", "-m", "stub/http-502", "-m", "stub/echo", "hi"])
                #expect(r.status == 1, "\(r.stderr)")
                #expect(r.stderr.contains("1 of 2 failed: stub/http-502"), "\(r.stderr)")
                #expect(!r.stderr.contains("served by fallback"))
                #expect(!server.chatRequests.isEmpty)
                #expect(server.chatRequests.allSatisfy { $0["models"] == nil })
            }
        }

        @Test func aSavedReplyKeepsTheRouteItWasSentWith() throws {
            try withStub { _, p in
                #expect(try p.run(["ask", "--save", "-m", "stub/http-502", "--fallback", "stub/fast", "--provider", "acme", "hi"]).status == 0)
                let session = try #require(try FaultSuite.sessions(p).first)
                let reply = try #require(FaultSuite.replies(session).first)
                let route = reply["sent_route"] as? [String: Any]
                #expect(route?["models"] as? [String] == ["stub/http-502", "stub/fast"])
                #expect(route?["order"] as? [String] == ["acme"])
                #expect(reply["model_served"] as? String == "stub/fast" && reply["provider"] as? String == "acme")
            }
        }

        @Test func compareSendsTheFlagsToEveryModelAndReportsRoutingPerEntry() throws {
            try withStub { server, p in
                let r = try p.run(["compare", "--json", "-m", "stub/fast", "-m", "stub/echo", "--provider", "acme", "--zdr", "hi"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(server.chatRequests.count == 2)
                for request in server.chatRequests {
                    #expect(provider(request)?["order"] as? [String] == ["acme"] && provider(request)?["zdr"] as? Bool == true)
                }
                let o = try #require(r.stdout.jsonObject)
                let models = try #require(o["models"] as? [[String: Any]])
                #expect(models.count == 2)
                for entry in models {
                    #expect(((entry["routing"] as? [String: Any])?["provider"] as? [String: Any])?["zdr"] as? Bool == true)
                    #expect((entry["served_by"] as? [String: Any])?["provider"] as? String == "acme")
                    #expect((entry["served_by"] as? [String: Any])?["note"] is NSNull)
                }
            }
        }
    }
}
