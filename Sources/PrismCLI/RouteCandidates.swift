import Foundation
import PrismCore

/// What only the command line adds to a route candidate: the providers' published speed
/// (`/endpoints`) when the reply history has not measured the model.
struct RouteCandidates {
    let context: CLIContext

    func withProviderSpeed(_ candidate: RouteCandidate) async -> RouteCandidate {
        var candidate = candidate
        guard candidate.speedSource == nil, context.config.isOpenRouter || context.demo,
              let endpoints = try? await context.endpointCache.endpoints(model: ModelVariant.parse(candidate.model).base, client: context.client)
        else { return candidate }
        let healthy = endpoints.endpoints.filter { !$0.isDegraded }
        let ttfts = healthy.compactMap { $0.latency?.p50 }.sorted()
        let rates = healthy.compactMap { $0.throughput?.p50 }.sorted()
        if !ttfts.isEmpty { candidate.ttft = ttfts[ttfts.count / 2] / 1000 }
        if !rates.isEmpty { candidate.tokensPerSecond = rates[rates.count / 2] }
        if candidate.ttft != nil || candidate.tokensPerSecond != nil { candidate.speedSource = .providers }
        return candidate
    }
}
