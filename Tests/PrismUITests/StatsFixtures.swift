import Foundation
import PrismCore
import PrismTerminal
@testable import PrismUI

/// Reports for the analytics view: a month of replies over a few models (one with escape
/// sequences in its name, which must never reach the screen), and an empty history. Days are
/// built from calendar dates in the local calendar, so labels read the same in every time zone.
enum StatsFixtures {
    static func day(_ month: Int, _ day: Int, hour: Int = 0) -> Date {
        Calendar.current.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour))!
    }

    /// 15:00 on 2 December 2026, the newest day of the month fixture.
    static let now = day(12, 2, hour: 15)
    static let hostile = "evil\u{1B}]0;pwned\u{07}/model\u{1B}[2J\nname"

    /// Thirty days, oldest first: some idle, some with errors; a tall day and a small one.
    static func days() -> [StatsDay] {
        (0..<30).map { i in
            let date = Calendar.current.date(byAdding: .day, value: i - 29, to: day(12, 2))!
            let idle = i % 9 == 4
            let requests = idle ? 0 : (i * 13) % 17 + 3
            let cost = idle ? Decimal(0) : Decimal((i * 37) % 11 + 1) * Decimal(string: "0.07")!
            return StatsDay(day: date, requests: requests, errors: !idle && i % 5 == 0 ? i % 3 + 1 : 0, cost: cost)
        }
    }

    static func month() -> StatsReport {
        let days = days()
        let requests = days.reduce(0) { $0 + $1.requests }
        let errors = days.reduce(0) { $0 + $1.errors }
        let cost = days.reduce(Decimal(0)) { $0 + $1.cost }
        func group(_ name: String, _ n: Int, _ cost: String, ttft: Double?, p95: Double?, speed: Double?, errors: Int = 0,
                   last: String? = nil) -> StatsGroup {
            StatsGroup(name: name, requests: n, share: Double(n) / Double(requests), totalCost: Decimal(string: cost)!,
                       averageCost: n == 0 || cost == "0" ? nil : Decimal(string: cost)! / Decimal(n),
                       ttftP50: ttft, ttftP95: p95, tokensPerSecondP50: speed, errorRate: Double(errors) / Double(n),
                       lastError: last, lastErrorAt: last == nil ? nil : now.addingTimeInterval(-3 * 3600))
        }
        let models = [
            group("anthropic/claude-sonnet-4.5", 100, "6.2", ttft: 0.82, p95: 2.4, speed: 74, errors: 5, last: "HTTP 529: overloaded"),
            group("openai/gpt-5", 64, "3.1", ttft: 1.9, p95: 6.1, speed: 55, errors: 4, last: "stream stalled for 60s"),
            group("google/gemini-2.5-flash", 50, "0.42", ttft: 0.31, p95: 0.9, speed: 210),
            group("meta-llama/llama-3.3-70b-instruct", 30, "0.118", ttft: 0.45, p95: 1.2, speed: 120, errors: 3, last: "HTTP 502: upstream error"),
            group(hostile, 12, "0", ttft: nil, p95: nil, speed: nil),
            group("deepseek/deepseek-chat-v3.1", 9, "0.0093", ttft: 1.1, p95: 3.3, speed: 38),
            group("x-ai/grok-4", 7, "0.77", ttft: 4.2, p95: 9.8, speed: 61),
            group("mistralai/mistral-large", 3, "0.031", ttft: 0.7, p95: nil, speed: 90),
            group("qwen/qwen3-coder", 3, "0.006", ttft: 0.6, p95: nil, speed: 140),
            group("moonshotai/kimi-k2", 2, "0.012", ttft: 1.4, p95: nil, speed: 44),
            group("z-ai/glm-4.6", 2, "0.4637", ttft: 0.9, p95: nil, speed: 52),
        ]
        let providers = [
            group("Anthropic", 100, "6.2", ttft: 0.82, p95: 2.4, speed: 74, errors: 5, last: "HTTP 529: overloaded"),
            group("OpenAI", 64, "3.1", ttft: 1.9, p95: 6.1, speed: 55, errors: 4, last: "stream stalled for 60s"),
            group("Google Vertex", 50, "0.42", ttft: 0.31, p95: 0.9, speed: 210),
            group("Odd\u{1B}[31mCloud", 68, "1.41", ttft: 0.45, p95: 1.2, speed: 120, errors: 3, last: "HTTP 502: upstream error"),
        ]
        let tags = [
            group("code", 130, "7", ttft: 0.9, p95: 3.0, speed: 80, errors: 8, last: "HTTP 529: overloaded"),
            group("writing", 80, "2.5", ttft: 0.7, p95: 2.1, speed: 95),
            group("other", 72, "1.63", ttft: 0.5, p95: 1.9, speed: 110, errors: 4, last: "stream stalled for 60s"),
        ]
        return StatsReport(range: .month, generatedAt: now, days: days, models: models, providers: providers, tags: tags,
                           requests: requests, errors: errors, cost: cost, unknownCost: 4)
    }

    static func empty(_ range: StatsRange = .all) -> StatsReport {
        StatsReport(range: range, generatedAt: now)
    }

    /// A screen on the fixture chat with the analytics view open on `report`.
    static func state(_ size: Size, _ report: StatsReport, table: StatsViewState.Table = .models) -> AppState {
        var state = UIFixtures.state(size)
        state.now = now
        state.focus = .stats
        var view = StatsViewState(range: report.range)
        view.load = .loaded(report)
        view.table = table
        state.stats = view
        return state
    }
}

/// A fake history for `LiveEffects`: answers every range with a report for it, or fails.
struct FixtureStatsSource: StatsSource {
    var failure: String?
    func report(range: StatsRange, now: Date) throws -> StatsReport {
        if let failure { throw StatsSourceFailure(message: failure) }
        var report = StatsFixtures.month()
        report.range = range
        report.generatedAt = now
        return report
    }
}

struct StatsSourceFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
