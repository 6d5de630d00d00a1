import Foundation
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Flags and signals the README documents, each checked by running `prism` as a user would:
/// when one stops doing what it says, a test here fails.
extension ProcessSuites {
    @Suite("Documented flags, run as a process", .serialized)
    struct DocumentedFlagsTests {
        static let key = "sk-or-v1-FLAGSKEY0123456789abcdef"

        /// A small catalog with one free model and distinct prices, context lengths and dates.
        static let catalog = #"""
            {"data":[
             {"id":"t/paid-big","name":"Zulu","created":1700000000,"context_length":200000,
              "pricing":{"prompt":"0.000003","completion":"0.000015"}},
             {"id":"t/free-small","name":"Alpha","created":1710000000,"context_length":8000,
              "pricing":{"prompt":"0","completion":"0"}},
             {"id":"t/cheap-mid","name":"Mike","created":1690000000,"context_length":32000,
              "pricing":{"prompt":"0.0000001","completion":"0.0000002"}}
            ]}
            """#

        static func ids(_ r: PrismProcess.Result) -> [String] {
            let list = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [[String: Any]] ?? []
            return list.compactMap { $0["id"] as? String }
        }

        @Test func ctrlCMidStreamExits130AndSavesThePartialReplyAsCancelled() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let run = try RunningPrism(p, ["ask", "--save", "-m", "stub/slow", "tell me"])
            #expect(run.waitForOutput(bytes: 40))
            run.send(SIGINT)
            #expect(run.wait() == 130)
            let printed = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let session = try #require(try FaultSuite.sessions(p).first)
            let reply = try #require(FaultSuite.replies(session).first)
            let content = reply["content"] as? String ?? ""
            #expect(!printed.isEmpty && content.hasPrefix(printed), "saved \(content.count) chars, printed \(printed.count)")
            #expect(content.count < StubReply.fillerPieces(count: 40).joined().count, "the slow reply was cut short, not waited for")
            #expect(reply["status"] as? String == "cancelled")
            #expect((reply["failure"] as? [String: Any])?["message"] as? String == "cancelled")
        }

        @Test func modelsFreeAndSortFilterAndOrderTheCatalog() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            server.modelsPayload = Data(Self.catalog.utf8)
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            // "name" lists by id, the column people scan (ModelQuery), whatever the display names say.
            #expect(Self.ids(try p.run(["models", "--json"])) == ["t/cheap-mid", "t/free-small", "t/paid-big"], "by name by default")
            #expect(Self.ids(try p.run(["models", "--json", "--free"])) == ["t/free-small"])
            #expect(Self.ids(try p.run(["models", "--json", "--sort", "price"])) == ["t/free-small", "t/cheap-mid", "t/paid-big"])
            #expect(Self.ids(try p.run(["models", "--json", "--sort", "context"])) == ["t/paid-big", "t/cheap-mid", "t/free-small"])
            #expect(Self.ids(try p.run(["models", "--json", "--sort", "newest"])) == ["t/free-small", "t/paid-big", "t/cheap-mid"])
            #expect(Self.ids(try p.run(["models", "--json", "--sort", "name"])) == ["t/cheap-mid", "t/free-small", "t/paid-big"])
            let table = try p.run(["models", "--free"])
            #expect(table.status == 0)
            #expect(table.stdout.contains("t/free-small") && !table.stdout.contains("t/paid-big"), "\(table.stdout)")
            #expect(try p.run(["models", "--sort", "cheapest"]).status == 2, "an unknown order is a usage error")
        }

        @Test func modelsRefreshFetchesTheCatalogAgainInsteadOfTheCache() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            server.modelsPayload = Data(Self.catalog.utf8)
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            func catalogRequests() -> Int { server.requests.filter { $0.route == "/models" }.count }
            #expect(Self.ids(try p.run(["models", "--json"])).count == 3)
            #expect(catalogRequests() == 1)
            server.modelsPayload = nil  // the stub's own catalog from now on
            let cached = try p.run(["models", "--json"])
            #expect(catalogRequests() == 1, "a fresh cache answers without a request")
            #expect(Self.ids(cached).count == 3)
            let refreshed = try p.run(["models", "--json", "--refresh"])
            #expect(catalogRequests() == 2)
            #expect(Self.ids(refreshed).contains("stub/echo") && !Self.ids(refreshed).contains("t/free-small"))
            #expect(Self.ids(try p.run(["models", "--json"])).contains("stub/echo"), "the refresh replaced the cache")
        }

        /// A server other than OpenRouter may need no key at all: none is asked for, none sent.
        @Test func aNonOpenRouterBaseURLNeedsNoKey() throws {
            let server = StubServer()
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess()
            defer { p.cleanUp() }
            #expect(p.environment["OPENROUTER_API_KEY"] == nil)
            let base = "http://127.0.0.1:\(server.port)/v1"
            let ask = try p.run(["ask", "--base-url", base, "-m", "stub/fast", "hi"])
            #expect(ask.status == 0, "\(ask.stderr)")
            #expect(!ask.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            let models = try p.run(["models", "--base-url", base])
            #expect(models.status == 0, "\(models.stderr)")
            #expect(models.stdout.contains("stub/fast"))
            #expect(server.requests.count >= 2)
            #expect(server.requests.allSatisfy { $0.header("authorization") == nil })
            // OpenRouter itself still asks for one, before any request.
            let noKey = try p.run(["ask", "hi"])
            #expect(noKey.status == 2 && noKey.stderr.contains("OPENROUTER_API_KEY"))
        }

        @Test func sessionsRenameChangesTheTitleListedShownAndExported() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            #expect(try p.run(["ask", "--demo", "--save", "-m", "demo/instant", "first title"]).status == 0)
            let list = (try? JSONSerialization.jsonObject(with: Data(try p.run(["sessions", "list", "--json"]).stdout.utf8))) as? [[String: Any]]
            let id = try #require(list?.first?["id"] as? String)
            let renamed = try p.run(["sessions", "rename", String(id.prefix(17)), "Better", "name"])
            #expect(renamed.status == 0, "\(renamed.stderr)")
            let again = (try? JSONSerialization.jsonObject(with: Data(try p.run(["sessions", "list", "--json"]).stdout.utf8))) as? [[String: Any]]
            #expect(again?.first?["title"] as? String == "Better name")
            #expect(try p.run(["sessions"]).stdout.contains("Better name"))
            let out = p.home.appendingPathComponent("renamed.md")
            #expect(try p.run(["sessions", "export", id, "-o", out.path]).status == 0)
            let exported = try String(contentsOf: out, encoding: .utf8)
            #expect(exported.contains("Better name") && exported.contains("first title"), "\(exported)")
            #expect(try p.run(["sessions", "rename", "no-such-session", "x"]).status == 2)
        }
    }
}
