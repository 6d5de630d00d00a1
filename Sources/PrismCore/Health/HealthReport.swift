import Foundation

/// What `prism models health` shows: per model and per provider, requests, success rate,
/// failures by kind, median latency, the last failure and the circuit's state.
public struct HealthReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var requests = 0
        public var ok = 0
        /// Failures by kind: "http 503", "network", "timeout", … (cancels are not failures).
        public var failures: [String: Int] = [:]
        public var p50TtftMs: Int?
        public var p50TotalMs: Int?
        public var lastFailure: Date?
        public var lastFailureKind: String?
        public var state: Circuit.State = .closed

        public var okPercent: Int? { requests == 0 ? nil : Int((Double(ok) * 100 / Double(requests)).rounded()) }
    }

    public var models: [Row]
    public var providers: [Row]
    public var settings: HealthSettings

    public var isEmpty: Bool { models.isEmpty && providers.isEmpty }

    /// Builds the report from kept outcomes (oldest first) and the circuits at `now`.
    public init(outcomes: [RouteOutcome], snapshot: HealthSnapshot, now: Date) {
        settings = snapshot.settings
        models = Self.rows(outcomes, key: { $0.model }, circuits: snapshot.models, now: now)
        providers = Self.rows(outcomes, key: { $0.provider }, circuits: snapshot.providers, now: now)
    }

    /// "http 503", or the kind's name.
    public static func label(_ outcome: RouteOutcome) -> String {
        if let status = outcome.status, outcome.kind == .failed(.http) { return "http \(status)" }
        return outcome.kind.name
    }

    private static func rows(_ outcomes: [RouteOutcome], key: (RouteOutcome) -> String?, circuits: [String: Circuit], now: Date) -> [Row] {
        var rows: [String: Row] = [:]
        var ttfts: [String: [Int]] = [:], totals: [String: [Int]] = [:]
        for outcome in outcomes {
            guard let name = key(outcome), outcome.kind != .failed(.cancelled) else { continue }
            var row = rows[name] ?? Row(name: name)
            row.requests += 1
            if outcome.kind == .ok {
                row.ok += 1
                if let t = outcome.ttftMs { ttfts[name, default: []].append(t) }
                if let t = outcome.totalMs { totals[name, default: []].append(t) }
            } else {
                row.failures[label(outcome), default: 0] += 1
                row.lastFailure = outcome.at
                row.lastFailureKind = label(outcome)
            }
            rows[name] = row
        }
        return rows.values.map { row in
            var row = row
            row.p50TtftMs = median(ttfts[row.name])
            row.p50TotalMs = median(totals[row.name])
            row.state = circuits[row.name]?.state(at: now) ?? .closed
            return row
        }.sorted { $0.name < $1.name }
    }

    private static func median(_ values: [Int]?) -> Int? {
        guard let values, !values.isEmpty else { return nil }
        return values.sorted()[values.count / 2]
    }
}
