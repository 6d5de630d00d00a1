import Foundation
import PrismCore
import PrismStub
import Testing

/// `prism route` run as a process in demo mode (offline, providers simulated).
extension ProcessSuites {
    @Suite("prism route", .serialized)
    struct RouteCommandTests {
        static func json(_ r: PrismProcess.Result) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        }

        @Test func choosesAmongTheCandidatesAndSaysWhyWithoutSending() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["route", "--demo", "--json", "--candidate", "demo/aurora-mini", "--candidate", "demo/sage-reasoner",
                               "write a python function that sorts a list"])
            #expect(r.status == 0, "\(r.stderr)")
            let o = Self.json(r)
            #expect(o["tag"] as? String == "code")
            #expect(o["tag_reason"] as? String == "mentions \"function\"")
            let candidates = o["candidates"] as? [[String: Any]] ?? []
            #expect(candidates.map { $0["model"] as? String } == ["demo/aurora-mini", "demo/sage-reasoner"], "the cheaper, faster one first")
            #expect(candidates.allSatisfy { $0["speed_source"] as? String == "providers" })
            #expect(o["confidence"] as? String == "low", "no matches yet")
            #expect((o["line"] as? String)?.hasPrefix("code → demo/aurora-mini: no matches yet, ≈$") == true)
        }

        @Test func explainPrintsTheBreakdownAndConfigWeightsApply() throws {
            let p = try PrismProcess(config: "[route]\nquality = 0\ncost = 0\nspeed = 0\nspecialization = 1\n")
            defer { p.cleanUp() }
            let r = try p.run(["route", "--demo", "--explain", "--candidate", "demo/aurora-mini", "--candidate", "demo/prism-coder",
                               "fix this bug in my rust code"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("code → demo/prism-coder:"), "only specialization counts: \(r.stdout)")
            #expect(r.stdout.contains("weights: quality 0%, cost 0%, speed 0%, specialization 100%"))
            #expect(r.stdout.contains("1. demo/prism-coder  score 1.00"))
        }

        @Test func askRouteSendsToTheChoiceAndSaysWhy() throws {
            let p = try PrismProcess(config: "[route]\ncandidates = [\"demo/sage-reasoner\", \"demo/aurora-mini\"]\n")
            defer { p.cleanUp() }
            let r = try p.run(["ask", "--route", "--demo", "--json", "write a python function"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("prism: route: code → demo/aurora-mini:"), "\(r.stderr)")
            #expect(Self.json(r)["model_requested"] as? String == "demo/aurora-mini")
            let both = try p.run(["ask", "--route", "-m", "demo/aurora-mini", "--demo", "hi"])
            #expect(both.status == 2 && both.stderr.contains("--route chooses the model"))
        }

        @Test func aBadTagIsAUsageError() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["route", "--demo", "--tag", "poetry", "hi"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("--tag must be one of: code, math, writing, data, translation, chat"))
        }
    

        @Test func yourRatingsOnThePromptsTagDecideWhenAllElseIsEqual() throws {
            let key = "sk-or-v1-ROUTEKEY0123456789abcdefgh"
            let server = StubServer(requiredKey: key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            #expect(try p.run(["models"]).status == 0)
            let store = MatchStore(database: DatabaseHandle(file: p.home.appendingPathComponent("state/prism/prism.db")))
            let round = MatchRecord.Round(at: Date(), sessionID: "s", roundID: "u1", tag: .code)
            var records: [MatchRecord] = []
            for _ in 0..<10 { records += MatchRecord.pick(round, winner: "stub/fast", others: ["stub/echo"]) }
            try store.record(records)

            let r = try p.run(["route", "--candidate", "stub/echo", "--candidate", "stub/fast", "fix this python bug"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("code → stub/fast: rated 1st of 2 on code (10 matches)"), "\(r.stdout)")
            #expect(!r.stdout.contains("low confidence"))
            // On another tag there are no matches: the overall rating is used, and said so.
            let math = try p.run(["route", "--candidate", "stub/echo", "--candidate", "stub/fast", "--tag", "math", "x"])
            #expect(math.stdout.hasPrefix("math → stub/fast: rated 1st of 2 overall (10 matches)"), "\(math.stdout)")
            #expect(server.chatRequests.isEmpty, "route sends nothing")

            // Once the models have answered here, speed is measured from the reply history.
            for model in ["stub/fast", "stub/echo"] { #expect(try p.run(["ask", "-m", model, "hi"]).status == 0) }
            let measured = try p.run(["route", "--json", "--candidate", "stub/echo", "--candidate", "stub/fast", "fix this python bug"])
            let candidates = Self.json(measured)["candidates"] as? [[String: Any]] ?? []
            #expect(candidates.count == 2 && candidates.allSatisfy { $0["speed_source"] as? String == "history" }, "\(measured.stdout)")
            #expect(candidates.allSatisfy { $0["ttft_seconds"] is Double })
        }
    }
}
