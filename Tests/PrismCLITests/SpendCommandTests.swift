import Foundation
import PrismCore
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `prism spend`, and the ledger shared by real `prism` processes: reservations while a
/// reply is in flight, seen by another process, expired when their process is killed.
extension ProcessSuites {
    @Suite("Spend ledger and prism spend", .serialized)
    struct SpendCommandTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        /// A stub, a home, and the catalog cached (so requests know their prices and reserve a worst case).
        func setUp() throws -> (StubServer, PrismProcess) {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            #expect(try p.run(["models"]).status == 0)
            return (server, p)
        }

        func spendJSON(_ p: PrismProcess, _ args: [String] = []) throws -> [String: Any] {
            let result = try p.run(["spend", "--json"] + args)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }

        func database(_ p: PrismProcess) -> URL { p.home.appendingPathComponent("state/prism/prism.db") }

        func states(_ p: PrismProcess) throws -> [String] {
            try SQLiteConnection(path: database(p).path).texts("SELECT state FROM spend_entries ORDER BY id")
        }

        @Test func spendReportsWhatAskAndCompareRecordedInThreeShapes() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            #expect(try p.run(["ask", "-m", "stub/fast", "hi"]).status == 0)
            #expect(try p.run(["compare", "-m", "stub/fast", "-m", "stub/echo", "hey"]).status == 0)

            let text = try p.run(["spend"])
            #expect(text.status == 0)
            #expect(!text.stdout.contains("\u{1B}"), "no colour into a pipe")
            #expect(text.stdout.contains("total      $0.000228\n"), "\(text.stdout)")
            #expect(text.stdout.contains("requests   3 · average $0.000076 per request\n"))
            #expect(text.stdout.contains("cost from  $0.000228 from usage (3)\n"))
            #expect(text.stdout.hasSuffix("""
                model      requests       cost    average
                stub/fast         2  $0.000186  $0.000093
                stub/echo         1  $0.000042  $0.000042

