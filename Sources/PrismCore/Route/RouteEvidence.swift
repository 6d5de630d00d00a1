import Foundation

/// What Prism has learnt that routing reads: the user's verdicts (for ratings) and each
/// model's measured speed over the last 30 days of the reply history. The chat screen and
/// the command line both choose through it, so a prompt goes to the same model from either.
public struct RouteEvidence: Sendable, Equatable {
    /// Every verdict in `matches`.
    public var records: [MatchRecord]
    /// Each model's medians from the reply history (by the model asked), last 30 days.
    public var speeds: [String: StatsGroup]

    public init(records: [MatchRecord] = [], speeds: [String: StatsGroup] = [:]) {
        self.records = records
        self.speeds = speeds
    }

    /// The evidence in a month's history report and a list of verdicts.
    public init(records: [MatchRecord], report: StatsReport?) {
        self.init(records: records, speeds: Dictionary((report?.models ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Each model's rating: on `tag` when it has matches there, else overall.
    public func ratings(tag: PromptTag) -> (String) -> RouteCandidate.Rating? {
        guard !records.isEmpty else { return { _ in nil } }
        let onTag = Dictionary(Leaderboard.build(records, tag: tag).rows.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let overall = Dictionary(Leaderboard.build(records).rows.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        return { model in
            if let row = onTag[model], row.matches > 0 {
                return .init(value: row.rating, uncertainty: row.uncertainty, matches: row.matches, onTag: true)
            }
            return overall[model].map { .init(value: $0.rating, uncertainty: $0.uncertainty, matches: $0.matches, onTag: false) }
        }
    }

    /// A candidate as the catalog and this prompt's estimate describe it (cost, context,
    /// images, specialties), without rating or speed: what a front end knows without the database.
    public static func candidate(_ id: String, info: ModelInfo?, basis: EstimateBasis) -> RouteCandidate {
        let estimate = CostEstimator.estimate(model: id, info: info, basis: basis)
        var expected: Decimal?
        if let input = estimate.inputCost, let completion = info?.pricing.completion {
            expected = input + completion * Decimal(min(typicalReplyTokens, estimate.maxOutputTokens))
        }
        return RouteCandidate(model: id, expectedCost: expected, worstCost: estimate.worstCase,
                              contextLength: info?.contextLength, acceptsImages: info?.inputModalities.contains("image") ?? false,
                              specialties: RouteCandidate.specialties(id: id, name: info?.name ?? ""))
    }

    /// A reply of this many tokens is assumed for the expected cost (the worst case uses max_tokens).
    public static let typicalReplyTokens = 500

    /// The candidate with its rating (for `tag`) and, when the history measured it, its speed.
    public func completed(_ candidate: RouteCandidate, ratings: (String) -> RouteCandidate.Rating?) -> RouteCandidate {
        var c = candidate
        c.rating = ratings(c.model)
        if let measured = speeds[c.model], measured.ttftP50 != nil || measured.tokensPerSecondP50 != nil {
            c.ttft = measured.ttftP50
            c.tokensPerSecond = measured.tokensPerSecondP50
            c.speedSource = .history
        }
        return c
    }

    /// The decision for a prepared ask: each candidate completed from this evidence, then scored.
    public func decide(_ ask: RouteAsk) -> RouteDecision {
        let ratings = ratings(tag: ask.request.tag)
        return RouteScorer.decide(ask.candidates.map { completed($0, ratings: ratings) }, request: ask.request, weights: ask.weights)
    }
}

/// A prompt to route, prepared without the database: the request (tag, size, limits), the
/// weights and the candidates as the catalog describes them. `RouteEvidence.decide` finishes it.
public struct RouteAsk: Sendable, Equatable {
    public var request: RouteRequest
    public var weights: RouteWeights
    public var candidates: [RouteCandidate]

    public init(request: RouteRequest, weights: RouteWeights, candidates: [RouteCandidate]) {
        self.request = request
        self.weights = weights
        self.candidates = candidates
    }

    /// The ask for `text` (tag: the user's, else the classifier's guess) after the thread in
    /// `basis`, among `ids`, each looked up with `entry`.
    public static func prepare(text: String, tag: PromptTag?, tagReason: String? = nil, ids: [String], basis: EstimateBasis,
                               hasImages: Bool = false, perRequestCap: Decimal?, weights: RouteWeights,
                               entry: (String) -> ModelInfo?) -> RouteAsk {
        let guess = PromptTag.classify(text)
        let request = RouteRequest(tag: tag ?? guess.tag, tagReason: tag == nil ? guess.reason : (tagReason ?? "set by you"),
                                   promptTokens: CostEstimator.promptTokens(model: ids.first ?? "", basis: basis),
                                   hasImages: hasImages, perRequestCap: perRequestCap)
        return RouteAsk(request: request, weights: weights, candidates: ids.map { RouteEvidence.candidate($0, info: entry($0), basis: basis) })
    }
}
