import Foundation
import PrismCore

extension PickerPane.Columns {
    /// A set's row: its name and models, what a million tokens cost across all of them,
    /// the smallest context among them (the one that limits a shared prompt), and where it is defined.
    func row(_ set: ModelSet, catalog: [ModelInfo], origin: ModelSets.Origin, basis: EstimateBasis) -> String {
        let infos = set.models.map { id in catalog.entry(for: id) }
        var s = Self.setLabel(set).padded(to: idWidth)
        s += " " + Formatting.perMillion(Self.total(infos, \.prompt)).leftPadded(to: priceWidth)
        s += " " + Formatting.perMillion(Self.total(infos, \.completion)).leftPadded(to: priceWidth)
        // What one round of the draft costs in input across the set.
        if showEstimate {
            let estimates = zip(set.models, infos).map { CostEstimator.estimate(model: $0, info: $1, basis: basis) }
            s += " " + Self.estimate(CostEstimate.total(estimates).input)
        }
        if showContext {
            let contexts = infos.map { $0?.contextLength }
            let smallest = contexts.contains { $0 == nil } ? nil : contexts.compactMap { $0 }.min()
            s += " " + (smallest.map(Formatting.tokens) ?? "?").leftPadded(to: 6)
        }
        if showBadges { s += " " + "set of \(set.models.count) · \(origin.rawValue)" }
        return s
    }

    /// What a set's row shows in the id column: its name and its models' short names.
    static func setLabel(_ set: ModelSet) -> String {
        set.name + ": " + set.models.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", ")
    }

    /// The sum of one price over every model, or nil when any is unknown.
    static func total(_ infos: [ModelInfo?], _ price: KeyPath<ModelPricing, Decimal?>) -> Decimal? {
        var sum: Decimal = 0
        for info in infos {
            guard let value = info?.pricing[keyPath: price] else { return nil }
            sum += value
        }
        return sum
    }
}
