import Foundation
import PrismCore

/// What `prism route` knows of each candidate: the catalog (context, images, prices), this
/// prompt's estimate, and speed from the providers' figures (`/endpoints`), for the score.
struct RouteCandidates {
    /// A reply of this many tokens is assumed for the expected cost (the worst case uses max_tokens).
    static let typicalReplyTokens = 500

    let context: CLIContext
    let catalog: [ModelInfo]
    let basis: EstimateBasis

    /// `measured`: this model's own medians from the reply history (last 30 days), preferred
    /// to the providers' published figures.
    func candidate(_ id: String, rating: RouteCandidate.Rating?, measured: StatsGroup? = nil) async -> RouteCandidate {
        let info = catalog.entry(for: id)
        let estimate = CostEstimator.estimate(model: id, info: info, basis: basis)
        var expected: Decimal?
        if let input = estimate.inputCost, let completion = info?.pricing.completion {
            expected = input + completion * Decimal(min(Self.typicalReplyTokens, estimate.maxOutputTokens))
        }
        var candidate = RouteCandidate(model: id, rating: rating, expectedCost: expected, worstCost: estimate.worstCase,
                                       contextLength: info?.contextLength, acceptsImages: info?.inputModalities.contains("image") ?? false,
                                       specialties: RouteCandidate.specialties(id: id, name: info?.name ?? ""))
        if let measured, measured.ttftP50 != nil || measured.tokensPerSecondP50 != nil {
            candidate.ttft = measured.ttftP50
            candidate.tokensPerSecond = measured.tokensPerSecondP50
            candidate.speedSource = .history
            return candidate
        }
        // The providers' published medians, when this server has them (OpenRouter, demo).
        if context.config.isOpenRouter || context.demo,
           let endpoints = try? await context.endpointCache.endpoints(model: ModelVariant.parse(id).base, client: context.client) {
            let healthy = endpoints.endpoints.filter { !$0.isDegraded }
            let ttfts = healthy.compactMap { $0.latency?.p50 }.sorted()
            let rates = healthy.compactMap { $0.throughput?.p50 }.sorted()
            if !ttfts.isEmpty { candidate.ttft = ttfts[ttfts.count / 2] / 1000 }
            if !rates.isEmpty { candidate.tokensPerSecond = rates[rates.count / 2] }
            if candidate.ttft != nil || candidate.tokensPerSecond != nil { candidate.speedSource = .providers }
        }
        return candidate
    }
}
