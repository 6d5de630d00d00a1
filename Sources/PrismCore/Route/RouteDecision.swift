import Foundation

/// What is being routed: the prompt's tag and size, and the limits a choice must respect.
public struct RouteRequest: Sendable, Equatable {
    public var tag: PromptTag
    /// Why the prompt has this tag ("set with /tag", or the classifier's rule).
    public var tagReason: String
    public var promptTokens: Int
    public var hasImages: Bool
    /// The per-request budget cap, when one is set: a candidate whose worst case is above it is left out.
    public var perRequestCap: Decimal?

    public init(tag: PromptTag, tagReason: String, promptTokens: Int, hasImages: Bool = false, perRequestCap: Decimal? = nil) {
        self.tag = tag
        self.tagReason = tagReason
        self.promptTokens = promptTokens
        self.hasImages = hasImages
        self.perRequestCap = perRequestCap
    }
}

/// One candidate's score: each part in 0...1 (higher is better) and the weighted total.
public struct RouteScore: Sendable, Equatable {
    public var model: String
    public var total: Double
    public var quality: Double
    public var cost: Double
    public var speed: Double
    public var specialization: Double
    /// Its place by rating among the rated candidates (1 = best), nil when unrated.
    public var ratingRank: Int?
    public var candidate: RouteCandidate
}

/// How much to trust a choice: mostly how many matches its rating rests on.
public enum RouteConfidence: String, Sendable, Equatable, Codable {
    case low, medium, high

    static func of(_ rating: RouteCandidate.Rating?) -> RouteConfidence {
        guard let rating else { return .low }
        return rating.matches >= 10 ? .high : rating.matches >= 3 ? .medium : .low
    }
}

/// The model chosen for a prompt, the others in order, those left out and why, and the
/// explanation in one line (for a reply header) and in full (for `prism route --explain`).
public struct RouteDecision: Sendable, Equatable {
    public var request: RouteRequest
    public var weights: RouteWeights
    /// Best first; empty when every candidate was left out.
    public var ranked: [RouteScore]
    public var excluded: [(model: String, reason: String)]
    public var confidence: RouteConfidence

    public var choice: RouteScore? { ranked.first }

    public static func == (a: RouteDecision, b: RouteDecision) -> Bool {
        a.request == b.request && a.weights == b.weights && a.ranked == b.ranked && a.confidence == b.confidence
            && a.excluded.map(\.model) == b.excluded.map(\.model) && a.excluded.map(\.reason) == b.excluded.map(\.reason)
    }

    /// "code → qwen/qwen3-coder: rated 1st of 4 on code (12 matches), ≈$0.004, TTFT p50 0.6 s".
    public var line: String {
        guard let choice else { return "\(request.tag.rawValue) → no candidate fits: " + excluded.map { "\($0.model) \($0.reason)" }.joined(separator: "; ") }
        var parts: [String] = []
        let rated = ranked.filter { $0.ratingRank != nil }.count
        if let rank = choice.ratingRank, let rating = choice.candidate.rating {
            let scope = rating.onTag ? "on \(request.tag.rawValue)" : "overall"
            parts.append("rated \(Self.ordinal(rank)) of \(rated) \(scope) (\(Formatting.count(rating.matches, "match", plural: "matches")))")
        } else {
            parts.append("no matches yet")
        }
        if let cost = choice.candidate.expectedCost { parts.append("≈" + Formatting.usd(cost)) } else { parts.append("price unknown") }
        if let ttft = choice.candidate.ttft {
            let source = choice.candidate.speedSource == .providers ? " (providers)" : ""
            parts.append("TTFT p50 \(Self.seconds(ttft))\(source)")
        }
        var text = "\(request.tag.rawValue) → \(choice.model): " + parts.joined(separator: ", ")
        if confidence == .low { text += " · low confidence" }
        return text
    }

    /// The full breakdown: the tag and why, the weights, each candidate's parts, and those left out.
    public var explanation: [String] {
        var lines = ["tag: \(request.tag.rawValue) (\(request.tagReason))",
                     String(format: "weights: quality %.0f%%, cost %.0f%%, speed %.0f%%, specialization %.0f%%",
                            weights.quality * 100, weights.cost * 100, weights.speed * 100, weights.specialization * 100)]
        for (i, s) in ranked.enumerated() {
            var facts: [String] = []
            if let r = s.candidate.rating {
                facts.append(String(format: "rating %.0f ± %.0f over %d", r.value, r.uncertainty, r.matches) + (r.onTag ? "" : " (overall)"))
            } else {
                facts.append("unrated")
            }
            facts.append(s.candidate.expectedCost.map { "≈" + Formatting.usd($0) } ?? "price unknown")
            if let t = s.candidate.ttft { facts.append("TTFT \(Self.seconds(t))") }
            if let tps = s.candidate.tokensPerSecond { facts.append(String(format: "%.0f tok/s", tps)) }
            lines.append(String(format: "%d. %@  score %.2f = quality %.2f · cost %.2f · speed %.2f · specialization %.2f  (%@)",
                                i + 1, s.model, s.total, s.quality, s.cost, s.speed, s.specialization, facts.joined(separator: ", ")))
        }
        for e in excluded { lines.append("left out: \(e.model): \(e.reason)") }
        lines.append("confidence: \(confidence.rawValue)" + (confidence == .low ? " (few or no matches: the rating says little yet)" : ""))
        return lines
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    static func seconds(_ s: Double) -> String {
        s < 0.1 ? String(format: "%.0f ms", s * 1000) : String(format: s < 10 ? "%.1f s" : "%.0f s", s)
    }
}
