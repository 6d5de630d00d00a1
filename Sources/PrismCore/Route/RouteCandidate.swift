import Foundation

/// What Prism knows of one model when choosing where a prompt goes: the user's own rating
/// for the prompt's tag, this prompt's cost estimate, measured speed, and its limits.
public struct RouteCandidate: Sendable, Equatable {
    /// The personal rating of the model on the prompt's tag (or overall when the tag has none).
    public struct Rating: Sendable, Equatable {
        /// Elo-like scale (1500 = average).
        public var value: Double
        /// One standard error on the same scale.
        public var uncertainty: Double
        public var matches: Int
        /// True when `value` is for the prompt's tag, false when it is the overall rating.
        public var onTag: Bool

        public init(value: Double, uncertainty: Double, matches: Int, onTag: Bool) {
            self.value = value
            self.uncertainty = uncertainty
            self.matches = matches
            self.onTag = onTag
        }
    }

    /// Where the speed figures came from: the user's own replies, or the providers' published figures.
    public enum SpeedSource: String, Sendable, Equatable { case history, providers }

    public var model: String
    public var rating: Rating?
    /// This prompt's expected cost (input plus a typical reply), USD; nil when unpriced.
    public var expectedCost: Decimal?
    /// The worst case (a full-length reply), USD, for budget checks.
    public var worstCost: Decimal?
    /// Seconds to the first token, median.
    public var ttft: Double?
    /// Output tokens per second, median.
    public var tokensPerSecond: Double?
    public var speedSource: SpeedSource?
    public var contextLength: Int?
    public var acceptsImages: Bool
    /// The tags this model is meant for (e.g. a coder model for `code`), from its id and description.
    public var specialties: Set<PromptTag>

    public init(model: String, rating: Rating? = nil, expectedCost: Decimal? = nil, worstCost: Decimal? = nil,
                ttft: Double? = nil, tokensPerSecond: Double? = nil, speedSource: SpeedSource? = nil,
                contextLength: Int? = nil, acceptsImages: Bool = false, specialties: Set<PromptTag> = []) {
        self.model = model
        self.rating = rating
        self.expectedCost = expectedCost
        self.worstCost = worstCost
        self.ttft = ttft
        self.tokensPerSecond = tokensPerSecond
        self.speedSource = speedSource
        self.contextLength = contextLength
        self.acceptsImages = acceptsImages
        self.specialties = specialties
    }

    /// Tags a model's id or name says it is made for: "coder"/"code" → code, "math" → math.
    public static func specialties(id: String, name: String = "") -> Set<PromptTag> {
        let text = (id + " " + name).lowercased()
        var out: Set<PromptTag> = []
        if text.contains("coder") || text.contains("code") || text.contains("devstral") || text.contains("codestral") { out.insert(.code) }
        if text.contains("math") { out.insert(.math) }
        if text.contains("translat") { out.insert(.translation) }
        return out
    }
}
