import Foundation
import Testing
@testable import PrismCore

/// Cache savings summed over a session: every reply and tool round, each at its own model's prices.
@Suite struct SessionCacheSavingsTests {
    static let prices: [String: ModelPricing] = [
        "anthropic/claude-sonnet-4.5": ModelPricing(prompt: Decimal(string: "0.000003"), inputCacheRead: Decimal(string: "0.0000003")),
        "google/gemini-2.5-pro": ModelPricing(prompt: Decimal(string: "0.000001"), inputCacheRead: Decimal(string: "0.00000025")),
    ]

    static func reply(_ id: String, model: String?, cached: Int?) -> Message {
        var m = Message(id: id, parentID: nil, role: .assistant, content: "x", createdAt: Date(timeIntervalSince1970: 0))
        m.modelServed = model
        m.usage = TokenUsage(promptTokens: 5000, cachedTokens: cached)
        return m
    }

    static func session() -> Session {
        var s = Session(id: "20261203-120000-abcd", createdAt: Date(timeIntervalSince1970: 0), model: "anthropic/claude-sonnet-4.5")
        s.messages.append(Message(id: "u1", parentID: nil, role: .user, content: "hi", createdAt: Date(timeIntervalSince1970: 0)))
        s.messages.append(reply("a1", model: "anthropic/claude-sonnet-4.5", cached: 1000))  // 1000 × 0.0000027
        s.messages.append(reply("a2", model: "google/gemini-2.5-pro", cached: nil))           // nothing cached
        // A tool turn on gemini: a round that read 400 from the cache, then the answer 800.
        var turn = reply("a3", model: "google/gemini-2.5-pro", cached: 800)                     // 800 × 0.00000075
        turn.toolRounds = [ToolRound(steps: [], usage: TokenUsage(promptTokens: 900, cachedTokens: 400), modelServed: "google/gemini-2.5-pro")]
        s.messages.append(turn)                                                                 // + 400 × 0.00000075
        // Asked for by the session's model, served by one the catalog does not price: counted, not priced.
        s.messages.append(reply("a4", model: "someone/unpriced", cached: 500))
        return s
    }

    @Test func theSumCountsEveryRequestAtItsOwnModelsPrices() {
        let total = CacheSavings.session(Self.session().messages, sessionModel: "anthropic/claude-sonnet-4.5") { Self.prices[$0] }
        #expect(total.tokens == 2700)
        #expect(total.saved == Decimal(string: "0.0036"))  // 0.0027 + 0.0006 + 0.0003
    }

    @Test func aToolTurnsRoundsCountAndARoundServedByAnotherModelIsPricedAsThatModel() {
        var turn = Self.reply("a", model: "google/gemini-2.5-pro", cached: 800)
        turn.toolRounds = [ToolRound(steps: [], usage: TokenUsage(cachedTokens: 1000), modelServed: "anthropic/claude-sonnet-4.5")]
        let one = CacheSavings.reply(turn, sessionModel: nil) { Self.prices[$0] }
        #expect(one.tokens == 1800)
        #expect(one.saved == Decimal(string: "0.0033"))  // 1000 × 0.0000027 + 800 × 0.00000075
    }

    @Test func withoutAnyPriceTheTokensStillCountAndTheSavingIsUnknown() {
        let total = CacheSavings.session(Self.session().messages, sessionModel: nil) { _ in nil }
        #expect(total.tokens == 2700 && total.saved == nil)
        #expect(CacheSavings.adding((1, nil), (2, Decimal(3))) == (3, Decimal(3)))
        #expect(CacheSavings.adding((1, Decimal(2)), (2, nil)) == (3, Decimal(2)))
    }
}
