import Foundation
import PrismCore
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `prism stats` over the reply history that real `ask` and `compare` runs recorded, and the
/// history shared by processes writing at once or killed mid-run.
extension ProcessSuites {
    @Suite("Reply history and prism stats", .serialized)
    struct StatsCommandTests {
        static let key = "sk-or-v1-STATSKEY0123456789abcdef"

        func setUp() throws -> (StubServer, PrismProcess) {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            return (server, p)
        }

        func statsJSON(_ p: PrismProcess, _ args: [String] = []) throws -> [String: Any] {
            let result = try p.run(["stats", "--json"] + args)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }

        func database(_ p: PrismProcess) throws -> SQLiteConnection {
            try SQLiteConnection(path: p.home.appendingPathComponent("state/prism/prism.db").path)
        }

        static func groups(_ json: [String: Any], _ key: String) -> [String: [String: Any]] {
            let list = json[key] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "?", $0) })
        }

        @Test func statsCountsWhatAskAndCompareRecorded() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let empty = try p.run(["stats"])
            #expect(empty.status == 0 && empty.stdout.hasPrefix("no replies recorded from ") && empty.stdout.split(separator: "\n").count == 1,
                    "\(empty.stdout)")

            #expect(try p.run(["ask", "-m", "stub/fast", "write a poem about foxes"]).status == 0)
            #expect(try p.run(["ask", "-m", "stub/no-cost", "fix this python bug"]).status == 0)
            let compare = try p.run(["compare", "-m", "stub/fast", "-m", "stub/http-502", "hello there"])
            #expect(compare.status != 0 || compare.stdout.contains("502"), "\(compare.stderr)")

            let json = try statsJSON(p)
            #expect(json["requests"] as? Int == 4 && json["errors"] as? Int == 1, "\(json)")
            #expect(json["unknownCost"] as? Int == 1, "the failed reply; the no-cost one's came from /generation")
            #expect(abs(((json["cost"] as? NSNumber)?.doubleValue ?? 0) - 0.000247) < 1e-12, "two stub/fast replies at $0.000093, $0.000061")
            let models = Self.groups(json, "models")
            #expect(models["stub/fast"]?["requests"] as? Int == 2)
            #expect(models["stub/http-502"]?["errorRate"] as? Double == 1)
            #expect((models["stub/http-502"]?["lastError"] as? String)?.contains("502") == true)
            #expect(Self.groups(json, "providers")["Stub"]?["requests"] as? Int ?? 0 >= 3)
            let tags = Self.groups(json, "tags")
            #expect(tags["writing"]?["requests"] as? Int == 1 && tags["code"]?["requests"] as? Int == 1 && tags["chat"]?["requests"] as? Int == 2)

            // The compare command's two replies share their round; no prompt text is kept by default.
            let db = try database(p)
            #expect(try db.texts("SELECT DISTINCT round_id FROM replies WHERE source = 'compare-command'").count == 1)
            #expect(try db.scalarInt("SELECT count(*) FROM replies WHERE prompt_text IS NOT NULL") == 0)
            #expect(try db.scalarInt("SELECT count(*) FROM route_outcomes") == 4, "one health outcome per reply, written with it")

            let text = try p.run(["stats", "--by", "model"])
            #expect(text.stdout.contains("requests 4 · errors 1 · cost $0.000247 (1 with unknown cost, not counted)"), "\(text.stdout)")
            #expect(text.stdout.contains("stub/http-502") && !text.stdout.contains("\u{1B}"))

            let csv = try p.run(["stats", "--by", "provider", "--csv"])
            let lines = csv.stdout.split(separator: "\n")
            #expect(lines.first == "provider,requests,share,cost_usd,average_usd,ttft_p50_s,ttft_p95_s,tokens_per_second_p50,error_rate,last_error")
            #expect(lines.dropFirst().allSatisfy { Self.csvFields(String($0)).count == 10 }, "\(csv.stdout)")
            let days = try p.run(["stats", "--by", "day", "--csv", "--since", "today"])
            #expect(days.stdout.split(separator: "\n").count == 2 && days.stdout.contains(",4,1,0.000247"), "\(days.stdout)")
        }

        @Test func keepPromptsInConfigStoresThePromptText() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let folder = p.home.appendingPathComponent("config/prism")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("[history]\nkeep_prompts = true\n".utf8).write(to: folder.appendingPathComponent("config.toml"))
            #expect(try p.run(["ask", "-m", "stub/fast", "remember this prompt"]).status == 0)
            #expect(try database(p).texts("SELECT prompt_text FROM replies") == ["remember this prompt"])
        }

        @Test func aBadSinceIsOneLineAndTheDefaultsAreDocumented() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let bad = try p.run(["stats", "--since", "yesterday"])
            #expect(bad.status == 2 && bad.stderr.contains("--since must be today, 7d, 30d, all or a date like 2026-12-01, not 'yesterday'"))
            #expect(try p.run(["stats", "--json", "--csv"]).status == 2)
        }

        @Test func parallelWritersLoseNothingAndKillNineLeavesAReadableHistory() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let runs = try (0..<4).map { _ in try RunningPrism(p, ["ask", "-m", "stub/fast", "hi"]) }
            for run in runs { #expect(run.wait() == 0) }
            let slow = try RunningPrism(p, ["ask", "-m", "stub/slow", "hang on"])
            #expect(slow.waitForOutput(bytes: 1))
            slow.send(SIGKILL)
            #expect(slow.wait() == 128 + SIGKILL)
            let db = try database(p)
            #expect(try db.texts("PRAGMA quick_check") == ["ok"])
            #expect(try statsJSON(p)["requests"] as? Int == 4, "the four parallel replies, the killed one never finished")
        }

        @Test func aDamagedDatabaseIsKeptAsideWithOneLineAndANewHistoryStarted() throws {
            let (server, p) = try setUp()
            defer { server.stop(); p.cleanUp() }
            let state = p.home.appendingPathComponent("state/prism")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try Data(repeating: 0x41, count: 8_192).write(to: state.appendingPathComponent("prism.db"))
            let result = try p.run(["stats"])
            #expect(result.status == 0 && result.stdout.hasPrefix("no replies recorded"), "\(result.stdout)\(result.stderr)")
            let warnings = result.stderr.split(separator: "\n").filter { $0.contains("moved to") }
            #expect(warnings.count == 1 && warnings[0].hasPrefix("prism: warning: prism.db is damaged"), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("corrupt").path).count >= 1)
            #expect(try p.run(["ask", "-m", "stub/fast", "hi"]).status == 0)
            #expect(try statsJSON(p)["requests"] as? Int == 1)
        }

        /// Splits one CSV line, honouring quotes.
        static func csvFields(_ line: String) -> [String] {
            var fields: [String] = [], current = "", quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" { if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false } } else { current.append(c) }
                } else if c == "\"" { quoted = true } else if c == "," { fields.append(current); current = "" } else { current.append(c) }
            }
            return fields + [current]
        }
    }
}
