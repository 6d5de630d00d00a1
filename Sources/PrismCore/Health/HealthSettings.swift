import Foundation

/// When a model's circuit opens and for how long it stays open (`[health]` in config.toml).
public struct HealthSettings: Sendable, Equatable {
    /// Failures that count (`RouteOutcome.Kind.breaksCircuit`) within `window`, with no success since, that open the circuit.
    public var failures: Int
    /// Seconds within which `failures` must fall.
    public var window: TimeInterval
    /// Seconds an open circuit is skipped before one try is allowed again.
    public var cooldown: TimeInterval

    public static let defaultFailures = 3
    public static let defaultWindow: TimeInterval = 600
    public static let defaultCooldown: TimeInterval = 300

    public init(failures: Int = defaultFailures, window: TimeInterval = defaultWindow, cooldown: TimeInterval = defaultCooldown) {
        self.failures = failures
        self.window = window
        self.cooldown = cooldown
    }
}
