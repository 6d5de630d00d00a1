import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("prism sessions, models and key, run as a process", .serialized)
    struct SessionsCommandTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        @Test func savedSessionIsListedShownExportedAndRemoved() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let ask = try p.run(["ask", "--demo", "--save", "-m", "demo/instant", "What is a monad?"])
            #expect(ask.status == 0)
            #expect(ask.stderr.contains("saved session"))

            let list = try p.run(["sessions", "list", "--json"])
            #expect(list.status == 0)
            let sessions = try #require((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]])
            #expect(sessions.count == 1)
            let id = try #require(sessions.first?["id"] as? String)
            #expect(sessions.first?["title"] as? String == "What is a monad?")
            // The field names are part of the scripting interface: exactly these, snake_case.
            #expect(sessions.first.map { Set($0.keys) } == ["id", "title", "created_at", "updated_at", "model", "message_count",
                                                             "total_cost", "cost_is_estimate", "last_preview"])
            #expect(sessions.first?["message_count"] as? Int == 2)
            #expect(sessions.first?["model"] as? String == "demo/instant")
            #expect(sessions.first?["cost_is_estimate"] as? Bool == false)
            #expect((sessions.first?["total_cost"] as? NSNumber).map { $0.doubleValue > 0 } == true)
            #expect((sessions.first?["last_preview"] as? String)?.contains("What is a monad?") == true)
            for key in ["created_at", "updated_at"] {
                let stamp = sessions.first?[key] as? String ?? ""
                #expect(stamp.hasSuffix("Z") && stamp.contains("T"), "\(key) is an ISO 8601 UTC time: \(stamp)")
            }

            let table = try p.run(["sessions"])
            #expect(table.stdout.contains(id) && table.stdout.contains("What is a monad?"))

            let show = try p.run(["sessions", "show", String(id.prefix(15))])
            #expect(show.status == 0)
            #expect(show.stdout.contains("What is a monad?") && show.stdout.contains("simulated"))

            let md = try p.run(["sessions", "export", id, "--format", "md"])
            #expect(md.stdout.hasPrefix("# What is a monad?"))
            let json = try p.run(["sessions", "export", id, "--format", "json"])
            let object = try #require(json.stdout.jsonObject)
            #expect(object["version"] as? Int == 1)
            #expect((object["messages"] as? [Any])?.count == 2)

            let rm = try p.run(["sessions", "rm", id])
            #expect(rm.status == 0)
            let after = try p.run(["sessions", "list", "--json"])
            #expect(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || after.stdout.contains("[]"))
            #expect(try p.run(["sessions", "show", id]).status == 2)
        }

        @Test func showPrintsAttachmentsAndToolCalls() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let notes = p.home.appendingPathComponent("notes.txt")
            try Data(repeating: 0x61, count: 1_536).write(to: notes)
            #expect(try p.run(["ask", "--save", "-m", "stub/echo", "--attach", notes.path, "read this"]).status == 0)
            #expect(try p.run(["ask", "--save", "-m", "stub/tools", "weather in Oslo?"]).status == 0)
            let list = try #require(try p.run(["sessions", "list", "--json"]).stdout.jsonArray)
            let shown = try list.compactMap { $0["id"] as? String }.map { try p.run(["sessions", "show", $0]).stdout }.joined()
            #expect(shown.contains("- Attachment: `notes.txt · text/plain · 1.5 KiB`"), "\(shown)")
            #expect(shown.contains("- Tool call: `get_weather({\"city\":\"Oslo\"})`"), "\(shown)")
        }

        @Test func modelsTableShowsPricesAndUnknownRouterPrice() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["models"])
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("MODEL") == true)
            let router = try #require(lines.first { $0.hasPrefix("stub/auto ") })
            #expect(router.contains("?"), "a router's dynamic price shows as unknown: \(router)")
            #expect(!router.contains("free"))
            let search = try p.run(["models", "--search", "fail mid", "--json"])
            let found = try #require((try? JSONSerialization.jsonObject(with: Data(search.stdout.utf8))) as? [[String: Any]])
            #expect(found.map { $0["id"] as? String } == ["stub/fail-midstream"])

            // Offline: the cached catalog still answers.
            server.stop()
            let offline = try p.run(["models", "--search", "echo"])
            #expect(offline.status == 0)
            #expect(offline.stdout.contains("stub/echo"))
        }

        @Test func modelsSortedByPriceSayWhichAndShowIt() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["models", "--demo", "--sort", "price"])
            #expect(r.status == 0)
            #expect(r.stderr.contains("sorted by price: input + output per million tokens"))
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.contains("$/M IN+OUT") == true, "\(r.stdout)")
            // The sum column (the fifth) never goes down.
            let sums = lines.dropFirst().compactMap { line -> Double? in
                let cells = line.split(separator: " ", omittingEmptySubsequences: true)
                guard cells.count >= 5 else { return nil }
                return Double(cells[4].replacingOccurrences(of: "$", with: ""))
            }
            #expect(sums.count >= 3 && sums == sums.sorted(), "\(r.stdout)")
        }

        @Test func keyShowsUsageAndRemainingCredit() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["key"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("remaining  $7.5"))
            #expect(r.stdout.contains("limit      $10"))
        }

        @Test func theKeyIsNeverWrittenToAnyFile() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            #expect(try p.run(["models"]).status == 0)
            #expect(try p.run(["ask", "--save", "-m", "stub/echo", "remember \(Self.key.prefix(6))"]).status == 0)
            #expect(try p.run(["ask", "--save", "-m", "stub/http-502", "fail"]).status == 1)
            #expect(try p.run(["key"]).status == 0)
            let files = p.writtenFiles()
            #expect(files.contains { $0.path.hasSuffix("prism.log") }, "logging went to the state dir")
            #expect(files.contains { $0.path.contains("/sessions/") })
            for file in files {
                #expect(!String(decoding: file.data, as: UTF8.self).contains(Self.key), "key found in \(file.path)")
            }
        }
    }
}
