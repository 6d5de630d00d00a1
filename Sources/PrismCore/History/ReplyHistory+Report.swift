import Foundation

/// The analytics of a range, from one pass over the range's rows in time order (the
/// `replies_by_time` index): sums and counts per model, provider, tag and local day, and the
/// percentiles in Swift over the kept timings.
extension ReplyHistory: StatsSource {
    public func report(range: StatsRange, now: Date) throws -> StatsReport {
        try report(range: range, since: range.start(now: now), now: now)
    }

    /// The report from `since` (nil: everything) to `now`; days are local (`calendar`).
    public func report(range: StatsRange, since: Date?, now: Date, calendar: Calendar = .current) throws -> StatsReport {
        // Per column: the names met and a tally per name, by id.
        var names = [NameTable(), NameTable(), NameTable()]
        var tallies: [[StatsTally]] = [[], [], []]
        var all = StatsTally()
        var days: [StatsDay] = []
        var nextMidnight: Int64 = .min
        var dayCost: Int64 = 0

        func closeDay() {
            guard let last = days.indices.last else { return }
            days[last].cost = Money.decimal(pico: dayCost)
            dayCost = 0
        }
        /// Adds the days up to the one holding `at` (empty days included).
        func advance(to at: Int64) {
            while at >= nextMidnight, days.isEmpty || days[days.count - 1].day < calendar.startOfDay(for: now) {
                closeDay()
                let day = days.last.map { calendar.date(byAdding: .day, value: 1, to: $0.day)! }
                    ?? calendar.startOfDay(for: RouteHealth.date(millis: at))
                days.append(StatsDay(day: day, requests: 0, errors: 0, cost: 0))
                nextMidnight = RouteHealth.millis(calendar.date(byAdding: .day, value: 1, to: day)!)
            }
        }

        try database.read { db in
            let statement = try db.prepare("""
                SELECT created_at, model_asked, provider, tag, cost_pico, ttft_ms, tokens_per_second, error_kind, error_message
                FROM replies WHERE created_at >= ?1 ORDER BY created_at
                """)
            try statement.bind([.int(since.map(RouteHealth.millis) ?? .min)])
            if let since { advance(to: RouteHealth.millis(since)) }
            while try statement.step() {
                let failed = !statement.isNull(7)
                let row = StatsRow(at: statement.int(0), costPico: statement.optionalInt(4), ttftMs: statement.optionalInt(5),
                                   rate: statement.isNull(6) ? nil : statement.double(6),
                                   errorKind: failed ? statement.text(7) : nil, errorMessage: failed ? statement.text(8) : nil)
                advance(to: row.at)
                all.add(row, timings: false)
                for column in 0..<3 {
                    let id = names[column].id(statement, Int32(column + 1))
                    if id == tallies[column].count { tallies[column].append(StatsTally()) }
                    tallies[column][id].add(row)
                }
                days[days.count - 1].requests += 1
                if row.failed { days[days.count - 1].errors += 1 }
                dayCost &+= row.costPico ?? 0
            }
        }
        if !days.isEmpty { advance(to: RouteHealth.millis(now)) }
        closeDay()
        return StatsReport(range: range, since: since, generatedAt: now, days: days,
                           models: StatsTally.groups(names[0].names, tallies[0], total: all.requests),
                           providers: StatsTally.groups(names[1].names, tallies[1], total: all.requests),
                           tags: StatsTally.groups(names[2].names, tallies[2], total: all.requests),
                           requests: all.requests, errors: all.errors, cost: Money.decimal(pico: all.costPico),
                           unknownCost: all.requests - all.costKnown)
    }
}