                """), "\(text.stdout)")

            let json = try spendJSON(p)
            #expect(Set(json.keys) == ["from", "to", "by", "total", "requests", "free_requests", "average", "estimated", "imported",
                                       "cost_sources", "in_flight", "top_models", "rows"])
            #expect(json["requests"] as? Int == 3 && json["by"] as? String == "model")
            let rows = try #require(json["rows"] as? [[String: Any]])
            #expect(rows.map { $0["key"] as? String } == ["stub/fast", "stub/echo"])
            #expect(Set(rows[0].keys) == ["key", "requests", "cost", "average", "estimated"])
            let sources = try #require(json["cost_sources"] as? [String: [String: Any]])
            #expect(Set(sources.keys) == ["usage", "generation", "estimate"])
            #expect(sources["usage"]?["requests"] as? Int == 3)
            #expect((json["in_flight"] as? [String: Any])?["requests"] as? Int == 0)
            #expect(try p.run(["spend", "--json"]).stdout.contains(#""total":0.000228"#), "exact, not in exponent form")

            let csv = try p.run(["spend", "--csv", "--by", "provider"])
            #expect(csv.stdout == "provider,requests,cost_usd,average_usd,estimated_usd\nStub,3,0.000228,0.000076,0\n", "\(csv.stdout)")
            let today = try p.run(["spend", "--today", "--by", "day", "--csv"])
            #expect(today.stdout.split(separator: "\n").count == 2)

            let entries = try SQLiteConnection(path: database(p).path)
                .texts("SELECT source || ' ' || state || ' ' || cost_source || ' ' || provider FROM spend_entries ORDER BY id")
            #expect(entries == ["ask settled usage Stub", "compare settled usage Stub", "compare settled usage Stub"])
        }

        @Test func badOptionsAreOneLineUsageErrors() throws {
            let p = try PrismProcess(key: Self.key)
            defer { p.cleanUp() }
            for (args, message) in [(["--today", "--month"], "choose one of --today, --month and --since"),
                                    (["--json", "--csv"], "choose one of --json and --csv"),
                                    (["--since", "yesterday"], "--since must be a date like 2026-12-01, not 'yesterday'"),
                                    (["--by", "colour"], "colour")] {
                let result = try p.run(["spend"] + args)
                #expect(result.status == 2, "\(args)")
                #expect(result.stderr.contains(message), "\(result.stderr)")
            }
            let empty = try p.run(["spend", "--since", "2026-01-01"])
            #expect(empty.status == 0 && empty.stdout.contains("nothing recorded in "))
        }

        @Test func twoProcessesShareTheLedgerWhileInFlight() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let first = try RunningPrism(p, ["ask", "-m", "stub/stall", "one"])
            let second = try RunningPrism(p, ["ask", "-m", "stub/stall", "two"])
            #expect(first.waitForOutput(bytes: 1) && second.waitForOutput(bytes: 1))
            // A third process sees both reservations.
            let inFlight = try #require(try spendJSON(p)["in_flight"] as? [String: Any])
            #expect(inFlight["requests"] as? Int == 2)
            #expect(((inFlight["reserved"] as? NSNumber)?.doubleValue ?? 0) > 0)
            first.send(SIGTERM)
            second.send(SIGTERM)
            _ = first.wait()
            _ = second.wait()
            // A stopped reply is billed for what was generated: OpenRouter's record (the stub's
            // /generation) settles each reservation, none is left in flight.
            #expect(try states(p) == ["settled", "settled"])
            let stopped = try spendJSON(p)
            let sources = try #require(stopped["cost_sources"] as? [String: Any])
            #expect((sources["generation"] as? [String: Any])?["requests"] as? Int == 2, "\(sources)")
            #expect((stopped["in_flight"] as? [String: Any])?["requests"] as? Int == 0)
            let before = (stopped["total"] as? NSNumber)?.doubleValue ?? 0
            // Two replies finishing at once both land.
            let a = try RunningPrism(p, ["ask", "-m", "stub/echo", "a"])
            let b = try RunningPrism(p, ["ask", "-m", "stub/echo", "b"])
            #expect(a.wait() == 0 && b.wait() == 0)
            let json = try spendJSON(p)
            #expect(json["requests"] as? Int == 4)
            let after = (json["total"] as? NSNumber)?.doubleValue ?? 0
            #expect(abs(after - before - 0.000084) < 1e-12, "two echo replies at $0.000042 each: \(after - before)")
        }

        @Test func twentyFreeRequestsInAMinuteMakeTheNextOneWaitSayingSo() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let ledger = SpendLedger(paths: PrismPaths(environment: p.environment))
            let free = SpendRequest(model: "stub/free", source: .ask, free: true)
            // Twenty started in the last minute, the oldest 59 s ago: the next may start in about 1 s.
            for i in 0..<20 { try ledger.record(free, cost: 0, source: .usage, at: Date().addingTimeInterval(-59 + Double(i))) }
            let paced = try p.run(["ask", "-m", "stub/free", "hi"])
            #expect(paced.status == 0, "\(paced.stderr)")
            #expect(paced.stderr.contains("prism: free models allow 20 requests a minute: waiting 1 s"), "\(paced.stderr)")
            #expect(paced.stdout.contains("Free answer"))
            #expect(server.chatRequests.count == 1)
            // A paid model never waits.
            for i in 0..<20 { try ledger.record(free, cost: 0, source: .usage, at: Date().addingTimeInterval(-30 + Double(i))) }
            let paid = try p.run(["ask", "-m", "stub/fast", "hi"])
            #expect(paid.status == 0 && !paid.stderr.contains("waiting"), "\(paid.stderr)")
        }

        @Test func killNineWithAReservationHeldExpiresItAndKeepsSettledEntries() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            #expect(try p.run(["ask", "-m", "stub/fast", "paid"]).status == 0)
            let run = try RunningPrism(p, ["ask", "-m", "stub/stall", "hang"])
            #expect(run.waitForOutput(bytes: 1))
            let before = try #require(try spendJSON(p)["in_flight"] as? [String: Any])
            #expect(before["requests"] as? Int == 1)
            run.send(SIGKILL)
            #expect(run.wait() == 128 + SIGKILL)
            let after = try spendJSON(p)
            #expect((after["in_flight"] as? [String: Any])?["requests"] as? Int == 0)
            #expect(after["requests"] as? Int == 1)
            #expect(try p.run(["spend", "--json"]).stdout.contains(#""total":0.000093"#))
            #expect(try states(p) == ["settled", "expired"])
        }
    }
}
