import Foundation

/// Picks a model for a prompt from candidates by the weighted score (quality, cost, speed,
/// specialization), after leaving out those that cannot take it (context, images, budget).
///
/// Each part is in 0...1 among the candidates left:
/// - quality: the chance of beating the average rated candidate (Elo formula on the ratings),
///   pulled towards 0.5 by few matches (`matches / (matches + 5)`), 0.5 when unrated;
/// - cost: the cheapest 1, the dearest 0, on a log scale (prices span orders of magnitude);
///   unknown 0.5;
/// - speed: the mean of time to first token (fastest 1) and tokens per second (fastest 1);
///   unknown 0.5;
/// - specialization: 1 when the model is made for the prompt's tag, else 0.
public enum RouteScorer {
    /// Matches at which a rating counts half (the shrinkage towards 0.5).
    public static let halfTrustMatches = 5.0

    public static func decide(_ candidates: [RouteCandidate], request: RouteRequest, weights: RouteWeights = .standard) -> RouteDecision {
        let w = weights.normalized
        var kept: [RouteCandidate] = []
        var excluded: [(model: String, reason: String)] = []
        for c in candidates {
            if let reason = exclusion(c, request) { excluded.append((c.model, reason)) } else { kept.append(c) }
        }
        let rated = kept.compactMap(\.rating)
        let meanRating = rated.isEmpty ? 1500 : rated.map(\.value).reduce(0, +) / Double(rated.count)
        let ranks = ratingRanks(kept)
        let costs = kept.compactMap { $0.expectedCost.map(logCost) }
        let ttfts = kept.compactMap(\.ttft).filter { $0 > 0 }
        let rates = kept.compactMap(\.tokensPerSecond).filter { $0 > 0 }

        let scores = kept.map { c -> RouteScore in
            let quality = c.rating.map { r -> Double in
                let p = 1 / (1 + pow(10, (meanRating - r.value) / 400))
                let trust = Double(r.matches) / (Double(r.matches) + halfTrustMatches)
                return 0.5 + (p - 0.5) * trust
            } ?? 0.5
            let cost = c.expectedCost.map { spread(logCost($0), among: costs, higherIsBetter: false) } ?? 0.5
            var speedParts: [Double] = []
            if let t = c.ttft, t > 0, let best = ttfts.min() { speedParts.append(best / t) }
            if let r = c.tokensPerSecond, r > 0, let best = rates.max() { speedParts.append(r / best) }
            let speed = speedParts.isEmpty ? 0.5 : speedParts.reduce(0, +) / Double(speedParts.count)
            let specialization = c.specialties.contains(request.tag) ? 1.0 : 0.0
            let total = w.quality * quality + w.cost * cost + w.speed * speed + w.specialization * specialization
            return RouteScore(model: c.model, total: total, quality: quality, cost: cost, speed: speed,
                              specialization: specialization, ratingRank: ranks[c.model], candidate: c)
        }
        let ranked = scores.sorted { a, b in
            if abs(a.total - b.total) > 1e-9 { return a.total > b.total }
            let ac = a.candidate.expectedCost ?? .greatestFiniteMagnitude, bc = b.candidate.expectedCost ?? .greatestFiniteMagnitude
            return ac != bc ? ac < bc : a.model < b.model
        }
        return RouteDecision(request: request, weights: w, ranked: ranked, excluded: excluded,
                             confidence: RouteConfidence.of(ranked.first?.candidate.rating))
    }

    /// Why a candidate cannot take the prompt, or nil.
    static func exclusion(_ c: RouteCandidate, _ request: RouteRequest) -> String? {
        if let context = c.contextLength, request.promptTokens >= context {
            return "the prompt (≈\(Formatting.tokens(request.promptTokens)) tokens) does not fit its \(Formatting.tokens(context)) context"
        }
        if request.hasImages, !c.acceptsImages { return "takes no images" }
        if let cap = request.perRequestCap, let worst = c.worstCost, worst > cap {
            return "worst case \(Formatting.usd(worst)) is over the per-request cap \(Formatting.usd(cap))"
        }
        return nil
    }

    /// 1 for the best value, 0 for the worst, linear between; 1 when all are equal.
    static func spread(_ value: Double, among values: [Double], higherIsBetter: Bool) -> Double {
        guard let lo = values.min(), let hi = values.max(), hi > lo else { return 1 }
        let x = (value - lo) / (hi - lo)
        return higherIsBetter ? x : 1 - x
    }

    /// Log of a cost, with free (0) just below the cheapest paid cost one could see.
    static func logCost(_ cost: Decimal) -> Double {
        log10(max(NSDecimalNumber(decimal: cost).doubleValue, 1e-7))
    }

    /// Each rated candidate's place by rating, best first.
    static func ratingRanks(_ candidates: [RouteCandidate]) -> [String: Int] {
        let rated = candidates.filter { $0.rating != nil }.sorted { $0.rating!.value > $1.rating!.value }
        return Dictionary(uniqueKeysWithValues: rated.enumerated().map { ($0.element.model, $0.offset + 1) })
    }
}
