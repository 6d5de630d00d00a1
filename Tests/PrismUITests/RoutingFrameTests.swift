import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Routing on screen: the status bar's badge for the focused model's routing, and "served by"
/// under a reply's header (transcript and compare panes); and routing in what Enter sends.
@Suite("Routing on screen and in requests")
struct RoutingFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)
    static let pinned = ProviderPreferences(order: ["anthropic", "google-vertex"], allowFallbacks: false, sort: "throughput",
                                            maxPrice: MaxPrice(prompt: 1, completion: 4))

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    private func statusRow(_ state: AppState) -> String {
        var s = state
        return AppRenderer().render(&s, theme: UIFixtures.theme()).text().split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func statusBarBadge(size: Size) {
        var state = UIFixtures.state(size)
        state.routing.saved = ["anthropic/claude-sonnet-4.5": Self.pinned]
        check(state, "routing-badge-\(size)")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func theBadgeNeverPushesOutACostOrCreditFigure(size: Size) {
        var state = UIFixtures.state(size)
        let without = statusRow(state)
        state.routing.saved = ["anthropic/claude-sonnet-4.5": Self.pinned]
        let with = statusRow(state)
        for figure in ["$0.008517", "session $0.008517", "today $0.0412", "key: $7.42 left"] where without.contains(figure) {
            #expect(with.contains(figure), "\(figure) pushed out: \(with)")
        }
        #expect(with.contains("⇄+4"), "shortened to its count: \(with)")
        #expect(!statusRow(UIFixtures.state(size)).contains("⇄"), "no routing set: no badge")
    }

    @Test func withRoomTheBadgeIsShownInFull() {
        var state = UIFixtures.state(Size(width: 200, height: 40))
        state.routing.saved = ["anthropic/claude-sonnet-4.5": Self.pinned]
        #expect(statusRow(state).contains("⇄ throughput · 2 pinned · no fallbacks · ≤$1/$4"), "\(statusRow(state))")
    }

    @Test func aSavedChoiceLoadedAtRunTimeShowsAndIsSentOnEnter() throws {
        let h = ReducerHarness(model: "a/one")
        h.state.session.settings.provider = ProviderPreferences(dataCollection: "deny", sort: "price")
        h.send(.routingLoaded(["a/one": ProviderPreferences(order: ["p1"], sort: "latency")]))
        #expect(h.screen().contains("⇄ latency · 1 pinned"))
        h.type("hello")
        let effects = h.key(Key(.enter))
        let request = try #require(effects.compactMap { if case .startStream(_, let r, _) = $0 { r } else { nil } }.first)
        #expect(request.settings.provider == ProviderPreferences(order: ["p1"], dataCollection: "deny", sort: "latency"))
        let reply = try #require(h.state.session.messages.last)
        #expect(reply.sentRoute == SentRoute(order: ["p1"]), "kept with the reply for the served-by line")
    }

    static func fallbackSession() -> Session {
        var s = UIFixtures.session()
        var reply = s.messages[1]
        reply.modelServed = "openai/gpt-5-mini"
        reply.provider = "OpenAI"
        reply.sentRoute = SentRoute(models: ["anthropic/claude-sonnet-4.5", "openai/gpt-5-mini"])
        s.update(reply, at: UIFixtures.epoch)
        return s
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func servedByFallbackUnderTheHeader(size: Size) {
        var state = UIFixtures.state(size)
        state.session = Self.fallbackSession()
        check(state, "served-by-\(size)")
    }

    @Test func providerNamesInTheServedByLineAreSanitized() {
        let h = ReducerHarness(model: "a/one")
        var m = Message(id: "r", parentID: nil, role: .assistant, content: "ok", createdAt: UIFixtures.epoch)
        m.modelRequested = "a/one"
        m.modelServed = "a/one"
        m.provider = "Evil\u{1B}[2J"
        m.sentRoute = SentRoute(order: ["good"])
        m.status = .complete
        h.state.session.append(m)
        let screen = h.screen()
        #expect(screen.contains("↪ served by provider Evil"), "\(screen)")
        #expect(!screen.contains("\u{1B}"))
    }

    @Test func comparePaneHeadersSayWhoServed() {
        var state = CompareFixtures.state(Size(width: 120, height: 30), panes: 2)
        let id = state.session.messages.last { $0.role == .assistant && $0.modelRequested == CompareFixtures.models[1] }!.id
        var reply = state.session.message(id)!
        reply.modelServed = "qwen/qwen3-coder"
        reply.sentRoute = SentRoute(models: [CompareFixtures.models[1], "qwen/qwen3-coder"])
        state.session.update(reply, at: UIFixtures.epoch)
        let screen = AppRenderer().render(&state, theme: UIFixtures.theme()).text()
        let figures = screen.split(separator: "\n")[1]
        #expect(figures.contains("↪ served by fallback qwen/qwen3-coder"), "\(figures)")
    }
}
