import Foundation

/// One model's (or provider's) circuit breaker, found by replaying its outcomes in order.
///
/// Closed: counting failures (`RouteOutcome.effect`) within the window. The `failures`-th
/// one with no success since opens it until `cooldown` after the last failure; while it is
/// open the model is skipped. Once the cool-down has passed the circuit is "trying": the
/// next request goes through; if it fails the circuit opens again for another cool-down,
/// and any success closes it. Being a replay of the shared record, every Prism process
/// reaches the same state, and a restart loses nothing.
public struct Circuit: Sendable, Equatable {
    /// Counting failures since the last success, newest last (only those within the window matter).
    public private(set) var recentFailures: [Date] = []
    /// When the open circuit allows a try again; nil while closed.
    public private(set) var openUntil: Date?
    /// What opened it, for "3 failures in 10 min".
    public private(set) var openedBy: Int = 0

    public init() {}

    /// The state at `now`.
    public enum State: Sendable, Equatable {
        case closed
        case open(until: Date)
        case trying
    }

    public func state(at now: Date) -> State {
        guard let openUntil else { return .closed }
        return now < openUntil ? .open(until: openUntil) : .trying
    }

    /// Folds one outcome in (outcomes must come oldest first).
    public mutating func apply(_ effect: RouteOutcome.CircuitEffect, at date: Date, settings: HealthSettings) {
        switch effect {
        case .neutral:
            return
        case .success:
            self = Circuit()
        case .failure:
            recentFailures = recentFailures.filter { date.timeIntervalSince($0) < settings.window } + [date]
            if openUntil != nil {
                // A failure while open or trying: another cool-down from now.
                openUntil = date.addingTimeInterval(settings.cooldown)
            } else if recentFailures.count >= max(1, settings.failures) {
                openUntil = date.addingTimeInterval(settings.cooldown)
                openedBy = recentFailures.count
            }
        }
    }

    /// The circuit after `outcomes` (any order; sorted here).
    public static func replay(_ outcomes: [(effect: RouteOutcome.CircuitEffect, at: Date)], settings: HealthSettings) -> Circuit {
        var circuit = Circuit()
        for outcome in outcomes.sorted(by: { $0.at < $1.at }) { circuit.apply(outcome.effect, at: outcome.at, settings: settings) }
        return circuit
    }
}
