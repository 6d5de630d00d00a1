import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Verdicts at the key level: a pick, a tie, all bad and thumbs become `.recordMatches`
/// effects with the round's tag; `/tag` sets and corrects it; the leaderboard view opens,
/// cycles its tag and closes.
@Suite("Leaderboard keys")
struct LeaderboardKeysTests {
    static let models = Array(CompareFixtures.models.prefix(3))

    static func comparing(focused: Int = 0) -> ReducerHarness {
        let h = ReducerHarness()
        h.state = CompareFixtures.state(Size(width: 120, height: 40), panes: 3, focused: focused)
        h.state.prompt.clear()  // the fixture has a draft
        return h
    }

    static func outcomes(_ effects: [Effect]) -> [String: ReplyRecord.CompareOutcome] {
        effects.reduce(into: [:]) { all, effect in if case .recordCompareOutcomes(let o) = effect { all.merge(o) { a, _ in a } } }
    }

    /// Each lane's reply in the fixture's round, in pane order.
    static func replyIDs(_ h: ReducerHarness) -> [String] {
        h.state.lanes.indices.compactMap { h.state.session.lastReply(inLane: $0)?.id }
    }

    @Test func verdictsMarkEachReplyOfTheRoundInTheHistory() {
        let pick = Self.comparing(focused: 1)
        let ids = Self.replyIDs(pick)
        #expect(ids.count == 3)
        #expect(Self.outcomes(pick.key(.alt("p"))) == [ids[0]: .lost, ids[1]: .won, ids[2]: .lost])
        let tie = Self.comparing()
        #expect(Self.outcomes(tie.key(.alt("t"))) == Dictionary(uniqueKeysWithValues: Self.replyIDs(tie).map { ($0, .tie) }))
        let bad = Self.comparing()
        #expect(Self.outcomes(bad.key(.alt("n"))) == Dictionary(uniqueKeysWithValues: Self.replyIDs(bad).map { ($0, .allBad) }))
    }

    static func recorded(_ effects: [Effect]) -> [MatchRecord] {
        effects.flatMap { effect -> [MatchRecord] in if case .recordMatches(let r) = effect { return r } else { return [] } }
    }

    @Test func aPickRecordsTheFocusedPaneBeatingEachOther() throws {
        let h = Self.comparing(focused: 1)
        let effects = h.key(.alt("p"))
        let records = Self.recorded(effects)
        #expect(records.map(\.winner) == [Self.models[1], Self.models[1]])
        #expect(records.map(\.loser) == [Self.models[0], Self.models[2]])
        #expect(records.allSatisfy { $0.kind == .pick && $0.tag == .chat && $0.weight == 1 && $0.roundID == "c1" && !$0.blind })
        #expect(records.first?.sessionID == "20261122-040000-cmpr")
        let notice = try #require(h.state.notice?.text)
        #expect(notice.hasPrefix("recorded: openai/gpt-5-mini beats anthropic/claude-sonnet-4.5, google/gemini-2.5-flash:free (chat: no other rule matched)"))
        #expect(!h.state.isComparing, "the pick still continues with the pane's model")
    }

