import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// `prism ask --estimate`: priced from the catalog, nothing sent to /chat/completions.
    @Suite("prism ask --estimate, run as a process", .serialized)
    struct AskEstimateTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"
        /// One priced model with a per-request fee and a 1,000-token reply limit, one router without prices.
        static let catalog = """
        {"data": [
          {"id": "fee/model", "name": "Fee", "context_length": 8000,
           "pricing": {"prompt": "0.000001", "completion": "0.000002", "request": "0.001"},
           "top_provider": {"max_completion_tokens": 1000}},
          {"id": "router/auto", "name": "Router", "pricing": {"prompt": "-1", "completion": "-1"}}
        ]}
        """

        func withStub(_ body: (StubServer, PrismProcess) throws -> Void) throws {
            let server = StubServer(requiredKey: Self.key)
            server.modelsPayload = Data(Self.catalog.utf8)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            try body(server, p)
        }

        @Test func jsonHasTheDocumentedShapeAndSendsNothing() throws {
            try withStub { server, p in
                // 70 bytes at the default 3.5 bytes a token = 20 tokens, plus 4 for the message.
                let r = try p.run(["ask", "--estimate", "--json", "-m", "fee/model", String(repeating: "x", count: 70)])
                #expect(r.status == 0, "\(r.stderr)")
                let o = try #require(r.stdout.jsonObject)
                #expect(o["model"] as? String == "fee/model")
                let e = try #require(o["estimate"] as? [String: Any])
                #expect(Set(e.keys) == ["prompt_tokens", "input_cost", "max_output_tokens", "max_output_cost", "worst_case"])
                #expect(e["prompt_tokens"] as? Int == 24)
                #expect((e["input_cost"] as? NSNumber)?.doubleValue == 0.001024, "24 tokens at $1/M plus the $0.001 request fee")
                #expect(e["max_output_tokens"] as? Int == 1000, "the model's own limit under the 4096 cap, as max_tokens would be sent")
                #expect((e["max_output_cost"] as? NSNumber)?.doubleValue == 0.002)
                #expect((e["worst_case"] as? NSNumber)?.doubleValue == 0.003024)
                #expect(server.chatRequests.isEmpty)
                #expect(server.requests.contains { $0.route == "/models" }, "prices come from the catalog")
            }
        }

        @Test func pipedInputAndAttachmentsCountAsTheyWouldBeSent() throws {
            try withStub { server, p in
                // "x"×35 + "\n\n" + "y"×33 = 70 bytes, as a real send joins them.
                let piped = try p.run(["ask", "--estimate", "--json", "-m", "fee/model", String(repeating: "x", count: 35)],
                                      stdin: String(repeating: "y", count: 33) + "\n")
                let e = try #require(piped.stdout.jsonObject?["estimate"] as? [String: Any])
                #expect(e["prompt_tokens"] as? Int == 24)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-\(UUID().uuidString).txt")
                try Data(String(repeating: "z", count: 350).utf8).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let attached = try p.run(["ask", "--estimate", "--json", "-m", "fee/model", "--attach", file.path,
                                          String(repeating: "x", count: 70)])
                let a = try #require(attached.stdout.jsonObject?["estimate"] as? [String: Any])
                #expect(a["prompt_tokens"] as? Int == 124, "a 350-byte text file adds 100 tokens")
                let explicit = try p.run(["ask", "--estimate", "--json", "-m", "fee/model", "--max-tokens", "50", "q"])
                #expect((explicit.stdout.jsonObject?["estimate"] as? [String: Any])?["max_output_tokens"] as? Int == 50)
                #expect(server.chatRequests.isEmpty)
            }
        }

        @Test func textIsTwoLinesAndAnUnpricedModelHasNoFigure() throws {
            try withStub { server, p in
                let r = try p.run(["ask", "--estimate", "-m", "fee/model", "hello"])
                #expect(r.status == 0)
                let lines = r.stdout.split(separator: "\n")
                #expect(lines.count == 2)
                #expect(lines.first == "≈ $0.001006 in · ≤ $0.003006 at most (fee/model)", "6 tokens (5 bytes, 2 tokens, plus 4) and the fee")
                #expect(lines.last?.contains("nothing was sent") == true)
                let router = try p.run(["ask", "--estimate", "-m", "router/auto", "hello"])
                #expect(router.stdout.hasPrefix("no price for router/auto"))
                #expect(!router.stdout.contains("$"), "never a $0 for an unknown price")
                let json = try #require(try p.run(["ask", "--estimate", "--json", "-m", "router/auto", "hello"]).stdout.jsonObject)
                let e = try #require(json["estimate"] as? [String: Any])
                #expect(e["input_cost"] is NSNull && e["max_output_cost"] is NSNull && e["worst_case"] is NSNull)
                #expect(server.chatRequests.isEmpty)
            }
        }
    }
}
