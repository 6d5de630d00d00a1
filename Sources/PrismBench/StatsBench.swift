import Foundation
import PrismCore
import PrismTerminal
import PrismUI

/// The analytics view (issue "Which model is best for me"): opening it at 200×60 on a report of
/// 30 models over 90 days, target ≤ 100 ms. The report itself comes from the reply history
/// (`StatsSource`); this times what the chat screen adds: the key through the reducer, the
/// "loading…" frame, the report's arrival and the full frame, each render followed by its diff.
enum StatsBench {
    static let target = 0.100

    static func run() {
        let theme = (try? ThemeCatalog(userDirectory: nil).load(name: "dark").adapted(to: .truecolor))
            ?? Theme(name: "plain", styles: [:])
        let report = StatsFixture.report(models: 30, days: 90)
        let environment = ReducerEnvironment(makeID: { UUID().uuidString.lowercased() }, makeSessionID: { _ in "bench" })
        var chat = SteadyState.makeState(ChatFixture.session(messages: 100))
        chat.statsRange = .all

        var open: [Double] = [], loaded: [Double] = [], steady: [Double] = []
        for i in 0...100 {
            let renderer = AppRenderer()
            var state = chat
            var previous = renderer.render(&state, theme: theme)
            let t0 = Measure.clock.now
            _ = Reducer.reduce(&state, .input(.key(Key(.function(2)))), environment)
            var frame = renderer.render(&state, theme: theme)
            blackHole(FrameDiff.changes(from: previous, to: frame))
            previous = frame
            let t1 = Measure.clock.now
            _ = Reducer.reduce(&state, .statsLoaded(report), environment)
            frame = renderer.render(&state, theme: theme)
            blackHole(FrameDiff.changes(from: previous, to: frame))
            previous = frame
            let t2 = Measure.clock.now
            // A key inside the view (the next table) and its frame.
            _ = Reducer.reduce(&state, .input(.key(.char("p"))), environment)
            frame = renderer.render(&state, theme: theme)
            blackHole(FrameDiff.changes(from: previous, to: frame))
            let t3 = Measure.clock.now
            guard i > 0 else { continue }  // the first run warms code and allocator
            open.append((t1 - t0).seconds)
            loaded.append((t2 - t1).seconds)
            steady.append((t3 - t2).seconds)
        }
        let total = zip(open, loaded).map { $0 + $1 }

        var table = Table("Analytics view: open at 200×60, 30 models × 90 days",
                          headers: ["Case", "Samples", "Median", "p90", "Max", "Target ≤ 100 ms"])
        func add(_ label: String, _ values: [Double], target: Bool = false) {
            let s = Samples(seconds: values)
            table.add([label, "\(s.count)", UIBench.time(s.median), UIBench.time(s.p90), UIBench.time(s.max),
                       target ? (s.median <= Self.target ? "met" : "not met") : "–"])
        }
        add("F2 to the full view drawn (both steps below)", total, target: true)
        add("    F2: reducer + \"loading…\" frame + diff", open)
        add("    report arrives: reducer + full frame + diff", loaded)
        add("key in the view (p: per provider): reducer + frame + diff", steady)
        table.note("The report is built once in memory (30 models, 12 providers, 5 tags, 90 days); reading it from prism.db is the StatsSource's time, not included.")
        table.note("Each run starts from a fresh AppRenderer over a 100-message chat, theme dark, truecolor.")
        table.print()
    }
}

/// A report as the reply history might give for all time: `days` days of traffic over `models` models.
enum StatsFixture {
    static func report(models: Int, days: Int) -> StatsReport {
        let calendar = Calendar.current
        let today = calendar.startOfDay(for: ChatFixture.start)
        let dayRows = (0..<days).map { i in
            StatsDay(day: calendar.date(byAdding: .day, value: i - days + 1, to: today)!, requests: (i * 7) % 23 + 1,
                     errors: i % 6 == 0 ? 2 : 0, cost: Decimal((i * 31) % 17 + 1) / 10)
        }
        let requests = dayRows.reduce(0) { $0 + $1.requests }
        func group(_ name: String, _ i: Int, of count: Int) -> StatsGroup {
            let n = max(1, requests / count - i)
            return StatsGroup(name: name, requests: n, share: Double(n) / Double(requests), totalCost: Decimal(n) / 40,
                              averageCost: Decimal(1) / 40, ttftP50: 0.3 + Double(i) / 10, ttftP95: 1.5 + Double(i) / 5,
                              tokensPerSecondP50: 200 - Double(i * 5), errorRate: i % 4 == 0 ? 0.02 : 0,
                              lastError: i % 4 == 0 ? "HTTP 429: rate limited upstream" : nil,
                              lastErrorAt: i % 4 == 0 ? ChatFixture.start : nil)
        }
        return StatsReport(
            range: .all, generatedAt: ChatFixture.start, days: dayRows,
            models: (0..<models).map { group("vendor\($0 % 7)/model-\($0)-instruct", $0, of: models) },
            providers: (0..<12).map { group("Provider \($0)", $0, of: 12) },
            tags: ["code", "writing", "analysis", "chat", "other"].enumerated().map { group($1, $0, of: 5) },
            requests: requests, errors: dayRows.reduce(0) { $0 + $1.errors },
            cost: dayRows.reduce(Decimal(0)) { $0 + $1.cost }, unknownCost: 3)
    }
}
