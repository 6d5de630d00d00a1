import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// `prism ask --schema` against the stub's JSON models, and the `--tool` flags' validation,
    /// run as a process.
    @Suite("prism ask --schema and --tool flags, run as a process", .serialized)
    struct AskSchemaToolFlagsTests {
        static let key = "sk-or-v1-SCHEMAKEY0123456789abcdef"

        static let schema = #"""
            {"title":"Order list","type":"object","required":["count","label"],"additionalProperties":false,
             "properties":{"count":{"type":"integer","minimum":2},"label":{"type":"string"},
                           "tags":{"type":"array","items":{"enum":["a","b"]}}}}
            """#

        func withStub(_ body: (StubServer, PrismProcess, String) throws -> Void) throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let file = p.home.appendingPathComponent("order.json")
            try Self.schema.write(to: file, atomically: true, encoding: .utf8)
            try body(server, p, file.path)
        }

        @Test func aValidReplyPassesAndTheRequestCarriesTheSchema() throws {
            try withStub { server, p, file in
                let r = try p.run(["ask", "-m", "stub/json", "--schema", file, "an order"])
                #expect(r.status == 0, "\(r.stderr)")
                let printed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
                #expect(printed?["count"] as? Int == 2 && printed?["tags"] as? [String] == ["a"])
                let sent = try #require(server.chatRequests.last)
                #expect(sent.value(at: "response_format", "type") as? String == "json_schema")
                #expect(sent.value(at: "response_format", "json_schema", "name") as? String == "Order_list")
                #expect(sent.value(at: "response_format", "json_schema", "strict") as? Bool == true)
                #expect(sent.value(at: "response_format", "json_schema", "schema", "required") as? [String] == ["count", "label"])
            }
        }

        @Test func aWrongTypeExits4ListingThePathAndStillPrintsTheReply() throws {
            try withStub { _, p, file in
                let r = try p.run(["ask", "-m", "stub/json-bad", "--schema", file, "an order"])
                #expect(r.status == 4)
                #expect(r.stdout.contains("\"not the right type\""))
                #expect(r.stderr.contains("prism: schema: $.count: expected integer, got string"))
                #expect(r.stderr.contains("prism: the reply does not match the schema (1 problem)"))
            }
        }

        @Test func jsonHasTheParsedObjectAndTheVerdict() throws {
            try withStub { _, p, file in
                let good = try p.run(["ask", "--json", "-m", "stub/json", "--schema", file, "fenced, please"])
                #expect(good.status == 0, "\(good.stderr)")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as? [String: Any])
                #expect((object["content"] as? String)?.hasPrefix("```json") == true, "fences are tolerated")
                #expect((object["parsed"] as? [String: Any])?["label"] as? String == "sample")
                #expect(object["schema_valid"] as? Bool == true && (object["schema_errors"] as? [String])?.isEmpty == true)
                #expect((object["tool_rounds"] as? [Any])?.isEmpty == true)
                let bad = try p.run(["ask", "--json", "-m", "stub/json-bad", "--schema", file, "x"])
                #expect(bad.status == 4)
                let failed = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
                #expect(failed["schema_valid"] as? Bool == false)
                #expect(failed["schema_errors"] as? [String] == ["$.count: expected integer, got string"])
                let plain = try p.run(["ask", "--json", "-m", "stub/fast", "x"])
                let none = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
                #expect(none["schema_valid"] is NSNull && none["parsed"] is NSNull)
            }
        }

        @Test func aModelWithoutStructuredOutputsIsRefusedUnlessForced() throws {
            try withStub { server, p, file in
                let refused = try p.run(["ask", "-m", "stub/no-usage", "--schema", file, "x"])
                #expect(refused.status == 2)
                #expect(refused.stderr.contains("prism: stub/no-usage does not support structured outputs (its catalog entry lacks structured_outputs): --force sends --schema anyway"))
                #expect(server.chatRequests.isEmpty, "nothing was sent")
                let forced = try p.run(["ask", "-m", "stub/no-usage", "--schema", file, "--force", "x"])
                #expect(server.chatRequests.count == 1)
                #expect(forced.status == 4 && forced.stderr.contains("prism: schema: $: the reply is not JSON"))
            }
        }

        @Test func badSchemaAndToolFlagsAreUsageErrors() throws {
            try withStub { _, p, file in
                let missing = try p.run(["ask", "--schema", "/nonexistent/s.json", "x"])
                #expect(missing.status == 2 && missing.stderr.contains("cannot read schema file /nonexistent/s.json"))
                let notJSON = p.home.appendingPathComponent("bad.json")
                try "[1, 2".write(to: notJSON, atomically: true, encoding: .utf8)
                let broken = try p.run(["ask", "-m", "stub/json", "--schema", notJSON.path, "x"])
                #expect(broken.status == 2 && broken.stderr.contains("is not a JSON object"))
                #expect(try p.run(["ask", "--force", "x"]).stderr.contains("--force goes with --schema"))
                let yes = try p.run(["ask", "--yes", "x"])
                #expect(yes.status == 2 && yes.stderr.contains("--yes approves tool calls"))
                #expect(try p.run(["ask", "--tool", "time", "--max-tool-rounds", "0", "x"]).status == 2)
                #expect(try p.run(["ask", "--tool", "/now", "x"]).stderr.contains("--tool takes SERVER or SERVER/TOOL"))
                let unknown = try p.run(["ask", "-m", "stub/agent", "--tool", "time", "x"])
                #expect(unknown.status == 2)
                #expect(unknown.stderr.contains("prism: no tool server named 'time'; none is configured ([mcp.servers.NAME] in config.toml)"))
                _ = file
            }
        }
    }
}
