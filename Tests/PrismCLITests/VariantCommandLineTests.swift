import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// Model ids with variant suffixes on the command line: priced from their base entry,
    /// sent as written, and served by the stub as its base model.
    @Suite("variant ids, run as a process", .serialized)
    struct VariantCommandLineTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        func withStub(catalog: String? = AskEstimateTests.catalog, _ body: (StubServer, PrismProcess) throws -> Void) throws {
            let server = StubServer(requiredKey: Self.key)
            if let catalog { server.modelsPayload = Data(catalog.utf8) }
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            try body(server, p)
        }

        @Test func aNitroEstimateHasTheBaseModelsPricesAndSaysSo() throws {
            try withStub { server, p in
                let r = try p.run(["ask", "--estimate", "--json", "-m", "fee/model:nitro", String(repeating: "x", count: 70)])
                #expect(r.status == 0, "\(r.stderr)")
                let o = try #require(r.stdout.jsonObject)
                #expect(o["model"] as? String == "fee/model:nitro")
                let e = try #require(o["estimate"] as? [String: Any])
                #expect((e["input_cost"] as? NSNumber)?.doubleValue == 0.001024, "fee/model's prices: 24 tokens at $1/M plus $0.001")
                #expect(e["max_output_tokens"] as? Int == 1000, "fee/model's own reply limit")
                #expect((e["worst_case"] as? NSNumber)?.doubleValue == 0.003024)
                #expect(o["variant_note"] as? String == "nitro: fastest providers, base model's prices")
                #expect(server.chatRequests.isEmpty)

                let text = try p.run(["ask", "--estimate", "-m", "fee/model:floor", "hi"])
                #expect(text.status == 0, "\(text.stderr)")
                #expect(text.stdout.contains("(fee/model:floor) · floor: cheapest providers"), "\(text.stdout)")
                #expect(!text.stdout.contains("no price"))
            }
        }

        @Test func aFreeVariantIsPricedAtZero() throws {
            try withStub { _, p in
                let r = try p.run(["ask", "--estimate", "--json", "-m", "fee/model:free", "hello"])
                #expect(r.status == 0, "\(r.stderr)")
                let e = try #require(r.stdout.jsonObject?["estimate"] as? [String: Any])
                #expect((e["input_cost"] as? NSNumber)?.doubleValue == 0)
                #expect((e["worst_case"] as? NSNumber)?.doubleValue == 0)
                // An unknown suffix is another model, not a variant: no price.
                let unknown = try p.run(["ask", "--estimate", "--json", "-m", "fee/model:beta", "hello"])
                let u = try #require(unknown.stdout.jsonObject?["estimate"] as? [String: Any])
                #expect(u["input_cost"] is NSNull)
            }
        }

        @Test func aVariantIdIsSentAsWrittenAndTheStubServesItsBase() throws {
            try withStub(catalog: nil) { server, p in
                let r = try p.run(["ask", "-m", "\(StubModels.echo):nitro", "hello variants"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout.contains("hello variants"), "stub/echo's reply: \(r.stdout)")
                #expect(server.chatRequests.last?.model == "stub/echo:nitro")
            }
        }
    }
}
