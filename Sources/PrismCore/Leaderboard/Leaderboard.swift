import Foundation

/// The personal leaderboard: every model's Bradley-Terry rating from the user's own verdicts
/// (`MatchRecord`s), overall or for one tag, with its uncertainty and how many matches it rests on.
public struct Leaderboard: Sendable, Equatable {
    public struct Row: Sendable, Equatable, Codable {
        public var rank: Int
        public var model: String
        /// Elo scale: 1500 is the "good enough" reference.
        public var rating: Double
        /// Half-width of the 95% interval, Elo points.
        public var uncertainty: Double
        /// Rows the model took part in (a thumb counts as one, though it weighs half).
        public var matches: Int
        public var wins: Int
        public var ties: Int
        public var losses: Int

        /// Fewer matches than this and the rating is shown as a rough guess ("≈", dimmed).
        public static let fewMatches = 5
        public var isTentative: Bool { matches < Self.fewMatches }
    }

    /// Nil: every tag.
    public var tag: PromptTag?
    public var rows: [Row]
    /// Verdicts counted (rows of `matches`).
    public var matchCount: Int

    /// Ranks by rating, best first (ties of rating by name).
    public static func build(_ records: [MatchRecord], tag: PromptTag? = nil) -> Leaderboard {
        let chosen = records.filter { tag == nil || $0.tag == tag }
        let outcomes = chosen.map {
            BradleyTerry.Outcome(winner: $0.winner, loser: $0.loser, score: $0.kind == .tie ? 0.5 : 1, weight: $0.weight)
        }
        let strengths = BradleyTerry.fit(outcomes)
        var tally: [String: (matches: Int, wins: Int, ties: Int, losses: Int)] = [:]
        for record in chosen {
            for (model, won) in [(record.winner, true), (record.loser, false)] {
                guard let model else { continue }
                var t = tally[model] ?? (0, 0, 0, 0)
                t.matches += 1
                if record.kind == .tie { t.ties += 1 } else if won { t.wins += 1 } else { t.losses += 1 }
                tally[model] = t
            }
        }
        // Equal strengths (to rounding) rank by name, so the order never depends on float noise.
        func key(_ s: BradleyTerry.Strength) -> Double { (s.theta * 1e9).rounded() }
        let sorted = strengths.sorted { (key($0.value), $1.key) > (key($1.value), $0.key) }
        let rows = sorted.enumerated().map { offset, entry in
            let t = tally[entry.key] ?? (0, 0, 0, 0)
            return Row(rank: offset + 1, model: entry.key, rating: entry.value.rating, uncertainty: entry.value.uncertainty,
                       matches: t.matches, wins: t.wins, ties: t.ties, losses: t.losses)
        }
        return Leaderboard(tag: tag, rows: rows, matchCount: chosen.count)
    }

    /// The tags that have at least one verdict, in `PromptTag` order.
    public static func tags(in records: [MatchRecord]) -> [PromptTag] {
        let present = Set(records.map(\.tag))
        return PromptTag.allCases.filter(present.contains)
    }
}
