import Foundation
import PrismCore
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension ProcessSuites {
    @Suite("Budgets on the command line", .serialized)
    struct BudgetCommandLineTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"
        /// Two priced models: 4,096 max_tokens of "t/pricey" cost ≤ $0.0614; of "t/cheap", ≤ $0.0009.
        static let catalog = #"""
            {"data":[
             {"id":"t/pricey","name":"Pricey","context_length":200000,"pricing":{"prompt":"0.000003","completion":"0.000015"}},
             {"id":"t/cheap","name":"Cheap","context_length":32000,"pricing":{"prompt":"0.0000001","completion":"0.0000002"}}
            ]}
            """#

        /// A stub with the priced catalog, and a prism whose catalog cache holds it.
        static func setUp(config: String? = nil) throws -> (StubServer, PrismProcess) {
            let server = StubServer(requiredKey: key)
            try server.start()
            server.modelsPayload = Data(catalog.utf8)
            let p = try PrismProcess(key: key, baseURL: server.baseURL, config: config)
            #expect(try p.run(["models", "--json"]).status == 0)
            return (server, p)
        }

        @Test func maxCostRefusesWithStatus3AndSendsNothing() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["ask", "-m", "t/pricey", "--max-cost", "0.01", "hello"])
            #expect(r.status == 3)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(r.stderr)")
            #expect(r.stderr.contains("not sent: over the per-request cap of $0.01: this request costs ≤ $0.0615 at most"), "\(r.stderr)")
            #expect(r.stderr.contains("--max-tokens 665 fits"), "(0.01 - 6 prompt tokens (≈ 'hello', 4 a message) × 0.000003) / 0.000015 = 665.5: \(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(server.chatRequests.isEmpty, "nothing reached the server")
        }

        @Test func overBudgetSendsOnceAndSaysSo() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            server.enqueue(.text(["ok"]))
            let r = try p.run(["ask", "-m", "t/pricey", "--max-cost", "0.01", "--over-budget", "hello"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == "ok\n")
            #expect(server.chatRequests.count == 1)
            #expect(r.stderr.contains("sent because of --over-budget"))
        }

        @Test func aRequestInFlightInAnotherProcessCountsAgainstTheDailyCap() throws {
            let (server, p) = try Self.setUp(config: "[budget]\ndaily = 0.1\n")
            defer { server.stop(); p.cleanUp() }
            server.enqueue(.stall(after: 0))
            let first = try RunningPrism(p, ["ask", "-m", "t/pricey", "hello"])
            defer { first.send(SIGKILL); _ = first.wait() }
            let ledger = SpendLedger(paths: PrismPaths(environment: p.environment))
            let deadline = Date().addingTimeInterval(20)
            while (try? ledger.totals().reservedToday) ?? 0 == 0, Date() < deadline { usleep(50_000) }
            #expect(try ledger.totals().reservedToday > 0, "the first process reserved its worst case")
            // ≤ $0.0615 reserved by the first + ≤ $0.0615 for this one > $0.1: refused, nothing sent.
            let second = try p.run(["ask", "-m", "t/pricey", "hello"])
            #expect(second.status == 3, "\(second.stderr)")
            #expect(second.stderr.contains("over the daily cap of $0.1"), "\(second.stderr)")
            #expect(server.chatRequests.count == 1, "only the first request reached the server")
        }

        @Test func dailyCapFromConfigCountsTheLedgerAndNamesTheReset() throws {
            let (server, p) = try Self.setUp(config: "[budget]\ndaily = 1\n")
            defer { server.stop(); p.cleanUp() }
            try SpendLedger(paths: PrismPaths(environment: p.environment)).record(SpendRequest(model: "t/pricey", source: .ask, free: false), cost: Decimal(string: "0.98")!, source: .usage)
            let r = try p.run(["ask", "-m", "t/pricey", "hello"])
            #expect(r.status == 3)
            #expect(r.stderr.contains("over the daily cap of $1: $0.98 spent today + ≤ $0.0615 for this request; resets at 00:00 (in "), "\(r.stderr)")
            #expect(server.chatRequests.isEmpty)
            server.enqueue(.text(["fine"]))
            let cheap = try p.run(["ask", "-m", "t/cheap", "hello"])
            #expect(cheap.status == 0, "a cheap model still fits: \(cheap.stderr)")
            #expect(cheap.stderr.contains("daily budget: ≤ $0.9809 of $1"), "past warn_at, so it warns: \(cheap.stderr)")
        }

        @Test func compareCountsTheRoundAsAWhole() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            // Each model alone fits $0.062; both together (≤ $0.0623) do not.
            let r = try p.run(["compare", "-m", "t/pricey", "-m", "t/cheap", "--max-cost", "0.062", "hello"])
            #expect(r.status == 3)
            #expect(r.stderr.contains("this round costs ≤ $0.0623 at most"), "\(r.stderr)")
            #expect(server.chatRequests.isEmpty)
        }

        @Test func unpricedModelUnderACapIsRefusedAndBadMaxCostIsAUsageError() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/fast", "--max-cost", "1", "hello"])
            #expect(r.status == 3)
            #expect(r.stderr.contains("cannot be bounded: no price is known for stub/fast"), "\(r.stderr)")
            let bad = try p.run(["ask", "-m", "t/cheap", "--max-cost", "lots", "hello"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("--max-cost must be an amount in USD"))
            #expect(server.chatRequests.isEmpty)
        }
    }
}
