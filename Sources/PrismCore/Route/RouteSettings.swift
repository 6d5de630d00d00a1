import Foundation

/// `[route]` in config.toml: the weights of the routing score and the models to choose from.
public struct RouteSettings: Sendable, Equatable {
    public var weights: RouteWeights
    /// Candidates when the command line names none (empty: the picker's favourites).
    public var candidates: [String]

    public init(weights: RouteWeights = .standard, candidates: [String] = []) {
        self.weights = weights
        self.candidates = candidates
    }
}
