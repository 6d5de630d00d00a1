import Foundation
import PrismCore

/// The leaderboard view: the verdicts read from `prism.db` (nil while loading), the tag shown
/// (nil: every tag) and the first row on screen.
public struct LeaderboardViewState: Sendable, Equatable {
    public var records: [MatchRecord]?
    public var tag: PromptTag?
    public var scroll = 0
    /// Why the verdicts could not be read, when that failed.
    public var error: String?

    public init(tag: PromptTag? = nil) {
        self.tag = tag
    }

    /// The board for the tag shown (empty while loading).
    public var board: Leaderboard { Leaderboard.build(records ?? [], tag: tag) }

    /// The next (or previous) choice in the cycle: every tag, then each `PromptTag` in order.
    public mutating func cycleTag(by step: Int) {
        let choices: [PromptTag?] = [nil] + PromptTag.allCases.map { Optional($0) }
        let index = choices.firstIndex(of: tag) ?? 0
        tag = choices[(index + step + choices.count) % choices.count]
        scroll = 0
    }
}

/// What this window has judged (see `Reducer+Verdicts`).
public struct VerdictState: Sendable, Equatable {
    /// Prompt ids of compare rounds already picked, tied or called all bad.
    public var judgedRounds: Set<String> = []
    /// Replies already given a thumb (one thumb per reply).
    public var thumbed: Set<String> = []
    /// A tag set with `/tag next TAG` (or before the first round) for the next prompt.
    public var nextTag: PromptTag?

    public init() {}
}
