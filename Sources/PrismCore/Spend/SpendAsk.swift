import Foundation

/// What a send would cost at worst, as the budget policy weighs it: one request, or a
/// compare round counted as a whole (the sum over its panes).
public struct SpendAsk: Sendable, Equatable {
    /// The most the send can cost; nil when some model has no known price.
    public var worstCase: Decimal?
    /// The input part of `worstCase` (the prompts' estimated cost), nil when unknown.
    public var inputCost: Decimal?
    /// USD per output token, summed over the requests (one shared `max_tokens` costs this much per token).
    public var outputPricePerToken: Decimal?
    /// The largest `max_tokens` among the requests.
    public var maxOutputTokens: Int
    /// Models whose price is unknown, for "cannot be bounded".
    public var unpricedModels: [String]
    /// How many requests the send makes (a compare round makes one per pane).
    public var requests: Int

    public init(worstCase: Decimal?, inputCost: Decimal?, outputPricePerToken: Decimal?, maxOutputTokens: Int,
                unpricedModels: [String] = [], requests: Int = 1) {
        self.worstCase = worstCase
        self.inputCost = inputCost
        self.outputPricePerToken = outputPricePerToken
        self.maxOutputTokens = maxOutputTokens
        self.unpricedModels = unpricedModels
        self.requests = requests
    }

    /// Adds up the estimates of every request a send makes.
    public init(_ estimates: [CostEstimate]) {
        var worst: Decimal? = 0, input: Decimal? = 0, perToken: Decimal? = 0
        var unpriced: [String] = []
        for estimate in estimates {
            if let w = estimate.worstCase { worst = worst.map { $0 + w } } else {
                worst = nil
                unpriced.append(estimate.model)
            }
            input = estimate.inputCost.flatMap { cost in input.map { $0 + cost } }
            let price = estimate.maxOutputCost.map { estimate.maxOutputTokens > 0 ? $0 / Decimal(estimate.maxOutputTokens) : 0 }
            perToken = price.flatMap { p in perToken.map { $0 + p } }
        }
        self.init(worstCase: worst, inputCost: input, outputPricePerToken: perToken,
                  maxOutputTokens: estimates.map(\.maxOutputTokens).max() ?? 0, unpricedModels: unpriced,
                  requests: estimates.count)
    }

    /// "this request" or "this round" (a compare round), as messages name the send.
    var noun: String { requests > 1 ? "this round" : "this request" }
}
