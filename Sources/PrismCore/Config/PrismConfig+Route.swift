import Foundation

extension PrismConfig {
    static let routeKeys: Set<String> = ["quality", "cost", "speed", "specialization", "candidates"]

    /// Reads `[route]`: the four weights (non-negative numbers, normalised when used; a weight
    /// left out keeps its default) and `candidates`; nil when the table is absent.
    static func readRoute(_ reader: ConfigFileReader) throws(TOMLError) -> RouteSettings? {
        guard try reader.table("route") != nil else { return nil }
        var weights = RouteWeights.standard
        if let v = try reader.number("route", "quality", in: 0...100) { weights.quality = v }
        if let v = try reader.number("route", "cost", in: 0...100) { weights.cost = v }
        if let v = try reader.number("route", "speed", in: 0...100) { weights.speed = v }
        if let v = try reader.number("route", "specialization", in: 0...100) { weights.specialization = v }
        if weights.quality + weights.cost + weights.speed + weights.specialization <= 0 {
            throw reader.error(["route"], "the weights add up to 0: give at least one a positive value")
        }
        return RouteSettings(weights: weights, candidates: try reader.strings("route", "candidates") ?? [])
    }
}
