import Foundation
import Testing
@testable import PrismCore

@Suite("Leaderboard: Bradley-Terry ratings against hand-computed cases")
struct LeaderboardRatingTests {
    typealias O = BradleyTerry.Outcome
    static let elo = 400 / log(10.0)

    @Test func oneWinOverTheReferenceWithThePriorIsTwoToOne() throws {
        // Gradient (1 - p) + 2·(0.5 - p) = 0 gives p = 2/3, θ = ln 2; information 3·p(1-p) = 2/3.
        let a = try #require(BradleyTerry.fit([O(winner: "a", loser: nil)])["a"])
        #expect(abs(a.theta - log(2)) < 1e-9)
        #expect(abs(a.rating - (1500 + 400 * log10(2))) < 1e-6)  // 1620.41
        #expect(abs(a.standardError - 1.5.squareRoot()) < 1e-9)
        #expect(abs(a.uncertainty - 1.96 * 1.5.squareRoot() * Self.elo) < 1e-6)
    }

    @Test func threeWinsToOneGiveOddsOfThreeWithoutAPrior() throws {
        let outcomes = [O(winner: "a", loser: "b"), O(winner: "a", loser: "b"), O(winner: "a", loser: "b"), O(winner: "b", loser: "a")]
        let fit = BradleyTerry.fit(outcomes, priorWeight: 1e-6)
        let a = try #require(fit["a"]), b = try #require(fit["b"])
        #expect(abs((a.theta - b.theta) - log(3)) < 1e-4)
        #expect(abs((a.rating - b.rating) - 400 * log10(3)) < 0.02)  // 190.85 Elo points
    }

    @Test func aTieIsHalfAWinForEachSide() throws {
        let tied = BradleyTerry.fit([O(winner: "a", loser: "b", score: 0.5), O(winner: "a", loser: "b", score: 0.5)])
        let split = BradleyTerry.fit([O(winner: "a", loser: "b"), O(winner: "b", loser: "a")])
        #expect(abs(try #require(tied["a"]).theta) < 1e-9)
        #expect(abs(try #require(tied["a"]).theta - (try #require(split["a"]).theta)) < 1e-9)
        // A win and a tie: 1.5 of 2, so p = 3/4 again.
        let mixed = BradleyTerry.fit([O(winner: "a", loser: "b"), O(winner: "b", loser: "a", score: 0.5)], priorWeight: 1e-6)
        #expect(abs(try #require(mixed["a"]).theta - (try #require(mixed["b"]).theta) - log(3)) < 1e-4)
    }

    @Test func thePriorKeepsOneNilFromLookingLikeAVerdict() throws {
        let fit = BradleyTerry.fit([O(winner: "a", loser: "b")])
        let a = try #require(fit["a"]), b = try #require(fit["b"])
        // By symmetry θa = -θb = t with (1 - σ(2t)) + 2·(0.5 - σ(t)) = 0; solved here by bisection.
        var low = 0.0, high = 5.0
        for _ in 0..<200 {
            let t = (low + high) / 2
            if (1 - BradleyTerry.sigmoid(2 * t)) + 2 * (0.5 - BradleyTerry.sigmoid(t)) > 0 { low = t } else { high = t }
        }
        #expect(abs(a.theta - low) < 1e-9 && abs(b.theta + low) < 1e-9)
        #expect(a.rating - b.rating < 200, "one match moves the ratings little")
        #expect(a.rating - a.uncertainty < b.rating + b.uncertainty, "their intervals overlap: no verdict yet")
    }

    @Test func uncertaintyShrinksWithMoreMatches() throws {
        func score(_ wins: Int, _ losses: Int) -> [O] {
            Array(repeating: O(winner: "a", loser: "b"), count: wins) + Array(repeating: O(winner: "b", loser: "a"), count: losses)
        }
        let few = try #require(BradleyTerry.fit(score(3, 1))["a"])
        let many = try #require(BradleyTerry.fit(score(30, 10))["a"])
        #expect(many.uncertainty < few.uncertainty / 2)
        #expect(many.rating > few.rating, "the same share of wins counts more with more matches")
    }

    @Test func aThumbWeighsHalfAMatch() throws {
        let thumbs = BradleyTerry.fit([O(winner: "a", loser: nil, weight: 0.5), O(winner: "a", loser: nil, weight: 0.5)])
        #expect(abs(try #require(thumbs["a"]).theta - log(2)) < 1e-9, "two half-weight thumbs are one win")
    }

