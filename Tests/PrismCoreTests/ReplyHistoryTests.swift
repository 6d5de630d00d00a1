import Foundation
import Testing
@testable import PrismCore

@Suite("Reply history and its report")
struct ReplyHistoryTests {
    static let calendar = LedgerSandbox.calendar("UTC")
    static func at(_ text: String) -> Date { LedgerSandbox.date(text, zone: "UTC") }

    static func history(_ sandbox: LedgerSandbox, keepPrompts: Bool = false) -> ReplyHistory {
        ReplyHistory(health: RouteHealth(database: DatabaseHandle(file: sandbox.database)), keepPrompts: keepPrompts)
    }

    static func reply(cost: Decimal? = 0.002, completion: Int = 100, ttft: Double = 400, total: Double = 2_400,
                      failure: ReplyFailure? = nil, provider: String? = "Prov") -> Reply {
        var reply = Reply()
        reply.model = "a/one-2025"
        reply.provider = provider
        reply.finishReason = failure == nil ? "stop" : nil
        reply.usage = TokenUsage(promptTokens: 10, completionTokens: completion, cachedTokens: 2, reasoningTokens: 5, cost: cost,
                                 costSource: cost == nil ? nil : .usage)
        reply.timings = ReplyTimings(ttftMs: ttft, totalMs: total, tokensPerSecond: Double(completion) / ((total - ttft) / 1000))
        reply.failure = failure
        return reply
    }

    @Test func aRecordHoldsTheReplyAndItsOutcomeGoesToHealthInTheSameWrite() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let history = Self.history(sandbox)
        var failure = ReplyFailure(kind: .http, status: 502, message: "upstream\nbroke \u{1B}[31m")
        failure.provider = "Prov"
        let failed = ReplyRecord(reply: Self.reply(cost: nil, failure: failure), model: "a/one:free:online", prompt: "fix this swift bug",
                                 source: .compareCommand, at: Self.at("2026-11-02 10:00:00"), replyID: "r1", sessionID: "s1",
                                 roundID: "u1", lane: 1)
        #expect(failed.variant == ":free:online")
        #expect(failed.tag == .code && !failed.tagByUser)
        #expect(failed.errorMessage?.contains("\n") == false && failed.errorMessage?.contains("\u{1B}") == false)
        try history.record(failed)
        let ok = ReplyRecord(reply: Self.reply(), model: "a/one", prompt: "hello", tag: .math, source: .chat,
                             at: Self.at("2026-11-02 10:01:00"), replyID: "r2")
        try history.record(ok)

