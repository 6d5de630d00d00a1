import Foundation
import PrismCore
import Testing

extension ProcessSuites {
    /// `prism leaderboard` reads verdicts seeded through the core API into the process's own state folder.
    @Suite("Leaderboard command, run as a process", .serialized)
    struct LeaderboardCommandTests {
        static let key = "sk-or-v1-BOARDKEY0123456789abcdef"

        static func seed(_ p: PrismProcess) throws {
            let store = MatchStore(database: DatabaseHandle(file: p.home.appendingPathComponent("state/prism/prism.db")))
            let code = MatchRecord.Round(at: Date(timeIntervalSince1970: 1_800_000_000), sessionID: "s", roundID: "u1", tag: .code)
            let chat = MatchRecord.Round(at: Date(timeIntervalSince1970: 1_800_000_100), sessionID: "s", roundID: "u2", tag: .chat, blind: true)
            var records: [MatchRecord] = []
            for _ in 0..<6 { records += MatchRecord.pick(code, winner: "x/alpha", others: ["x/beta"]) }
            records += MatchRecord.tie(chat, models: ["x/alpha", "x/beta"]) + MatchRecord.allBad(chat, models: ["x/gamma\u{1B}[31m"])
            try store.record(records)
        }

        @Test func printsTheTableAndJSONOverallAndPerTag() throws {
            let p = try PrismProcess(key: Self.key)
            defer { p.cleanUp() }
            let empty = try p.run(["leaderboard"])
            #expect(empty.status == 0 && empty.stdout.hasPrefix("No verdicts yet"), "\(empty.stdout)\(empty.stderr)")
            try Self.seed(p)

            let json = try p.run(["leaderboard", "--json"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try #require(json.stdout.jsonObject, "\(json.stdout)")
            #expect(object["verdicts"] as? Int == 8 && object["method"] as? String == "bradley-terry")
            #expect(object["tags"] as? [String] == ["code", "chat"])
            let models = try #require(object["models"] as? [[String: Any]])
            // Beta lost six picks to alpha; gamma lost once to the reference: beta ranks last.
            #expect(models.map { $0["model"] as? String } == ["x/alpha", "x/gamma␛[31m", "x/beta"], "ranked, names cleaned")
            #expect(models.map { $0["rank"] as? Int } == [1, 2, 3])
            let alpha = models[0], gamma = models[1], beta = models[2]
            #expect(alpha["matches"] as? Int == 7 && alpha["wins"] as? Int == 6 && alpha["ties"] as? Int == 1 && alpha["losses"] as? Int == 0)
            #expect(alpha["tentative"] as? Bool == false && gamma["tentative"] as? Bool == true)
            let alphaRating = try #require(alpha["rating"] as? Double), betaRating = try #require(beta["rating"] as? Double)
            #expect(alphaRating > 1500 && betaRating < 1500 && (gamma["rating"] as? Double ?? 0) < 1500)
            #expect((alpha["uncertainty"] as? Double ?? 0) > 0)

            let code = try p.run(["leaderboard", "--tag", "CODE", "--json"])
            let codeObject = try #require(code.stdout.jsonObject, "\(code.stdout)\(code.stderr)")
            #expect(codeObject["tag"] as? String == "code" && codeObject["verdicts"] as? Int == 6)
            #expect((codeObject["models"] as? [[String: Any]])?.count == 2)

            let table = try p.run(["leaderboard"])
            #expect(table.status == 0)
            #expect(table.stdout.hasPrefix("All tags: 8 verdicts. Bradley-Terry"), "\(table.stdout)")
            #expect(table.stdout.contains("RANK") && table.stdout.contains("W-T-L") && table.stdout.contains("6-1-0"))
            #expect(table.stdout.contains("≈"), "gamma has one match: marked")
            #expect(table.stdout.contains("x/gamma␛[31m") && !table.stdout.contains("\u{1B}"), "no escape from a model name reaches the terminal")

            let bad = try p.run(["leaderboard", "--tag", "poetry"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("--tag must be one of code, math, writing, data, translation, chat, not 'poetry'"), "\(bad.stderr)")
            #expect(!(json.stdout + table.stdout + bad.stderr).contains(Self.key))
        }
    }
}
