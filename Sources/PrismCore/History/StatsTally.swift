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

    /// Counts `row`; its timings too when `timings` (the range's overall tally needs no percentiles).
    mutating func add(_ row: StatsRow, timings: Bool = true) {
        requests += 1
        if let cost = row.costPico {
            costPico &+= cost
            costKnown += 1
        }
        if timings, let ttft = row.ttftMs { ttftMs.append(ttft) }
        if timings, let rate = row.rate { rates.append(rate) }
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
        var ttft = ttftMs, rates = rates
        let ttftP = Self.percentiles(&ttft, [0.5, 0.95])
        return StatsGroup(
            name: name, requests: requests, share: total == 0 ? 0 : Double(requests) / Double(total),
            totalCost: Money.decimal(pico: costPico),
            averageCost: costKnown == 0 ? nil : Money.decimal(pico: costPico) / Decimal(costKnown),
            ttftP50: ttftP[0].map { Double($0) / 1000 },
            ttftP95: ttftP[1].map { Double($0) / 1000 },
            tokensPerSecondP50: Self.percentiles(&rates, [0.5])[0],
            errorRate: counted <= 0 ? 0 : Double(errors) / Double(counted),
            lastError: lastError, lastErrorAt: lastErrorAt.map(RouteHealth.date(millis:)))
    }

    /// The nearest-rank percentiles (each `p` in 0...1, ascending) of `values`, nil when there
    /// are none; reorders `values`. Found by selection, not a full sort: linear on average.
    static func percentiles<T: Comparable>(_ values: inout [T], _ ps: [Double]) -> [T?] {
        guard !values.isEmpty else { return ps.map { _ in nil } }
        var low = 0
        return ps.map { p in
            let rank = min(max(Int((p * Double(values.count)).rounded(.up)), 1), values.count) - 1
            let found = select(&values, rank, from: low)
            low = rank
            return found
        }
    }

    /// The element that would be at `k` were `values[from...]` sorted (Hoare's quickselect).
    static func select<T: Comparable>(_ values: inout [T], _ k: Int, from start: Int) -> T {
        var low = start, high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        return values[k]
    }

    /// Groups as the report lists them: most requests first, then by name.
    static func groups(_ names: [String], _ tallies: [StatsTally], total: Int) -> [StatsGroup] {
        zip(names, tallies).map { $1.group(name: $0, total: total) }
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