        let (db, _) = try PrismDatabase.open(sandbox.database)
        let rows = try db.prepare("""
            SELECT source, model_asked, model_served, provider, variant, prompt_tokens, completion_tokens, reasoning_tokens,
                   cached_tokens, cost_pico, cost_source, ttft_ms, duration_ms, error_kind, error_status, tag, tag_source,
                   prompt_text, lane, round_id, tokens_per_second FROM replies ORDER BY id
            """).rows { r in (0..<21).map { r.isNull($0) ? "nil" : (r.text($0) ?? "") } }
        #expect(rows[0] == ["compare-command", "a/one:free:online", "a/one-2025", "Prov", ":free:online", "10", "100", "5", "2",
                            "nil", "nil", "400", "2400", "http", "502", "code", "rule", "nil", "1", "u1", "50.0"])
        #expect(rows[1][9] == "2000000000" && rows[1][10] == "usage" && rows[1][15] == "math" && rows[1][16] == "user")
        // The health record got both outcomes, the compare command's as "compare".
        let outcomes = try history.health.outcomes(since: Self.at("2026-11-01 00:00:00"))
        #expect(outcomes.map(\.kind) == [.failed(.http), .ok])
        #expect(outcomes.map(\.source) == ["compare", "chat"])
        #expect(outcomes[0].status == 502 && outcomes[0].model == "a/one:free:online")
    }

    @Test func promptTextIsKeptOnlyWhenAskedFor() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let record = ReplyRecord(reply: Self.reply(), model: "a/one", prompt: "secret plans", source: .ask, at: Self.at("2026-11-02 10:00:00"))
        try Self.history(sandbox).record(record)
        try Self.history(sandbox, keepPrompts: true).record(record)
        let (db, _) = try PrismDatabase.open(sandbox.database)
        #expect(try db.prepare("SELECT prompt_text FROM replies ORDER BY id").rows { $0.text(0) ?? "nil" } == ["nil", "secret plans"])
    }

    @Test func aShortReplyHasNoRateAndCompareOutcomeAndLateCostAreSetByReplyID() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let history = Self.history(sandbox)
        let short = ReplyRecord(reply: Self.reply(cost: nil, completion: 3, ttft: 100, total: 101), model: "a/one", prompt: "hi",
                                source: .compare, at: Self.at("2026-11-02 10:00:00"), replyID: "r9")
        #expect(short.tokensPerSecond == nil)
        try history.record(short)
        #expect(try history.setCompareOutcome(replyID: "r9", .allBad))
        #expect(try !history.setCompareOutcome(replyID: "nope", .won))
        #expect(try history.setCost(replyID: "r9", Decimal(string: "0.0005")!, source: .generation))
        let (db, _) = try PrismDatabase.open(sandbox.database)
        let row = try db.prepare("SELECT compare_outcome, cost_pico, cost_source FROM replies").rows { [$0.text(0), $0.text(1), $0.text(2)] }
        #expect(row == [["all_bad", "500000000", "generation"]])
    }

    @Test func theReportCountsCostsPercentilesErrorsAndEveryDay() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let history = Self.history(sandbox)
        let now = Self.at("2026-11-05 12:00:00")
        func add(_ day: String, model: String, cost: Decimal?, ttft: Double, failure: ReplyFailure? = nil, provider: String? = "Prov",
                 prompt: String = "hello") throws {
            try history.record(ReplyRecord(reply: Self.reply(cost: cost, ttft: ttft, failure: failure, provider: provider), model: model,
                                           prompt: prompt, source: .ask, at: Self.at(day)))
        }
        try add("2026-10-01 09:00:00", model: "old/model", cost: 1, ttft: 100)  // outside 7d
        try add("2026-11-01 09:00:00", model: "a/one", cost: 0.001, ttft: 100)
        try add("2026-11-01 23:59:59", model: "a/one", cost: 0.003, ttft: 200)
        try add("2026-11-03 08:00:00", model: "a/one", cost: nil, ttft: 300, provider: nil, prompt: "solve 2 + 2")
        try add("2026-11-03 09:00:00", model: "b/two", cost: nil, ttft: 900, failure: ReplyFailure(kind: .http, status: 502, message: "bad gateway"))
        try add("2026-11-05 10:00:00", model: "b/two", cost: 0.01, ttft: 500)
        try add("2026-11-05 11:00:00", model: "b/two", cost: nil, ttft: 50, failure: ReplyFailure(kind: .cancelled, message: "stopped"))

        let report = try history.report(range: .week, since: StatsRange.week.start(now: now, calendar: Self.calendar), now: now,
                                         calendar: Self.calendar)
        #expect(report.requests == 6 && report.errors == 1 && report.unknownCost == 3)
        #expect(report.cost == Decimal(string: "0.014"))
        #expect(report.days.map(\.day) == (0..<7).map { Self.at("2026-10-30 00:00:00").addingTimeInterval(Double($0) * 86_400) })
        #expect(report.days.map(\.requests) == [0, 0, 2, 0, 2, 0, 2])
        #expect(report.days.map(\.errors) == [0, 0, 0, 0, 1, 0, 0])
        #expect(report.days[2].cost == Decimal(string: "0.004"))
        let a = try #require(report.models.first { $0.name == "a/one" })
        #expect(a.requests == 3 && a.share == 0.5 && a.totalCost == Decimal(string: "0.004") && a.averageCost == Decimal(string: "0.002"))
        #expect(a.ttftP50 == 0.2 && a.ttftP95 == 0.3 && a.errorRate == 0)
        let b = try #require(report.models.first { $0.name == "b/two" })
        // The cancelled reply counts as a request but not against the error rate.
        #expect(b.requests == 3 && b.errorRate == 0.5)
        #expect(b.lastError == "HTTP 502 bad gateway" && b.lastErrorAt == Self.at("2026-11-03 09:00:00"))
        #expect(report.providers.map(\.name) == ["Prov", "-"])
        #expect(report.tags.map(\.name) == ["chat", "math"])
        #expect(try !history.report(range: .all, since: nil, now: now, calendar: Self.calendar).models.filter { $0.name == "old/model" }.isEmpty)
        #expect(try history.report(range: .today, since: StatsRange.today.start(now: now, calendar: Self.calendar), now: now,
                                   calendar: Self.calendar).requests == 2)
    }

    @Test func percentilesBySelectionMatchASortedArray() {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 10, 97, 1_000] {
            let values = (0..<count).map { _ in Int.random(in: 0..<50, using: &generator) }
            let sorted = values.sorted()
            var work = values
            let found = StatsTally.percentiles(&work, [0.5, 0.95])
            let ranks = [0.5, 0.95].map { min(max(Int(($0 * Double(count)).rounded(.up)), 1), count) - 1 }
            #expect(found == ranks.map { sorted[$0] }, "\(values)")
        }
        var none: [Double] = []
        #expect(StatsTally.percentiles(&none, [0.5]) == [nil])
    }

    @Test func keepPromptsIsReadFromConfigAndOffByDefault() throws {
        #expect(try PrismConfig.parse("[history]\nkeep_prompts = true\n").config.keepPrompts == true)
        #expect(try PrismConfig.parse("model = \"a/b\"\n").config.keepPrompts == nil)
        #expect(throws: TOMLError.self) { try PrismConfig.parse("[history]\nkeep_prompts = \"yes\"\n") }
        #expect(try PrismConfig.parse("[history]\nkeep = true\n").warnings.count == 1)
    }

    @Test func anEmptyHistoryGivesAnEmptyReport() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let report = try Self.history(sandbox).report(range: .all, now: Date())
        #expect(report.isEmpty && report.days.isEmpty && report.models.isEmpty)
    }

    @Test func twoConnectionsWritingAtOnceLoseNothing() async throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let record = ReplyRecord(reply: Self.reply(), model: "a/one", prompt: "hi", source: .ask, at: Date())
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let history = Self.history(sandbox)  // its own connection, as another process has
                    for _ in 0..<100 { try? history.record(record) }
                }
            }
        }
        #expect(try Self.history(sandbox).count() == 200)
    }
}
