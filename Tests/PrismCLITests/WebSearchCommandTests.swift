import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// `--web`, `--pdf-engine`, citations and cache savings through `prism ask` and `compare`, against the stub.
    @Suite("Web search, PDF engines and caching, run as a process", .serialized)
    struct WebSearchCommandTests {
        static let key = "sk-or-v1-WEBKEY0123456789abcdef"

        @Test func askWebSendsThePluginAndListsTheSourcesCleanly() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/web", "--web-results", "3", "snow in Oslo?"])
            #expect(r.status == 0, "\(r.stderr)")
            let sent = try #require(server.chatRequests.first)
            let plugins = try #require(sent["plugins"] as? [[String: Any]])
            #expect(plugins.count == 1 && plugins[0]["id"] as? String == "web" && plugins[0]["max_results"] as? Int == 3)
            #expect(r.stdout.contains("Oslo had 3 cm of snow today [1]."))
            #expect(r.stdout.contains("[1] Oslo weather – MET Norway — met.no/en/weather/oslo\n    https://www.met.no/en/weather/oslo\n"))
            // The hostile title is one clean line and its link never reaches the output as an escape.
            #expect(r.stdout.contains("[2] Forecast␛]8;;https://evil.example"))
            #expect(r.stdout.contains("[3] Not a link\n"))
            #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{07}"))
            #expect(!r.stdout.contains("javascript:"))
        }

        @Test func withoutWebNothingIsSentAndOnlineModelsAreNotSentItTwice() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let plain = try p.run(["ask", "-m", "stub/web", "snow?"])
            #expect(plain.status == 0 && !plain.stdout.contains("Sources:"))
            #expect(server.chatRequests.first?["plugins"] == nil)
            let online = try p.run(["ask", "-m", "stub/web:online", "--web", "snow?"])
            #expect(online.status == 0 && online.stdout.contains("Sources:"))
            #expect(server.chatRequests.last?["plugins"] == nil)
        }

        @Test func jsonCarriesCitationsAndCacheSavings() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let web = try p.run(["ask", "--json", "-m", "stub/web", "--web", "snow?"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(web.stdout.utf8)) as? [String: Any])
            let citations = try #require(object["citations"] as? [[String: Any]])
            #expect(citations.count == 3)
            #expect(citations[0]["url"] as? String == "https://www.met.no/en/weather/oslo")
            #expect(citations[0]["title"] as? String == "Oslo weather – MET Norway")
            // The catalog must be cached for prices: `prism models` fetches it.
            _ = try p.run(["models", "--json"])
            let cached = try p.run(["ask", "--json", "-m", "stub/cache", "hello"])
            let usage = try #require((try JSONSerialization.jsonObject(with: Data(cached.stdout.utf8)) as? [String: Any])?["usage"] as? [String: Any])
            #expect(usage["cached_tokens"] as? Int == 1800)
            // 1800 × (0.000003 − 0.0000003)
            #expect((usage["cache_savings"] as? NSNumber)?.doubleValue ?? 0 > 0.00485)
            #expect((usage["cache_savings"] as? NSNumber)?.doubleValue ?? 1 < 0.00487)
        }

        @Test func pdfEngineGoesWithTheFileParserAndABadOneIsOneLine() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let pdf = p.home.appendingPathComponent("report.pdf")
            try Data("%PDF-1.4 tiny".utf8).write(to: pdf)
            let r = try p.run(["ask", "-m", "stub/fast", "--web", "--pdf-engine", "pdf-text", "--attach", pdf.path, "summarise"])
            #expect(r.status == 0, "\(r.stderr)")
            let plugins = try #require(server.chatRequests.first?["plugins"] as? [[String: Any]])
            #expect(plugins.map { $0["id"] as? String } == ["web", "file-parser"])
            #expect((plugins[1]["pdf"] as? [String: Any])?["engine"] as? String == "pdf-text")
            let bad = try p.run(["ask", "-m", "stub/fast", "--pdf-engine", "ocr", "x"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("choose one of: pdf-text, mistral-ocr, cloudflare-ai, native"))
            #expect(server.chatRequests.count == 1)
        }

        @Test func theEstimateIncludesTheSearchAndSaysSo() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let plain = try p.run(["ask", "--estimate", "--json", "-m", "stub/fast", "hi"])
            let web = try p.run(["ask", "--estimate", "--json", "-m", "stub/fast", "--web", "hi"])
            func input(_ r: PrismProcess.Result) -> Double? {
                ((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["estimate"] as? [String: Any])?["input_cost"] as? Double
            }
            let difference = (input(web) ?? 0) - (input(plain) ?? 0)
            #expect(abs(difference - 0.007) < 1e-9, "\(plain.stdout) \(web.stdout)")
            #expect(web.stdout.contains("\"web_search\": true") && !plain.stdout.contains("web_search"))
            #expect(try p.run(["ask", "--estimate", "-m", "stub/fast", "--web", "hi"]).stdout.contains("incl. one web search"))
            #expect(server.chatRequests.isEmpty)
        }

        @Test func compareWebSendsThePluginToEveryModel() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["compare", "--web", "-m", "stub/web", "-m", "stub/fast", "snow?"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(server.chatRequests.count == 2)
            for request in server.chatRequests { #expect((request["plugins"] as? [[String: Any]])?.first?["id"] as? String == "web") }
            #expect(r.stdout.contains("[1] Oslo weather"))
        }
    }
}
