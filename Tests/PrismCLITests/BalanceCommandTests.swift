import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("prism ask's cost source, prism key's balance, free-tier 429s, run as a process", .serialized)
    struct BalanceCommandTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        /// A stub needing the key, and a prism pointed at it.
        private func setUp() throws -> (StubServer, PrismProcess) {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            return (server, try PrismProcess(key: Self.key, baseURL: server.baseURL))
        }

        private func ask(_ p: PrismProcess, _ model: String) throws -> [String: Any] {
            let r = try p.run(["ask", "--json", "-m", model, "q"])
            return try #require(r.stdout.jsonObject, "\(model) printed: \(r.stdout) \(r.stderr)")
        }

        @Test func costSourceIsUsageWhenTheStreamHasACost() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let o = try ask(p, "stub/fast")
            #expect(o["cost_source"] as? String == "usage")
            #expect(server.generationRequests.isEmpty, "nothing to look up")
        }

        @Test func costSourceIsGenerationWhenTheStreamHasNoUsage() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            server.generationMode = .late(notFoundFor: 1)
            let o = try ask(p, "stub/no-usage")
            #expect(o["cost_source"] as? String == "generation")
            let usage = try #require(o["usage"] as? [String: Any])
            #expect(usage["cost"] as? Double == 0.000093)
            #expect(usage["completion_tokens"] as? Int == 6)
            #expect(server.generationRequests.count == 2, "a late record is asked for again")
        }

        @Test func compareFillsAPanesMissingCostFromItsRecordAndSavesIt() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["compare", "--json", "--save", "-m", "stub/no-usage", "-m", "stub/fast", "q"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(server.generationRequests.count == 1, "only the pane without a cost is looked up")
            #expect(r.stdout.contains("0.000186"), "both panes' costs add up in the round: \(r.stdout)")
            let listed = try p.run(["sessions", "list", "--json"]).stdout
            let list = try #require((try? JSONSerialization.jsonObject(with: Data(listed.utf8))) as? [[String: Any]])
            let id = try #require(list.first?["id"] as? String)
            let shown = try p.run(["sessions", "export", id, "--format", "json"])
            #expect(shown.stdout.contains(#""cost_source" : "generation""#) || shown.stdout.contains(#""cost_source":"generation""#),
                    "the billed cost is saved with the reply: \(shown.stdout.prefix(400))")
        }

        @Test func costSourceIsEstimateWhenTheRecordFailsAndPricesAreKnown() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            #expect(try p.run(["models"]).status == 0, "caches the catalog's prices")
            server.generationMode = .failing
            let o = try ask(p, "stub/no-cost")
            #expect(o["cost_source"] as? String == "estimate")
            #expect((o["usage"] as? [String: Any])?["cost_is_estimate"] as? Bool == true)
            #expect(server.generationRequests.count == 1)
        }

        @Test func costSourceIsNullWhenNothingIsKnown() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            server.generationMode = .failing
            let o = try ask(p, "stub/no-usage")
            #expect(o["cost_source"] is NSNull)
            let quiet = try p.run(["ask", "-m", "stub/no-usage", "q"])
            #expect(quiet.status == 0)
            #expect(quiet.stderr.isEmpty, "a whole reply without a cost is as before: no note")
            let failed = try p.run(["ask", "-m", "stub/fail-midstream", "q"])
            #expect(failed.status == 1)
            #expect(failed.stderr.hasPrefix("prism: note: cost unknown: the generation record failed: HTTP 500"), "\(failed.stderr)")
        }

        @Test func keyJSONHasTheAccountBalance() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["key", "--json"])
            #expect(r.status == 0)
            let o = try #require(r.stdout.jsonObject)
            let credits = try #require(o["credits"] as? [String: Any])
            #expect((credits["total"] as? NSNumber)?.decimalValue == 25)
            #expect((credits["used"] as? NSNumber)?.decimalValue == Decimal(string: "12.66"))
            #expect((credits["remaining"] as? NSNumber)?.decimalValue == Decimal(string: "12.34"))
            #expect(o["credits_error"] is NSNull)
            let text = try p.run(["key"])
            #expect(text.stdout.contains("balance    $12.34 left of $25 bought ($12.66 used)"))
        }

        @Test func keyJSONSaysWhyTheBalanceIsMissing() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            server.creditsMode = .forbidden
            let r = try p.run(["key", "--json"])
            #expect(r.status == 0, "the key's own figures still print")
            let o = try #require(r.stdout.jsonObject)
            #expect(o["credits"] is NSNull)
            #expect((o["credits_error"] as? String)?.contains("HTTP 403 Only management keys") == true)
            #expect((o["limit_remaining"] as? NSNumber)?.decimalValue == Decimal(string: "7.5"))
            let text = try p.run(["key"])
            #expect(text.stdout.contains("balance    unknown: HTTP 403 Only management keys can perform this operation"))
        }

        @Test func theDailyFreeLimitIsOneLineAndOneRequest() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/free-daily", "q"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("HTTP 429 free-model daily limit reached (50/day); resets at 00:00 UTC (in "))
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(server.chatRequests.count == 1, "not retried")
        }
    }
}
