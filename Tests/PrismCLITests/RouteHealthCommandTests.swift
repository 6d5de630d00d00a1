import Foundation
import PrismCore
import PrismStub
import Testing

extension ProcessSuites {
    /// The circuit breaker across processes: each `prism ask` is its own process, sharing `prism.db`.
    @Suite("Route health, run as processes", .serialized)
    struct RouteHealthCommandTests {
        static let key = "sk-or-v1-HEALTHKEY0123456789abcdef"
        static let config = "max_retries = 0\n"

        /// Replaces the process's config.toml (the next run reads it).
        static func writeConfig(_ text: String, _ p: PrismProcess) throws {
            try text.write(to: p.home.appendingPathComponent("config/prism/config.toml"), atomically: true, encoding: .utf8)
        }

        @Test func threeFailuresTripTheBreakerAndTheFourthRunSkipsTheModel() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: Self.config)
            defer { p.cleanUp() }
            let empty = try p.run(["models", "health"])
            #expect(empty.status == 0 && empty.stdout == "No replies recorded in the last 7 days.\n", "\(empty.stdout)\(empty.stderr)")

            for run in 1...3 {
                let r = try p.run(["ask", "-m", "stub/http-502", "q"])
                #expect(r.status == 1, "run \(run): \(r.stderr)")
                #expect(!r.stderr.contains("skipping"), "run \(run) is not skipped yet: \(r.stderr)")
            }
            let sentBefore = server.chatRequests.count
            #expect(sentBefore == 3)
            for request in server.chatRequests {
                let body = try #require(request.bodyJSON as? [String: Any])
                #expect(body["model"] as? String == "stub/http-502")
            }

            // Now with a fallback (from config.toml): the open model leaves the chain.
            try Self.writeConfig(Self.config + "fallback_models = [\"stub/fast\"]\n", p)
            let fourth = try p.run(["ask", "--json", "-m", "stub/http-502", "q"])
            #expect(fourth.status == 0, "\(fourth.stderr)")
            #expect(fourth.stderr == "prism: note: skipping stub/http-502 for 5 min: 3 failures in 10 min\n")
            let object = try #require(fourth.stdout.jsonObject, "\(fourth.stdout)")
            let skipped = try #require(object["skipped_models"] as? [[String: Any]])
            #expect(skipped.count == 1)
            #expect(skipped.first?["model"] as? String == "stub/http-502")
            #expect(skipped.first?["reason"] as? String == "3 failures in 10 min")
            let retry = try #require(skipped.first?["retry_after_seconds"] as? Int)
            #expect(retry > 240 && retry <= 300)
            #expect(object["model_requested"] as? String == "stub/http-502")
            // What the stub received: the open model is absent, the fallback is the model sent.
            let last = try #require(server.chatRequests.last?.bodyJSON as? [String: Any])
            #expect(server.chatRequests.count == sentBefore + 1)
            #expect(last["model"] as? String == "stub/fast")
            #expect(last["models"] == nil, "a chain of one sends no `models`")

            let health = try p.run(["models", "health", "--json"])
            #expect(health.status == 0, "\(health.stderr)")
            let report = try #require(health.stdout.jsonObject)
            let models = try #require(report["models"] as? [[String: Any]])
            let failing = try #require(models.first { $0["name"] as? String == "stub/http-502" })
            #expect(failing["circuit"] as? String == "open")
            #expect(failing["requests"] as? Int == 3 && failing["ok"] as? Int == 0)
            #expect(failing["failures"] as? [String: Int] == ["http 502": 3])
            let fast = try #require(models.first { $0["name"] as? String == "stub/fast" })
            #expect(fast["circuit"] as? String == "closed" && fast["ok_percent"] as? Int == 100)

            let table = try p.run(["models", "health", "--model", "stub/http-502"])
            #expect(table.stdout.contains("stub/http-502") && table.stdout.contains("open until "), "\(table.stdout)")
            #expect(!table.stdout.contains("stub/fast"))

            // `prism compare` sends each pane its own model only (no chain): an open circuit goes
            // as asked, with a note, and each reply is recorded.
            let compare = try p.run(["compare", "--json", "-m", "stub/http-502", "-m", "stub/echo", "q"])
            #expect(compare.status == 1, "the failing pane fails: \(compare.stderr)")
            #expect(compare.stderr.contains("circuit open for stub/http-502"), "\(compare.stderr)")
            let panes = try #require(compare.stdout.jsonObject?["models"] as? [[String: Any]])
            #expect(panes.map { ($0["skipped_models"] as? [[String: Any]])?.count } == [0, 0])
            #expect(server.chatRequests.suffix(2).compactMap(\.model).sorted() == ["stub/echo", "stub/http-502"])
            let after = try #require(try p.run(["models", "health", "--json"]).stdout.jsonObject?["models"] as? [[String: Any]])
            #expect(after.first { $0["name"] as? String == "stub/echo" }?["requests"] as? Int == 1)
        }

        /// Names in the record came from servers: the table cleans them like every other cell.
        @Test func hostileNamesInTheRecordReachTheTerminalCleaned() throws {
            let p = try PrismProcess(key: Self.key)
            defer { p.cleanUp() }
            let paths = PrismPaths(environment: p.environment)
            let health = RouteHealth(paths: paths)
            try FileManager.default.createDirectory(at: paths.state, withIntermediateDirectories: true)
            try health.record(RouteOutcome(model: "evil/\u{1B}[31mred", provider: "Prov\u{1B}]0;owned\u{07}", kind: .failed(.network), at: Date()))
            let r = try p.run(["models", "health"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{07}"), "\(r.stdout)")
            #expect(r.stdout.contains("evil/␛[31mred") && r.stdout.contains("network ×1"), "\(r.stdout)")
        }

        @Test func aChainOfOnlyOpenModelsIsSentAsAskedAndSaysSo() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: "max_retries = 0\n[health]\nfailures = 2\n")
            defer { p.cleanUp() }
            for _ in 1...2 { _ = try p.run(["ask", "-m", "stub/http-502", "q"]) }
            let third = try p.run(["ask", "--json", "-m", "stub/http-502", "q"])
            #expect(third.status == 1)
            #expect(third.stderr.hasPrefix("prism: note: circuit open for stub/http-502 (2 failures in 10 min): sending as asked"), "\(third.stderr)")
            #expect(server.chatRequests.count == 3, "never skip every model")
            #expect(third.stdout.jsonObject?["skipped_models"] as? [Any] != nil)
        }
    }
}
