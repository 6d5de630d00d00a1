import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A harness with a clock, for the exact cost of stopped replies and the balance.
private final class SpendHarness: ReducerHarness, @unchecked Sendable {
    init() { super.init(size: Size(width: 140, height: 30)) }

    func at(_ seconds: Double) { send(.tick(Date(timeIntervalSince1970: 100 + seconds))) }
    @discardableResult
    func event(_ e: CompletionEvent, id: Int = 1) -> [Effect] { send(.completion(requestID: id, event: e)) }

    var statusBar: String { String(screen().split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }

    /// The record OpenRouter keeps of a stopped reply: 12 in, 4 out, $0.0005.
    static let record = GenerationRecord(id: "gen-abc", model: "a/one", providerName: "Prov",
                                         totalCost: Decimal(string: "0.0005"), nativeTokensPrompt: 12, nativeTokensCompletion: 4)
}

@Suite("Exact cost of stopped replies, credit left, /key")
struct SpendKeysTests {
    @Test func escDuringAStreamFetchesTheRecordAndTheReplyThenShowsItsCost() throws {
        let h = SpendHarness()
        h.command("hi")
        h.event(.metadata(model: nil, provider: nil, generationID: "gen-abc"))
        h.event(.contentDelta("partial"))
        let reply = try #require(h.state.session.messages.last)
        let effects = h.key(Key(.escape))
        #expect(effects.contains(.cancelStream(requestID: 1)))
        #expect(effects.contains(.fetchGeneration(sessionID: h.state.session.id, messageID: reply.id, generationID: "gen-abc")))
        #expect(!effects.contains { if case .recordSpend = $0 { true } else { false } })
        #expect(h.state.session.messages.last?.usage?.cost == nil)

        let landed = h.send(.generationLoaded(sessionID: h.state.session.id, messageID: reply.id, record: SpendHarness.record))
        let message = try #require(h.state.session.message(reply.id))
        #expect(message.status == .cancelled)
        #expect(message.usage?.cost == Decimal(string: "0.0005"))
        #expect(message.usage?.source == .generation)
        #expect(message.usage?.completionTokens == 4)
        #expect(landed.contains(.recordSpend(SpendRequest(model: "a/one", provider: "Prov", sessionID: h.state.session.id, source: .chat, free: false),
                                             cost: Decimal(string: "0.0005")!, source: .generation, replyID: reply.id)), "the ledger gets it, from /generation")
        #expect(landed.contains { if case .saveSession(let s) = $0 { s.message(reply.id)?.usage?.cost != nil } else { false } })
        #expect(h.state.spentToday == Decimal(string: "0.0005"))
        let screen = h.screen()
        #expect(screen.contains("4 tok · $0.0005 billed"), "the reply's header shows the billed cost")
        h.at(10)  // the "cancelled" notice has gone
        #expect(h.statusBar.contains("session $0.0005"), "and the session total includes it")
        #expect(h.statusBar.contains("today $0.0005"))
    }

    @Test func aRecordForAnotherSessionStillCountsTodayButTouchesNothingHere() {
        let h = SpendHarness()
        let effects = h.send(.generationLoaded(sessionID: "elsewhere", messageID: "m9", record: SpendHarness.record))
        #expect(effects == [.recordSpend(SpendRequest(model: "a/one", provider: "Prov", sessionID: "elsewhere", source: .chat, free: false),
                                         cost: Decimal(string: "0.0005")!, source: .generation, replyID: "m9"),
                            .fillReplyCost(replyID: "m9", cost: Decimal(string: "0.0005")!, source: .generation)])
        #expect(h.state.spentToday == Decimal(string: "0.0005"))
    }

    @Test func aFailedReplyWithoutCostIsLookedUpAndAFailedLookupSaysWhy() throws {
        let h = SpendHarness()
        h.command("hi")
        h.event(.metadata(model: nil, provider: nil, generationID: "gen-abc"))
        var reply = Reply()
        reply.content = "par"
        reply.generationID = "gen-abc"
        reply.failure = ReplyFailure(kind: .stream, code: "502", message: "Provider disconnected")
        let effects = h.event(.finished(reply))
        let id = try #require(h.state.session.messages.last?.id)
        #expect(effects.contains(.fetchGeneration(sessionID: h.state.session.id, messageID: id, generationID: "gen-abc")))
        h.send(.generationFailed(sessionID: h.state.session.id, messageID: id, reason: "the generation record was not there after 4 tries over 3 s"))
        #expect(h.state.notice?.text.contains("cost of the stopped reply unknown: the generation record was not there") == true)
        #expect(h.state.spentToday == 0)
    }

    @Test func anEstimateWaitsForTheRecordAndCountsOnlyOnce() throws {
        let h = SpendHarness()
        h.command("hi")
        var reply = Reply()
        reply.content = "done"
        reply.finishReason = "stop"
        reply.generationID = "gen-abc"
        reply.usage = TokenUsage(promptTokens: 3, completionTokens: 2, cost: Decimal(string: "0.0002"), costIsEstimate: true, costSource: .estimate)
        let effects = h.event(.finished(reply))
        #expect(!effects.contains { if case .recordSpend = $0 { true } else { false } }, "held back for the exact figure")
        #expect(h.state.spentToday == 0)
        let id = try #require(h.state.session.messages.last?.id)
        let fallback = h.send(.generationFailed(sessionID: h.state.session.id, messageID: id, reason: "gone"))
        #expect(fallback == [.recordSpend(SpendRequest(model: "a/one", sessionID: h.state.session.id, source: .chat, free: false),
                                          cost: Decimal(string: "0.0002")!, source: .estimate, replyID: id)])
        #expect(h.state.spentToday == Decimal(string: "0.0002"))
    }

    @Test func aReplyWithItsOwnCostIsNeverLookedUp() {
        let h = SpendHarness()
        h.command("hi")
        h.event(.metadata(model: nil, provider: nil, generationID: "gen-abc"))
        var reply = Reply()
        reply.generationID = "gen-abc"
        reply.usage = TokenUsage(promptTokens: 3, completionTokens: 2, cost: Decimal(string: "0.0001"), costSource: .usage)
        let effects = h.event(.finished(reply))
        #expect(!effects.contains { if case .fetchGeneration = $0 { true } else { false } })
        #expect(effects.contains(.recordSpend(SpendRequest(model: "a/one", sessionID: h.state.session.id, source: .chat, free: false),
                                              cost: Decimal(string: "0.0001")!, source: .usage, replyID: h.state.session.messages.last?.id)))
    }

    @Test func theBalanceIsRefreshedAfterRepliesAtMostEveryThirtySeconds() {
        let h = SpendHarness()
        h.command("one")
        #expect(h.event(.finished(Reply()), id: 1).contains(.fetchBalance))
        h.at(10)
        h.command("two")
        #expect(!h.event(.finished(Reply()), id: 2).contains(.fetchBalance), "10 s later: not again")
        h.at(31)
        h.command("three")
        #expect(h.event(.finished(Reply()), id: 3).contains(.fetchBalance))
    }

    @Test func theStatusBarShowsCreditLeftAndSaysWhenItIsTheKeysLimit() {
        let h = SpendHarness()
        h.send(.balanceLoaded(Balance(source: .account, total: 25, used: Decimal(string: "12.66"), remaining: Decimal(string: "12.34")!)))
        #expect(h.statusBar.contains("$12.34 left"))
        #expect(!h.statusBar.contains("key:"))
        h.send(.balanceLoaded(Balance(source: .keyLimit, total: 10, used: Decimal(string: "6.9"), remaining: Decimal(string: "3.1")!)))
        #expect(h.statusBar.contains("key: $3.1 left"))
    }

    @Test func creditBelowTheFloorIsInTheWarningColour() throws {
        let h = SpendHarness()
        h.send(.balanceLoaded(Balance(source: .account, total: 25, used: Decimal(string: "12.66"), remaining: Decimal(string: "12.34")!)))
        let theme = UIFixtures.theme()
        func balanceStyle() throws -> Style {
            var s = h.state
            let frame = AppRenderer().render(&s, theme: theme)
            let y = frame.size.height - 1
            let row = (0..<frame.size.width).map { frame[$0, y].grapheme }.joined()
            guard let at = row.range(of: "$12.34 left") else {
                Issue.record("no balance in the status bar: \(row)")
                return Style()
            }
            return frame[row.distance(from: row.startIndex, to: at.lowerBound), y].style
        }
        let normal = try balanceStyle()
        #expect(normal.foreground != theme[.warning].foreground)
        h.state.creditFloor = 20
        let low = try balanceStyle()
        #expect(low.foreground == theme[.warning].foreground)
        h.state.creditFloor = 5
        #expect(try balanceStyle().foreground == normal.foreground, "above the floor: the usual colour")
    }

    @Test func keyCommandAsksForAFreshBalanceAndShowsIt() {
        let h = SpendHarness()
        let effects = h.command("/key")
        #expect(effects.contains(.fetchBalance))
        #expect(effects.contains(.fetchKeyInfo))
        #expect(h.state.notice?.text == "asking OpenRouter for the balance…")
        h.send(.keyInfoLoaded(KeyInfo(limit: 10, limitRemaining: 7, usage: 3)))
        h.send(.balanceLoaded(Balance(source: .account, total: 25, used: Decimal(string: "12.66"), remaining: Decimal(string: "12.34")!)))
        #expect(h.state.notice?.text == "account: $12.34 left ($25 bought, $12.66 used)")
        h.command("/key")
        h.send(.balanceFailed("HTTP 500 boom"))
        #expect(h.state.notice?.text == "balance unknown: HTTP 500 boom")
    }
}