    @Test func recordsOfAVerdict() {
        let round = MatchRecord.Round(at: Date(timeIntervalSince1970: 0), sessionID: "s", roundID: "u1", tag: .code)
        let pick = MatchRecord.pick(round, winner: "b", others: ["a", "b", "c"])
        #expect(pick.map(\.winner) == ["b", "b"] && pick.map(\.loser) == ["a", "c"] && pick.allSatisfy { $0.kind == .pick })
        let tie = MatchRecord.tie(round, models: ["a", "b", "c"])
        #expect(tie.map { "\($0.winner!)-\($0.loser!)" } == ["a-b", "a-c", "b-c"])
        let bad = MatchRecord.allBad(round, models: ["a", "b"])
        #expect(bad.allSatisfy { $0.winner == nil && $0.kind == .allBad } && bad.map(\.loser) == ["a", "b"])
        let down = MatchRecord.thumb(round, model: "a", up: false)
        #expect(down == [MatchRecord(at: round.at, sessionID: "s", roundID: "u1", tag: .code, kind: .thumb, winner: nil, loser: "a", weight: 0.5)])
    }

    @Test func theBoardRanksCountsAndFiltersByTag() {
        let code = MatchRecord.Round(at: Date(timeIntervalSince1970: 0), sessionID: "s", roundID: "u1", tag: .code)
        let math = MatchRecord.Round(at: Date(timeIntervalSince1970: 1), sessionID: "s", roundID: "u2", tag: .math)
        let records = MatchRecord.pick(code, winner: "a", others: ["a", "b"]) + MatchRecord.pick(code, winner: "a", others: ["b"])
            + MatchRecord.tie(math, models: ["a", "b"]) + MatchRecord.allBad(math, models: ["c"])
        let all = Leaderboard.build(records)
        #expect(all.rows.map(\.model) == ["a", "b", "c"])
        #expect(all.rows.map(\.rank) == [1, 2, 3])
        #expect(all.rows[0].wins == 2 && all.rows[0].ties == 1 && all.rows[0].losses == 0 && all.rows[0].matches == 3)
        #expect(all.rows[2].losses == 1 && all.rows[2].rating < 1500 && all.rows[2].isTentative)
        let mathOnly = Leaderboard.build(records, tag: .math)
        #expect(mathOnly.matchCount == 2 && mathOnly.rows.first { $0.model == "a" }?.wins == 0)
        #expect(Leaderboard.tags(in: records) == [.code, .math])
        #expect(Leaderboard.build(MatchRecord.allBad(code, models: ["z/m", "a/m"])).rows.map(\.model) == ["a/m", "z/m"], "equal ratings rank by name")
    }
}

@Suite("Leaderboard: the matches table")
struct MatchStoreTests {
    @Test func recordsReadsBackAndRetagsARound() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let store = MatchStore(database: DatabaseHandle(file: sandbox.database))
        let round = MatchRecord.Round(at: Date(timeIntervalSince1970: 1_800_000_000), sessionID: "s", roundID: "u1", tag: .chat, blind: true)
        try store.record(MatchRecord.pick(round, winner: "a", others: ["b", "c"]) + MatchRecord.thumb(round, model: "b", up: true))
        let back = try store.all()
        #expect(back == MatchRecord.pick(round, winner: "a", others: ["b", "c"]) + MatchRecord.thumb(round, model: "b", up: true))
        #expect(try store.retag(roundID: "u1", to: .code) == 3)
        #expect(try store.all(tag: .code).count == 3 && store.all(tag: .chat).isEmpty)
    }

    @Test func retagAlsoMovesTheRoundsRepliesInTheHistory() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let handle = DatabaseHandle(file: sandbox.database)
        let store = MatchStore(database: handle)
        try handle.write { db in
            try db.execute("""
                INSERT INTO replies (created_at, source, model_asked, round_id, tag, tag_source)
                VALUES (1, 'compare', 'a/m', 'u1', 'chat', 'rule'), (2, 'compare', 'b/m', 'u2', 'chat', 'rule')
                """)
        }
        try store.retag(roundID: "u1", to: .math)
        #expect(try handle.read { try $0.texts("SELECT tag || ':' || tag_source FROM replies ORDER BY id") } == ["math:user", "chat:rule"])
    }
}
