import Foundation

extension CostEstimate {
    /// "≈ $0.0031 in · ≤ $0.012 at most", or just the input when the output price is
    /// unknown; nil when the model has no known price.
    public var summary: String? {
        CostEstimate.summary(input: inputCost, worstCase: worstCase)
    }

    /// The same line for given figures (a compare round's sums).
    public static func summary(input: Decimal?, worstCase: Decimal?) -> String? {
        guard let input else { return nil }
        let head = "≈ " + Formatting.usd(input) + " in"
        guard let worstCase else { return head }
        return head + " · ≤ " + Formatting.usd(worstCase) + " at most"
    }

    /// The sums of several estimates (a compare round): nil when any one is unknown.
    public static func total(_ estimates: [CostEstimate]) -> (input: Decimal?, worstCase: Decimal?) {
        var input: Decimal? = 0, worst: Decimal? = 0
        for e in estimates {
            input = input.flatMap { sum in e.inputCost.map { sum + $0 } }
            worst = worst.flatMap { sum in e.worstCase.map { sum + $0 } }
        }
        return (input, worst)
    }
}
