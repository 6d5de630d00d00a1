import Foundation

/// How much each part of a candidate's score counts when Prism picks a model for a prompt.
/// The defaults are our source documents' (quality 40 %, cost 30 %, speed 20 %,
/// specialization 10 %); config.toml's `[route]` may change them. They are normalised to sum to 1.
public struct RouteWeights: Sendable, Equatable, Codable {
    public var quality: Double
    public var cost: Double
    public var speed: Double
    public var specialization: Double

    public static let standard = RouteWeights(quality: 0.4, cost: 0.3, speed: 0.2, specialization: 0.1)

    public init(quality: Double, cost: Double, speed: Double, specialization: Double) {
        self.quality = quality
        self.cost = cost
        self.speed = speed
        self.specialization = specialization
    }

    /// The same weights scaled to sum to 1 (the standard ones when all are zero or negative).
    public var normalized: RouteWeights {
        let parts = [quality, cost, speed, specialization].map { max(0, $0) }
        let sum = parts.reduce(0, +)
        guard sum > 0 else { return .standard }
        return RouteWeights(quality: parts[0] / sum, cost: parts[1] / sum, speed: parts[2] / sum, specialization: parts[3] / sum)
    }
}
