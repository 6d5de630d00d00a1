import Foundation
import PrismStub
import Testing
@testable import PrismCore

@Suite("Token rates only when measurable")
struct ReplyRateTests {
    @Test func theThresholdsDecide() {
        #expect(ReplyTimings.rate(tokens: 3, overSeconds: 0.0002) == nil, "3 tokens in 0.2 ms is not 13,654 tok/s")
        #expect(ReplyTimings.rate(tokens: 400, overSeconds: 0.01) == nil, "a reply that arrived in one burst")
        #expect(ReplyTimings.rate(tokens: 19, overSeconds: 10) == nil)
        #expect(ReplyTimings.rate(tokens: nil, overSeconds: 10) == nil)
        #expect(ReplyTimings.rate(tokens: 20, overSeconds: 0.5) == 40)
        #expect(ReplyTimings.rate(tokens: 300, overSeconds: 2) == 150)
    }

    @Test func aRateStoredByAnOlderPrismIsCheckedAgain() {
        let instant = ReplyTimings(ttftMs: 300, totalMs: 300.2, tokensPerSecond: 13_654)
        #expect(instant.measuredRate(completionTokens: 3) == nil)
        #expect(Formatting.rate(instant, completionTokens: 3) == "– tok/s")
        let normal = ReplyTimings(ttftMs: 300, totalMs: 2300, tokensPerSecond: 100)
        #expect(normal.measuredRate(completionTokens: 200) == 100)
        #expect(Formatting.rate(normal, completionTokens: 200) == "100 tok/s")
        #expect(Formatting.rate(ReplyTimings(totalMs: 50), completionTokens: nil) == nil, "no text, no rate at all")
    }

    @Test func theCommandLineSummaryShowsADashForATinyReply() {
        var reply = Reply()
        reply.usage = TokenUsage(promptTokens: 5, completionTokens: 2, cost: Decimal(string: "0.00001"))
        reply.timings = ReplyTimings(ttftMs: 120, totalMs: 120.1, tokensPerSecond: 114_081)
        let line = Formatting.replySummary(reply)
        #expect(line.hasSuffix("– tok/s"))
        #expect(!line.contains("114081"))
    }

    @Test func theClientStoresNoRateForATinyReplyAndOneForANormalOne() async throws {
        let h = try StubHarness(transport: .curl)
        defer { h.server.stop() }
        h.server.enqueue(.stream(StubReply(content: ["Hi", "!"])))
        let (tiny, _) = await h.run(h.request())
        #expect(tiny.failure == nil && tiny.timings.ttftMs != nil)
        #expect(tiny.timings.tokensPerSecond == nil)
        h.server.enqueue(.stream(StubReply(content: Array(repeating: "word ", count: 30), interChunkDelay: 0.025)))
        let (normal, _) = await h.run(h.request())
        let rate = try #require(normal.timings.tokensPerSecond)
        #expect(rate > 5 && rate < 60, "30 tokens over about 0.75 s")
    }
}
