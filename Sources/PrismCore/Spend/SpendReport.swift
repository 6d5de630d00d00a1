import Foundation

/// What `prism spend` prints (and the chat screen's spend view will draw): totals,
/// requests, the average, rows per day, model or provider, and how much of the total is
/// exact (`usage`, `generation`) or estimated.
///
/// Built from ledger entries by a pure function, so it is tested without a database.
/// Only settled entries count as spent; imported per-day totals add to the cost but are
/// not requests. Reservations still in flight are reported apart.
public struct SpendReport: Sendable, Equatable {
    public enum Grouping: String, Sendable, CaseIterable {
        case day, model, provider
    }

    public struct Row: Sendable, Equatable {
        public var key: String
        public var requests: Int
        public var cost: Decimal
        /// Part of `cost` that is an estimate.
        public var estimated: Decimal

        public var average: Decimal? { requests > 0 ? cost / Decimal(requests) : nil }
    }

    public var from: Date?
    public var to: Date
    public var grouping: Grouping
    public var total: Decimal = 0
    /// Settled requests (imported day totals are not requests).
    public var requests = 0
    public var freeRequests = 0
    /// Cost of the requests, without imported totals (what `average` divides).
    public var requestCost: Decimal = 0
    public var imported: Decimal = 0
    /// Cost and requests per cost source.
    public var bySource: [SpendEntry.CostSource: (requests: Int, cost: Decimal)] = [:]
    public var inFlight = 0
    public var reserved: Decimal = 0
    /// By cost, highest first (by day: oldest first).
    public var rows: [Row] = []
    /// The three models that cost most, whatever the grouping.
    public var topModels: [Row] = []

    public var average: Decimal? { requests > 0 ? requestCost / Decimal(requests) : nil }
    public var estimated: Decimal { bySource[.estimate]?.cost ?? 0 }

    public init(entries: [SpendEntry], from: Date?, to: Date, grouping: Grouping, calendar: Calendar = .current) {
        self.from = from
        self.to = to
        self.grouping = grouping
        var groups: [String: Row] = [:]
        var models: [String: Row] = [:]
        for entry in entries {
            if entry.state == .reserved {
                inFlight += 1
                reserved += entry.reserved
            }
            guard entry.state == .settled, let cost = entry.cost else { continue }
            total += cost
            let key = Self.key(entry, grouping, calendar)
            var row = groups[key] ?? Row(key: key, requests: 0, cost: 0, estimated: 0)
            row.cost += cost
            if entry.source == .import {
                imported += cost
            } else {
                requests += 1
                row.requests += 1
                requestCost += cost
                if entry.free { freeRequests += 1 }
                let source = entry.costSource ?? .usage
                let sofar = bySource[source] ?? (0, 0)
                bySource[source] = (sofar.requests + 1, sofar.cost + cost)
                if source == .estimate { row.estimated += cost }
                var model = models[entry.model] ?? Row(key: entry.model, requests: 0, cost: 0, estimated: 0)
                model.requests += 1
                model.cost += cost
                if source == .estimate { model.estimated += cost }
                models[entry.model] = model
            }
            groups[key] = row
        }
        topModels = Array(models.values.sorted { ($0.cost, $1.key) > ($1.cost, $0.key) }.prefix(3))
        rows = grouping == .day
            ? groups.values.sorted { $0.key < $1.key }
            : groups.values.sorted { ($0.cost, $1.key) > ($1.cost, $0.key) }
    }

    static func key(_ entry: SpendEntry, _ grouping: Grouping, _ calendar: Calendar) -> String {
        switch grouping {
        case .day:
            let c = calendar.dateComponents([.year, .month, .day], from: entry.startedAt)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        case .model:
            return entry.model
        case .provider:
            return entry.source == .import ? "(imported)" : entry.provider ?? "(unknown)"
        }
    }

    public static func == (a: SpendReport, b: SpendReport) -> Bool {
        a.from == b.from && a.to == b.to && a.grouping == b.grouping && a.total == b.total && a.requests == b.requests
            && a.rows == b.rows && a.topModels == b.topModels && a.reserved == b.reserved && a.inFlight == b.inFlight && a.imported == b.imported
            && a.freeRequests == b.freeRequests
            && SpendEntry.CostSource.allCases.allSatisfy { a.bySource[$0]?.requests == b.bySource[$0]?.requests && a.bySource[$0]?.cost == b.bySource[$0]?.cost }
    }
}
