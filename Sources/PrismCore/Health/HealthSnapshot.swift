import Foundation

/// Every model's and provider's circuit, as read from the shared record at one moment.
///
/// Plain data: the chat screen keeps one in its state and decides skips from it without
/// touching the database; states at a later time follow from `Circuit.state(at:)`.
public struct HealthSnapshot: Sendable, Equatable {
    public var models: [String: Circuit]
    public var providers: [String: Circuit]
    public var settings: HealthSettings

    public init(models: [String: Circuit] = [:], providers: [String: Circuit] = [:], settings: HealthSettings = HealthSettings()) {
        self.models = models
        self.providers = providers
        self.settings = settings
    }

    public func state(ofModel model: String, at now: Date) -> Circuit.State {
        models[model]?.state(at: now) ?? .closed
    }
}
