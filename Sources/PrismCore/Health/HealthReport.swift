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
        // A reply a fallback served is a success of the model that served it, and tells that the
        // model asked did not answer ("fell back"; its circuit counts it neither way).
        let byModel = outcomes.flatMap { outcome -> [Entry] in
            guard outcome.kind == .ok, outcome.servedByAnother, let served = outcome.modelServed else {
                return [Entry(name: outcome.model, outcome: outcome)]
            }
            return [Entry(name: served, outcome: outcome), Entry(name: outcome.model, outcome: outcome, fellBack: true)]
        }
        models = Self.rows(byModel, circuits: snapshot.models, now: now)
        providers = Self.rows(outcomes.compactMap { o in o.provider.map { Entry(name: $0, outcome: o) } },
                              circuits: snapshot.providers, now: now)
    }

    /// One outcome as counted for one name.
    private struct Entry {
        var name: String
        var outcome: RouteOutcome
        var fellBack = false
    }

    /// "http 503", or the kind's name.
    public static func label(_ outcome: RouteOutcome) -> String {
        if let status = outcome.status, outcome.kind == .failed(.http) { return "http \(status)" }
        return outcome.kind.name
    }

    private static func rows(_ entries: [Entry], circuits: [String: Circuit], now: Date) -> [Row] {
        var rows: [String: Row] = [:]
        var ttfts: [String: [Int]] = [:], totals: [String: [Int]] = [:]
        for entry in entries {
            let name = entry.name, outcome = entry.outcome
            guard outcome.kind != .failed(.cancelled) else { continue }
            var row = rows[name] ?? Row(name: name)
            row.requests += 1
            if entry.fellBack {
                row.failures["fell back", default: 0] += 1
                row.lastFailure = outcome.at
                row.lastFailureKind = "fell back"
            } else if outcome.kind == .ok {
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
