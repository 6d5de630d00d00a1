import Foundation

/// Running figures of one group (a model, provider or tag) while the history's rows are read,
/// turned into a `StatsGroup` at the end.
struct StatsTally {
    var requests = 0
    var cancelled = 0
    var errors = 0
    var costPico: Int64 = 0
    var costKnown = 0
    var ttftMs: [Int64] = []
    var rates: [Double] = []
    var lastError: String?
    var lastErrorAt: Int64?

    mutating func add(_ row: StatsRow) {
        requests += 1
        if let cost = row.costPico {
            costPico &+= cost
            costKnown += 1
        }
        if let ttft = row.ttftMs { ttftMs.append(ttft) }
        if let rate = row.rate { rates.append(rate) }
        if row.cancelled { cancelled += 1 }
        if row.failed {
            errors += 1
            if lastErrorAt.map({ row.at >= $0 }) ?? true {
                lastErrorAt = row.at
                lastError = row.errorMessage ?? row.errorKind
            }
        }
    }

    func group(name: String, total: Int) -> StatsGroup {
        let counted = requests - cancelled
        return StatsGroup(
            name: name, requests: requests, share: total == 0 ? 0 : Double(requests) / Double(total),
            totalCost: Money.decimal(pico: costPico),
            averageCost: costKnown == 0 ? nil : Money.decimal(pico: costPico) / Decimal(costKnown),
            ttftP50: Self.percentile(ttftMs, 0.5).map { Double($0) / 1000 },
            ttftP95: Self.percentile(ttftMs, 0.95).map { Double($0) / 1000 },
            tokensPerSecondP50: Self.percentile(rates, 0.5),
            errorRate: counted <= 0 ? 0 : Double(errors) / Double(counted),
            lastError: lastError, lastErrorAt: lastErrorAt.map(RouteHealth.date(millis:)))
    }

    /// The nearest-rank percentile (`p` in 0...1) of `values`; nil when there are none.
    static func percentile<T: Comparable>(_ values: [T], _ p: Double) -> T? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Groups as the report lists them: most requests first, then by name.
    static func groups(_ tallies: [String: StatsTally], total: Int) -> [StatsGroup] {
        tallies.map { $0.value.group(name: $0.key, total: total) }
            .sorted { $0.requests != $1.requests ? $0.requests > $1.requests : $0.name < $1.name }
    }
}

/// The columns of one reply the report reads.
struct StatsRow {
    var at: Int64
    var costPico: Int64?
    var ttftMs: Int64?
    var rate: Double?
    var errorKind: String?
    var errorMessage: String?

    var cancelled: Bool { errorKind == ReplyFailure.Kind.cancelled.rawValue }
    var failed: Bool { errorKind != nil && !cancelled }
}
