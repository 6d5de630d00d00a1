import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The status bar's session-wide cache figures: a session whose replies came from two models,
/// the newest a tool turn, as whole frames (golden files) at 80×24 and 120×40.
@Suite("Session cache savings on screen")
struct SessionCacheFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    static func state(_ size: Size) -> AppState {
        var state = UIFixtures.state(size)
        state.catalog[0].pricing.inputCacheRead = Decimal(string: "0.0000003")    // claude-sonnet-4.5: saves 0.0000027 a token
        state.catalog[1].pricing.inputCacheRead = Decimal(string: "0.000000025")  // gpt-5-mini: saves 0.000000225 a token
        state.session.messages[1].usage?.cachedTokens = 1100
        state.session.append(Message(id: "u2", parentID: "a1", role: .user, content: "And the time there?", createdAt: UIFixtures.epoch.addingTimeInterval(20)))
        var turn = Message(id: "a2", parentID: "u2", role: .assistant, content: "It is 09:00 in Tokyo.", createdAt: UIFixtures.epoch.addingTimeInterval(21))
        turn.modelRequested = "openai/gpt-5-mini"
        turn.modelServed = "openai/gpt-5-mini"
        turn.provider = "OpenAI"
        let call = ToolCall(index: 0, id: "call_1", type: "function", name: "time__now", arguments: #"{"tz":"Asia/Tokyo"}"#)
        turn.toolRounds = [ToolRound(steps: [ToolStep(call: call, server: "time", tool: "now", output: ToolOutput(text: "09:00"), duration: 0.2)],
                                     usage: TokenUsage(promptTokens: 3200, completionTokens: 12, cachedTokens: 3000, cost: Decimal(string: "0.0002")),
                                     modelServed: "openai/gpt-5-mini", provider: "OpenAI")]
        turn.usage = TokenUsage(promptTokens: 4300, completionTokens: 9, cachedTokens: 4000, cost: Decimal(string: "0.0003"))
        turn.status = .complete
        state.session.append(turn)
        state.prompt.set("")
        return state
    }

    @Test("two models and a tool turn", arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func twoModelsAndAToolTurn(size: Size) {
        var s = Self.state(size)
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: "session-cache-\(size)") { Issue.record(Comment(rawValue: problem)) }
        let bar = frame.text().split(separator: "\n").last.map(String.init) ?? ""
        // 1100 + 3000 + 4000 tokens; 1100 × 0.0000027 + 7000 × 0.000000225 = 0.004545.
        if size.width >= 120 { #expect(bar.contains("Σ cache 8.1k ≈$0.004545"), "\(bar)") }
        #expect(!bar.contains("cache 8.1k") || bar.contains("≈$0.004545"), "a session figure always carries its ≈ saving")
    }

    @Test func aWideBarSaysItInFullBesideTheNewestReplysFigures() {
        var s = Self.state(Size(width: 220, height: 30))
        let bar = AppRenderer().render(&s, theme: UIFixtures.theme()).text().split(separator: "\n").last.map(String.init) ?? ""
        // The newest reply is a tool turn: both its rounds, 7000 × 0.000000225.
        #expect(bar.contains("cache 7k │ saved ≈$0.001575"), "\(bar)")
        #expect(bar.contains("cache 8.1k tok ≈$0.004545 saved this session"), "\(bar)")
    }

    @Test func aSessionWhoseOnlyCachedReplyIsTheNewestDoesNotRepeatIt() {
        var s = UIFixtures.state(Size(width: 220, height: 30))
        s.catalog[0].pricing.inputCacheRead = Decimal(string: "0.0000003")
        s.session.messages[1].usage?.cachedTokens = 1100
        let bar = AppRenderer().render(&s, theme: UIFixtures.theme()).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("cache 1.1k"))
        #expect(!bar.contains("this session") && !bar.contains("Σ"), "\(bar)")
    }

    @Test func aNewerCatalogPricesTheSessionAgain() {
        let renderer = AppRenderer()
        var s = Self.state(Size(width: 220, height: 30))
        _ = renderer.render(&s, theme: UIFixtures.theme())
        s.catalog[1].pricing.inputCacheRead = nil  // gpt-5-mini's cache price is gone
        s.catalogFetchedAt = UIFixtures.epoch.addingTimeInterval(60)
        let bar = renderer.render(&s, theme: UIFixtures.theme()).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("cache 8.1k tok ≈$0.00297 saved this session"), "\(bar)")
    }
}
