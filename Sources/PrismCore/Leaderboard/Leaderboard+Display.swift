import Foundation

/// The cells every front end shows for a leaderboard row (`prism leaderboard`, the chat
/// screen's view), so both read the same.
extension Leaderboard.Row {
    /// "1620 ± 310", with "≈" in front while the model has few matches.
    public var ratingText: String {
        (isTentative ? "≈" : "") + "\(Int(rating.rounded())) ± \(Int(uncertainty.rounded()))"
    }

    /// Wins, ties and losses: "3-1-2".
    public var recordText: String { "\(wins)-\(ties)-\(losses)" }
}

extension Leaderboard {
    /// One line on how to read the figures.
    public static let method = "Bradley-Terry on an Elo scale (1500 = \"good enough\"), ± a 95% interval; ≈ under \(Row.fewMatches) matches"

    /// What a board with no rows says.
    public var emptyText: String {
        "No verdicts yet" + (tag.map { " tagged \($0.rawValue)" } ?? "") + ": pick, tie or call all bad in compare mode, or give a reply a thumb."
    }
}
