import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Finishes request `id` with `tokens` completion tokens generated over `seconds` after a 300 ms first token.
private func finish(_ h: ReducerHarness, _ id: Int, tokens: Int, seconds: Double, rate: Double) {
    var reply = Reply()
    reply.content = "answer \(id)"
    reply.finishReason = "stop"
    reply.usage = TokenUsage(promptTokens: 10, completionTokens: tokens, cost: Decimal(string: "0.0001"))
    reply.timings = ReplyTimings(ttftMs: 300, totalMs: 300 + seconds * 1000, tokensPerSecond: rate)
    h.send(.completion(requestID: id, event: .finished(reply)))
}

@Suite("Token rates on screen: a dash for tiny or instant replies")
struct RateDisplayTests {
    @Test func theStatusBarShowsADashForATinyReplyAndTheRateForANormalOne() {
        let h = ReducerHarness(size: Size(width: 160, height: 30))
        h.command("hi")
        finish(h, 1, tokens: 3, seconds: 0.0002, rate: 13_654)
        var screen = h.screen()
        #expect(screen.contains("– tok/s"))
        #expect(!screen.contains("13654"))
        h.command("tell me more")
        finish(h, 2, tokens: 400, seconds: 4, rate: 100)
        screen = h.screen()
        #expect(screen.contains("100 tok/s"))
        #expect(!screen.contains("– tok/s"))
    }

    @Test func aBurstOfManyTokensAtOnceIsNotARateEither() {
        let h = ReducerHarness(size: Size(width: 160, height: 30))
        h.command("hi")
        finish(h, 1, tokens: 900, seconds: 0.008, rate: 114_081)
        #expect(h.screen().contains("– tok/s"))
        #expect(!h.screen().contains("114081"))
    }

    @Test func comparePaneHeadersUseTheSameRule() {
        let h = ReducerHarness(size: Size(width: 160, height: 40))
        h.command("/compare a/one b/two")
        h.command("q")
        finish(h, 1, tokens: 2, seconds: 0.001, rate: 2000)
        finish(h, 2, tokens: 120, seconds: 2, rate: 60)
        let screen = h.screen()
        #expect(screen.contains("– tok/s"))
        #expect(screen.contains("60 tok/s"))
        #expect(!screen.contains("2000 tok/s"))
    }
}
