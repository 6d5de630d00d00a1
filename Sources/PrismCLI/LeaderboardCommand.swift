import ArgumentParser
import Foundation
import PrismCore

/// `prism leaderboard`: the personal leaderboard rated from the user's own compare picks,
/// ties, "all bad" calls and thumbs (`MatchStore`, `Leaderboard`).
struct LeaderboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaderboard",
        abstract: "Rate models from your own compare picks, ties and thumbs (overall or per tag).",
        discussion: """
        Reads the verdicts in prism.db (state folder); sends nothing. \(Leaderboard.method). \
        Tags: \(PromptTag.allCases.map(\.rawValue).joined(separator: ", ")).
        """
    )

    @Option(help: "Only rounds with this tag (code, math, writing, data, translation, chat).")
    var tag: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if let tag, PromptTag(typed: tag) == nil {
            throw ValidationError("--tag must be one of " + PromptTag.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(tag)'")
        }
    }

    func run() throws {
        let paths = PrismPaths(environment: ProcessInfo.processInfo.environment)
        let store = MatchStore(paths: paths)
        let chosen = tag.flatMap(PromptTag.init(typed:))
        let records: [MatchRecord]
        do {
            records = try store.all()
        } catch {
            throw CLIFailure.request("could not read the verdicts: \(TerminalSanitizer.metadata("\(error)"))")
        }
        for notice in store.database.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        let board = Leaderboard.build(records, tag: chosen)
        StandardIO.out(json ? LeaderboardJSON(board: board, tags: Leaderboard.tags(in: records)).render() + "\n" : Self.text(board))
    }

    static func text(_ board: Leaderboard) -> String {
        guard !board.rows.isEmpty else { return board.emptyText + "\n" }
        let title = (board.tag.map { "Tag \($0.rawValue)" } ?? "All tags") + ": " + Formatting.count(board.matchCount, "verdict")
        let body = board.rows.map { row in
            [String(row.rank), DisplayText.fit(row.model, width: 50), row.ratingText, String(row.matches), row.recordText]
        }
        return title + ". " + Leaderboard.method + ".\n\n"
            + TextTable.render(header: ["RANK", "MODEL", "RATING", "MATCHES", "W-T-L"], rows: body, rightAligned: [0, 2, 3])
    }
}

/// `prism leaderboard --json`: the tag, how many verdicts, and each model's figures.
struct LeaderboardJSON: Encodable {
    var board: Leaderboard
    var tags: [PromptTag]

    struct Model: Encodable {
        var rank: Int, model: String, rating: Double, uncertainty: Double, matches: Int, wins: Int, ties: Int, losses: Int, tentative: Bool
    }

    enum Keys: String, CodingKey { case tag, tags, verdicts, method, models }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        if let tag = board.tag { try c.encode(tag.rawValue, forKey: .tag) } else { try c.encodeNil(forKey: .tag) }
        try c.encode(tags.map(\.rawValue), forKey: .tags)
        try c.encode(board.matchCount, forKey: .verdicts)
        try c.encode("bradley-terry", forKey: .method)
        try c.encode(board.rows.map {
            Model(rank: $0.rank, model: TerminalSanitizer.metadata($0.model), rating: ($0.rating * 10).rounded() / 10,
                  uncertainty: ($0.uncertainty * 10).rounded() / 10, matches: $0.matches, wins: $0.wins, ties: $0.ties,
                  losses: $0.losses, tentative: $0.isTentative)
        }, forKey: .models)
    }

    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