    @Test func aTieThenAPickCountsTheRoundOnce() {
        let h = Self.comparing()
        let tie = Self.recorded(h.key(.alt("t")))
        #expect(tie.map { "\($0.winner ?? "-") \($0.loser ?? "-")" } == [
            "\(Self.models[0]) \(Self.models[1])", "\(Self.models[0]) \(Self.models[2])", "\(Self.models[1]) \(Self.models[2])"])
        #expect(tie.allSatisfy { $0.kind == .tie })
        #expect(h.state.notice?.text.hasPrefix("recorded: a tie between anthropic/claude-sonnet-4.5, openai/gpt-5-mini") == true)
        #expect(Self.recorded(h.key(.alt("t"))).isEmpty)
        #expect(h.state.notice?.text == "this round is already judged")
        #expect(Self.recorded(h.key(.alt("p"))).isEmpty, "a pick after the tie moves on without a second verdict")
        #expect(h.state.notice?.text.hasPrefix("continuing with anthropic/claude-sonnet-4.5 alone") == true)
    }

    @Test func allBadIsALossOfEveryPaneAgainstTheReference() {
        let h = Self.comparing()
        let records = Self.recorded(h.key(.alt("n")))
        #expect(records.map(\.loser) == Self.models.map { Optional($0) })
        #expect(records.allSatisfy { $0.winner == nil && $0.kind == .allBad })
        #expect(h.state.notice?.text.hasPrefix("recorded: all bad: ") == true)
    }

    @Test func tieAndAllBadNeedARoundAndMeanNothingInSingleChat() {
        let h = ReducerHarness()
        #expect(Self.recorded(h.key(.alt("t"))).isEmpty && Self.recorded(h.key(.alt("n"))).isEmpty)
        h.send(.input(.key(.alt("="))))
        #expect(h.state.notice?.text == "no reply to rate yet")
    }

    @Test func thumbsRateTheNewestOrSelectedReplyAtHalfWeight() throws {
        let h = ReducerHarness()
        h.state = UIFixtures.state(Size(width: 120, height: 40))
        let up = Self.recorded(h.key(.alt("=")))
        let model = try #require(h.state.session.model)
        #expect(up == [MatchRecord(at: h.state.now, sessionID: h.state.session.id, roundID: "u1", tag: PromptTag.classify(h.state.session.message("u1")!.content).tag,
                                   kind: .thumb, winner: model, loser: nil, weight: 0.5)])
        #expect(h.state.notice?.text.hasPrefix("recorded: thumb up for \(model)") == true)
        #expect(Self.recorded(h.key(.alt("-"))).isEmpty, "one thumb per reply")
        #expect(h.state.notice?.text == "this reply already has a thumb")

        let fresh = ReducerHarness()
        fresh.state = UIFixtures.state(Size(width: 120, height: 40))
        fresh.key(Key(.tab))
        #expect(fresh.state.focus == .transcript)
        let down = Self.recorded(fresh.key(.char("-")))
        #expect(down.map(\.loser) == [model] && down.map(\.winner) == [nil] && down.first?.kind == .thumb)
    }

    @Test func aTagAfterAPickInALaterRoundReachesTheRecordedRound() throws {
        let h = Self.comparing()
        h.command("second question")  // a later round: one copy of the prompt per thread
        for id in 1...3 { h.finish(id, "answer \(id)") }
        h.key(.alt("2"))
        let round = try #require(Self.recorded(h.key(.alt("p"))).first?.roundID)
        let effects = h.command("/tag data")
        let retag = effects.compactMap { effect -> [String]? in if case .retagRound(let ids, .data) = effect { return ids } else { return nil } }
        #expect(retag.count == 1 && retag[0].contains(round) && retag[0].count == 3, "\(retag) \(round)")
    }

    @Test func inDemoModeTheNoticeSaysNothingIsKept() {
        let h = Self.comparing()
        h.state.demo = true
        h.key(.alt("n"))
        #expect(h.state.notice?.text.hasPrefix("demo, not kept: all bad: ") == true)
    }

    @Test func slashTagCorrectsTheRoundAndItsVerdictsFollow() throws {
        let h = Self.comparing()
        let effects = h.command("/tag Code")
        #expect(effects.contains(.retagRound(promptIDs: ["c1"], tag: .code)))
        #expect(effects.contains { if case .saveSession = $0 { true } else { false } })
        #expect(h.state.session.message("c1")?.tag == .code)
        #expect(h.state.notice?.text == "this round is tagged code (was chat: no other rule matched); its verdicts follow")
        h.command("/tag")
        #expect(h.state.notice?.text == "this round: code, set with /tag")
        let pick = Self.recorded(h.key(.alt("p")))
        #expect(pick.allSatisfy { $0.tag == .code } && pick.count == 2)
        #expect(h.state.notice?.text.contains("(code, set with /tag)") == true)

        h.command("/tag poetry")
        #expect(h.state.notice?.kind == .error && h.state.notice?.text.hasPrefix("usage: /tag [next] TAG") == true)
    }

    @Test func slashTagNextTagsTheNextPromptAndIsSavedWithTheSession() throws {
        let h = ReducerHarness()
        h.command("/tag math")
        #expect(h.state.notice?.text == "the next prompt is tagged math")
        h.command("write me a poem")
        let prompt = try #require(h.state.session.messages.first { $0.role == .user })
        #expect(prompt.tag == .math, "the user's tag beats the classifier's writing guess")
        #expect(h.state.verdicts.nextTag == nil)
        let data = try JSONEncoder().encode(prompt)
        #expect(String(decoding: data, as: UTF8.self).contains("\"tag\":\"math\""))
        let old = try JSONDecoder().decode(Message.self, from: Data(#"{"id":"x","role":"user","content":"hi","created_at":0}"#.utf8))
        #expect(old.tag == nil, "files written before tags still read")
        let odd = try JSONDecoder().decode(Message.self, from: Data(#"{"id":"x","role":"user","content":"hi","created_at":0,"tag":"poetry"}"#.utf8))
        #expect(odd.tag == nil, "an unknown tag reads as none")
    }

    static let verdicts: [MatchRecord] = {
        let code = MatchRecord.Round(at: UIFixtures.epoch, sessionID: "s", roundID: "u1", tag: .code)
        let chat = MatchRecord.Round(at: UIFixtures.epoch, sessionID: "s", roundID: "u2", tag: .chat)
        var records: [MatchRecord] = []
        for _ in 0..<5 { records += MatchRecord.pick(code, winner: "anthropic/claude-sonnet-4.5", others: ["openai/gpt-5-mini", "qwen/qwen3-coder"]) }
        records += MatchRecord.pick(code, winner: "qwen/qwen3-coder", others: ["openai/gpt-5-mini"])
        records += MatchRecord.tie(chat, models: ["openai/gpt-5-mini", "google/gemini-2.5-flash:free"])
        records += MatchRecord.thumb(chat, model: "google/gemini-2.5-flash:free", up: false)
        return records
    }()

    @Test func theViewOpensCyclesItsTagAndCloses() {
        let h = ReducerHarness()
        #expect(h.key(Key(.function(3))) == [.loadMatches])
        #expect(h.state.focus == .leaderboard && h.state.leaderboard?.records == nil)
        h.send(.matchesLoaded(Self.verdicts))
        #expect(h.state.leaderboard?.board.rows.first?.model == "anthropic/claude-sonnet-4.5")
        h.key(Key(.tab))
        #expect(h.state.leaderboard?.tag == .code)
        #expect(h.state.leaderboard?.board.rows.map(\.model) == ["anthropic/claude-sonnet-4.5", "qwen/qwen3-coder", "openai/gpt-5-mini"])
        h.key(Key(.backTab))
        h.key(Key(.backTab))
        #expect(h.state.leaderboard?.tag == .chat, "backwards from all tags wraps to the last")
        h.key(.char("x"))
        #expect(h.state.focus == .leaderboard, "other keys do nothing here")
        h.key(Key(.escape))
        #expect(h.state.focus == .prompt && h.state.leaderboard == nil)

        #expect(h.command("/leaderboard math") == [.loadMatches])
        #expect(h.state.leaderboard?.tag == .math)
        h.key(.char("q"))
        h.command("/leaderboard poems")
        #expect(h.state.focus == .prompt && h.state.notice?.kind == .error)
        #expect(h.state.notice?.text.hasPrefix("usage: /leaderboard [TAG]") == true)
    }

    @Test func configRebindsTheViewsKeys() {
        var bindings = KeyBindings.defaults
        let warnings = bindings.apply(["leaderboard.next_tag": "n", "leaderboard.nope": "x", "thumb_up": "alt+y"], parse: { try? KeySpec.parse($0) })
        #expect(warnings == ["[keys.leaderboard]: unknown command 'nope' (use next_tag, previous_tag, up, down, close)"])
        #expect(bindings.leaderboard[.char("n")] == .nextTag && bindings.leaderboard[Key(.tab)] == nil)
        #expect(bindings.name(LeaderboardCommand.nextTag) == "n" && bindings.name(.thumbUp) == "Alt-Y")
    }
}
