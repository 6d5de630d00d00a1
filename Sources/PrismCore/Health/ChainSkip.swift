import Foundation

/// A model left out of a request because its circuit is open.
public struct SkippedModel: Sendable, Equatable, Codable {
    public var model: String
    /// "3 failures in 10 min".
    public var reason: String
    /// Seconds until the circuit allows a try again.
    public var retryAfterSeconds: Int

    public init(model: String, reason: String, retryAfterSeconds: Int) {
        self.model = model
        self.reason = reason
        self.retryAfterSeconds = retryAfterSeconds
    }

    enum CodingKeys: String, CodingKey {
        case model, reason, retryAfterSeconds = "retry_after_seconds"
    }

    /// "skipping X for 4 min: 3 failures in 10 min" (the model as given: sanitise before showing).
    public var notice: String {
        "skipping \(model) for \(ChainSkip.minutes(retryAfterSeconds)): \(reason)"
    }
}

/// Which models of a fallback chain (`[model] + fallbackModels`) to send, given their circuits.
///
/// Open circuits are left out, keeping the order of the rest; the first one left becomes
/// the request's `model`. Every model is never skipped: when all are open the chain goes as
/// asked (`allOpen`), and the caller says so.
public enum ChainSkip {
    public struct Plan: Sendable, Equatable {
        /// The models to send, first is the request's `model`.
        public var chain: [String]
        /// Open models left out (empty when `allOpen`).
        public var skipped: [SkippedModel]
        /// Every model's circuit is open: the request goes as asked.
        public var allOpen: Bool
        /// When `allOpen`: what would have been skipped, for the notice.
        public var open: [SkippedModel]
    }

    public static func plan(chain: [String], health: HealthSnapshot, now: Date) -> Plan {
        var kept: [String] = [], open: [SkippedModel] = []
        for model in chain {
            if case .open(let until) = health.state(ofModel: model, at: now) {
                let failures = health.models[model]?.openedBy ?? health.settings.failures
                let reason = "\(failures) failures in \(minutes(Int(health.settings.window.rounded())))"
                open.append(SkippedModel(model: model, reason: reason, retryAfterSeconds: max(1, Int(until.timeIntervalSince(now).rounded(.up)))))
            } else if !kept.contains(model) {
                kept.append(model)
            }
        }
        if kept.isEmpty, !chain.isEmpty { return Plan(chain: chain, skipped: [], allOpen: true, open: open) }
        return Plan(chain: kept, skipped: open, allOpen: false, open: [])
    }

    /// The model to send for `model` with `settings`' fallbacks, which become the rest of the
    /// chain. Callers build the request (`ChatRequest.build`) for the model returned, so its
    /// price and output limit are that model's.
    public static func route(model: String, settings: inout RequestSettings, health: HealthSnapshot, now: Date)
        -> (model: String, plan: Plan) {
        let plan = plan(chain: [model] + settings.fallbackModels, health: health, now: now)
        guard let first = plan.chain.first else { return (model, plan) }
        settings.fallbackModels = Array(plan.chain.dropFirst())
        return (first, plan)
    }

    /// Applies the plan to a built `request` (its `model` and fallbacks) and returns it.
    @discardableResult
    public static func apply(to request: inout ChatRequest, health: HealthSnapshot, now: Date) -> Plan {
        let routed = route(model: request.model, settings: &request.settings, health: health, now: now)
        request.model = routed.model
        return routed.plan
    }

    /// The notices to show for a plan: one per skipped model, or one when all were open.
    public static func notices(_ plan: Plan) -> [String] {
        if plan.allOpen {
            let names = plan.open.map(\.model).joined(separator: ", ")
            return ["circuit open for \(names) (\(plan.open.first?.reason ?? "")): sending as asked, nothing healthier to try"]
        }
        return plan.skipped.map(\.notice)
    }

    /// "4 min", "30 s", "1 h".
    public static func minutes(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\((seconds + 59) / 60) min" }
        return "\((seconds + 3599) / 3600) h"
    }
}
