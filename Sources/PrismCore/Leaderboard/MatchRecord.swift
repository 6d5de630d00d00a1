import Foundation

/// One rated comparison, as stored in `matches` (one row per winner/loser pair).
///
/// A compare pick is one row per other pane (the picked model beats each); a tie is one row
/// per pair of panes, each half a win; "all bad" is one row per pane, lost against the fixed
/// reference ("good enough"); a thumb is one row against that reference at `thumbWeight`.
/// A nil `winner` or `loser` is the reference, whose strength is fixed at the scale's centre.
public struct MatchRecord: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case pick, tie, allBad = "all_bad", thumb
    }

    public var at: Date
    public var sessionID: String?
    /// The user message (prompt) of the round, so a later `/tag` can correct the rows.
    public var roundID: String?
    public var tag: PromptTag
    public var kind: Kind
    public var winner: String?
    public var loser: String?
    public var blind: Bool
    public var weight: Double

    /// A thumb says less than choosing between answers to the same prompt: half a match.
    public static let thumbWeight = 0.5

    public init(at: Date, sessionID: String?, roundID: String?, tag: PromptTag, kind: Kind,
                winner: String?, loser: String?, blind: Bool = false, weight: Double = 1) {
        self.at = at
        self.sessionID = sessionID
        self.roundID = roundID
        self.tag = tag
        self.kind = kind
        self.winner = winner
        self.loser = loser
        self.blind = blind
        self.weight = weight
    }

    /// Where a verdict on one round came from, shared by the constructors below.
    public struct Round: Sendable, Equatable {
        public var at: Date
        public var sessionID: String?
        public var roundID: String?
        public var tag: PromptTag
        public var blind: Bool

        public init(at: Date, sessionID: String?, roundID: String?, tag: PromptTag, blind: Bool = false) {
            self.at = at
            self.sessionID = sessionID
            self.roundID = roundID
            self.tag = tag
            self.blind = blind
        }
    }

    /// `winner` beat every other model of the round.
    public static func pick(_ round: Round, winner: String, others: [String]) -> [MatchRecord] {
        others.filter { $0 != winner }.map { make(round, .pick, winner, $0) }
    }

    /// No pane better than another: every pair, half a win each.
    public static func tie(_ round: Round, models: [String]) -> [MatchRecord] {
        let unique = models.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return unique.indices.flatMap { i in unique[(i + 1)...].map { make(round, .tie, unique[i], $0) } }
    }

    /// Every pane lost against the "good enough" reference.
    public static func allBad(_ round: Round, models: [String]) -> [MatchRecord] {
        models.map { make(round, .allBad, nil, $0) }
    }

    /// A thumb up (a win over the reference) or down (a loss), at `thumbWeight`.
    public static func thumb(_ round: Round, model: String, up: Bool) -> [MatchRecord] {
        var record = make(round, .thumb, up ? model : nil, up ? nil : model)
        record.weight = thumbWeight
        return [record]
    }

    private static func make(_ round: Round, _ kind: Kind, _ winner: String?, _ loser: String?) -> MatchRecord {
        MatchRecord(at: round.at, sessionID: round.sessionID, roundID: round.roundID, tag: round.tag, kind: kind,
                    winner: winner, loser: loser, blind: round.blind)
    }
}
