import Foundation
import PrismStub
import Testing
@testable import PrismCore

@Suite("Balance and generation records: decoding")
struct BalanceDecodingTests {
    @Test func creditsGiveTotalUsedAndRemaining() throws {
        let b = try Balance.decodeCredits(Data(#"{"data":{"total_credits":100.5,"total_usage":25.75}}"#.utf8))
        #expect(b.source == .account)
        #expect(b.total == Decimal(string: "100.5"))
        #expect(b.used == Decimal(string: "25.75"))
        #expect(b.remaining == Decimal(string: "74.75"))
        #expect(b.shortText == "$74.75 left")
    }

    @Test func creditsAreReadLeniently() throws {
        let strings = try Balance.decodeCredits(Data(#"{"data":{"total_credits":"10","total_usage":null,"extra":[1]}}"#.utf8))
        #expect(strings.remaining == 10)
        #expect(throws: (any Error).self) { try Balance.decodeCredits(Data(#"{"data":{"total_usage":1}}"#.utf8)) }
    }

    @Test func keyLimitIsLabelledAsTheKeys() throws {
        let b = try #require(Balance.keyLimit(KeyInfo(limit: 10, limitRemaining: Decimal(string: "3.1"), usage: Decimal(string: "6.9"))))
        #expect(b.source == .keyLimit)
        #expect(b.shortText == "key: $3.1 left")
        #expect(Balance.keyLimit(KeyInfo(limit: nil, limitRemaining: nil)) == nil, "an unlimited key has no balance of its own")
    }

    @Test func generationRecordToleratesNullsStringsAndWrongTypes() throws {
        let json = #"""
        {"data":{"id":"gen-1","model":"a/b","provider_name":null,"total_cost":"0.0042","tokens_prompt":10,
         "tokens_completion":"7","native_tokens_prompt":12.0,"native_tokens_completion":null,
         "native_tokens_reasoning":{"x":1},"native_tokens_cached":3,"cancelled":true,"finish_reason":null,
         "latency":210,"generation_time":"fast","provider_responses":[{"status":200}],"usage":0.0042}}
        """#
        let r = try GenerationRecord.decode(Data(json.utf8))
        #expect(r.id == "gen-1")
        #expect(r.totalCost == Decimal(string: "0.0042"))
        #expect(r.providerName == nil)
        #expect(r.tokensCompletion == 7)
        #expect(r.nativeTokensPrompt == 12)
        #expect(r.nativeTokensReasoning == nil)
        #expect(r.cancelled == true)
        #expect(r.latency == 210)
        #expect(r.generationTime == nil)
        let usage = try #require(r.usage)
        #expect(usage.promptTokens == 12, "native counts first")
        #expect(usage.completionTokens == 7, "then OpenRouter's own counts")
        #expect(usage.cachedTokens == 3)
        #expect(usage.costSource == .generation)
        #expect(usage.source == .generation)
        #expect(!usage.costIsEstimate)
    }

    @Test func aRecordWithoutCostGivesNoUsage() throws {
        let r = try GenerationRecord.decode(Data(#"{"data":{"id":"gen-1","total_cost":null}}"#.utf8))
        #expect(r.usage == nil)
    }

    @Test func costSourceIsOptionalInFilesBothWays() throws {
        let old = try JSONDecoder().decode(TokenUsage.self, from: Data(#"{"prompt_tokens":3,"cost":0.01}"#.utf8))
        #expect(old.costSource == nil)
        #expect(old.source == .usage)
        let estimated = try JSONDecoder().decode(TokenUsage.self, from: Data(#"{"cost":0.01,"cost_is_estimate":true}"#.utf8))
        #expect(estimated.source == .estimate)
        let unknown = try JSONDecoder().decode(TokenUsage.self, from: Data(#"{"cost":0.01,"cost_source":"telepathy"}"#.utf8))
        #expect(unknown.costSource == nil, "a source this version does not know reads as absent")
        let written = try JSONEncoder().encode(TokenUsage(cost: 1, costSource: .generation))
        #expect(String(decoding: written, as: UTF8.self).contains(#""cost_source":"generation""#))
        #expect(try JSONDecoder().decode(TokenUsage.self, from: written).costSource == .generation)
        let none = try JSONEncoder().encode(TokenUsage(cost: 1))
        #expect(!String(decoding: none, as: UTF8.self).contains("cost_source"), "omitted when unknown")
        #expect(TokenUsage(promptTokens: 1).source == nil, "no cost, no source")
    }
}

@Suite("Free-tier 429s: wording and reset time")
struct FreeTierLimitTests {
    @Test func dailyMessageNamesTheLimitAndTheReset() {
        let now = Date(timeIntervalSince1970: 1_764_633_600 - (3 * 3600 + 12 * 60))  // 3 h 12 min before a UTC midnight
        let reset = Date(timeIntervalSince1970: 1_764_633_600)
        #expect(FreeTierLimit.dailyMessage(limit: 50, resetAt: reset, now: now)
                == "free-model daily limit reached (50/day); resets at 00:00 UTC (in 3 h 12 min)")
        #expect(FreeTierLimit.dailyMessage(limit: nil, resetAt: nil, now: now).hasPrefix("free-model daily limit reached; "))
        #expect(FreeTierLimit.inWords(30) == "in under a minute")
        #expect(FreeTierLimit.inWords(300) == "in 5 min")
        #expect(FreeTierLimit.inWords(7200) == "in 2 h")
    }

    @Test func resetIsReadAsMillisecondsOrSeconds() {
        #expect(FreeTierLimit.resetDate("1764633600000") == Date(timeIntervalSince1970: 1_764_633_600))
        #expect(FreeTierLimit.resetDate("1764633600") == Date(timeIntervalSince1970: 1_764_633_600))
        #expect(FreeTierLimit.resetDate("soon") == nil)
        #expect(FreeTierLimit.resetDate(nil) == nil)
    }

    @Test func onlyTheDailyLimitIsNotRetried() {
        var daily = ReplyFailure(kind: .http, code: "429", status: 429,
                                 message: "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day")
        FreeTierLimit.adjust(&daily, headers: ["x-ratelimit-limit": "50"], now: Date())
        #expect(daily.code == FreeTierLimit.dailyCode)
        #expect(daily.oneLine.hasPrefix("HTTP 429 free-model daily limit reached (50/day)"))
        #expect(!RetryPolicy().isRetryable(daily))

        let now = Date(timeIntervalSince1970: 1_764_633_600)
        var minute = ReplyFailure(kind: .http, code: "429", status: 429, message: "Rate limit exceeded: free-models-per-min.")
        FreeTierLimit.adjust(&minute, headers: ["x-ratelimit-reset": "1764633607000"], now: now)
        #expect(minute.retryAfter == 7)
        #expect(RetryPolicy().isRetryable(minute))
    }
}
