import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Routing at the key level: the picker's route row makes the session routed, Enter asks for
/// a decision (the prompt stays until it comes), the decision starts the lane with the chosen
/// model and the reply keeps it; Alt-W opens the breakdown and Esc closes it.
@Suite("Route keys")
struct RouteKeysTests {
    static let candidates = ["openai/gpt-5-mini", "qwen/qwen3-coder"]

    /// The fixture chat with two favourites, no draft.
    static func harness(_ size: Size = Size(width: 120, height: 40), favourites: [String] = candidates) -> ReducerHarness {
        let h = ReducerHarness(size: size)
        h.state = UIFixtures.state(size)
        h.state.prompt.clear()
        h.state.picker.favourites = Set(favourites)
        return h
    }

    /// Opens the picker and chooses its first row, the route row.
    static func chooseRoute(_ h: ReducerHarness) -> [Effect] {
        h.key(.ctrl("p"))
        for _ in 0..<10 { h.key(Key(.up)) }
        #expect(h.state.pickerSelectedRow == .route)
        return h.key(Key(.enter))
    }

    static func ask(_ effects: [Effect]) -> (id: Int, ask: RouteAsk)? {
        for effect in effects { if case .decideRoute(let id, let ask) = effect { return (id, ask) } }
        return nil
    }

    static func started(_ effects: [Effect]) -> [ChatRequest] {
        effects.compactMap { if case .startStream(_, let request, _) = $0 { return request } else { return nil } }
    }

    /// A routed session with one reply sent to the decision's choice.
    static func routedReply(_ size: Size = Size(width: 120, height: 40)) -> ReducerHarness {
        let h = harness(size)
        _ = chooseRoute(h)
        let asked = ask(h.command("fix this swift function: func f() { return 1 }"))!
        h.send(.routeDecided(id: asked.id, decision: RouteEvidence().decide(asked.ask)))
        h.finish(h.state.nextRequestID, "Here is the fix.", cost: "0.0004")
        return h
    }

    @Test func theRouteRowMakesTheSessionRoutedAndAModelTurnsItOff() {
        let h = Self.harness()
        let effects = Self.chooseRoute(h)
        #expect(h.state.session.routed && h.state.isRouted)
        #expect(h.state.focus == .prompt)
        #expect(effects == [.saveSession(h.state.session)], "the session has messages: saved at once")
        #expect(h.state.notice?.text == "route: each prompt goes to the best of 2 candidates (Alt-W says why)")
        h.state.notice = nil
        #expect(h.screen().contains(" route (last: anthropic/claude-sonnet-4.5)"))
        h.key(.ctrl("p"))
        #expect(h.state.picker.selection == 0, "a routed session opens the picker on the route row")
        h.key(Key(.down))
        h.key(Key(.enter))
        #expect(!h.state.session.routed, "choosing a model turns routing off")
    }

    @Test func enterDecidesFirstThenSendsToTheChoiceWithTheDecisionOnTheReply() throws {
        let h = Self.harness()
        _ = Self.chooseRoute(h)
        let effects = h.command("fix this swift function: func f() { return 1 }")
        let asked = try #require(Self.ask(effects))
        #expect(effects.count == 1, "nothing is sent before the decision")
        #expect(asked.ask.candidates.map(\.model) == Self.candidates)
        #expect(asked.ask.request.tag == .code)
        #expect(h.state.prompt.text.hasPrefix("fix this"), "the prompt stays until the decision comes")
        #expect(Self.ask(h.key(Key(.enter))) == nil, "a second Enter waits for the first decision")

        let decision = RouteEvidence().decide(asked.ask)
        let choice = try #require(decision.choice?.model)
        let sent = h.send(.routeDecided(id: asked.id, decision: decision))
        #expect(Self.started(sent).map(\.model) == [choice])
        #expect(h.state.session.model == choice)
        #expect(h.state.prompt.isEmpty)
        let reply = try #require(h.state.session.lastReply(inLane: 0))
        #expect(reply.routeDecision == RouteNote(decision))
        #expect(h.state.session.routed, "still routed for the next prompt")
        h.key(.ctrl("n"))
        #expect(h.state.session.messages.isEmpty && h.state.session.routed, "a new session keeps routing")
        #expect(h.send(.routeDecided(id: asked.id, decision: decision)).isEmpty, "a late duplicate does nothing")
    }

    @Test func noCandidatesOrNoFitSendsNothingAndKeepsThePrompt() throws {
        let h = Self.harness(favourites: ["openai/gpt-5-mini"])
        h.key(.ctrl("p"))
        for _ in 0..<10 { h.key(Key(.up)) }
        #expect(h.state.pickerSelectedRow != .route, "one candidate is no choice: no route row")
        h.key(Key(.escape))
        h.state.picker.favourites = []
        h.command("/route")
        #expect(h.state.session.routed)
        #expect(h.state.notice?.kind == .error)
        #expect(h.state.notice?.text == RouteCandidateList.noneMessage)
        let none = h.command("hello")
        #expect(none.isEmpty)
        #expect(h.state.notice?.text == "not sent: " + RouteCandidateList.noneMessage)
        #expect(h.state.prompt.text == "hello")

        let fit = Self.harness()
        _ = Self.chooseRoute(fit)
        fit.state.pendingAttachments = [Attachment(kind: .image, source: "cat.png", mimeType: "image/png")]
        let asked = try #require(Self.ask(fit.command("what is this")))
        #expect(asked.ask.request.hasImages)
        #expect(fit.send(.routeDecided(id: asked.id, decision: RouteEvidence().decide(asked.ask))).isEmpty)
        #expect(fit.state.notice?.text.contains("no candidate fits: openai/gpt-5-mini takes no images; qwen/qwen3-coder takes no images") == true)
        #expect(fit.state.prompt.text == "what is this")
    }

    @Test func altWOpensTheBreakdownAndEscClosesIt() throws {
        let h = Self.routedReply()
        h.key(.alt("w"))
        #expect(h.state.focus == .routeWhy)
        let why = try #require(h.state.route.why)
        #expect(why.note.explanation.first?.hasPrefix("tag: code") == true)
        h.key(Key(.down))
        #expect(h.state.route.why?.scroll == 1)
        h.key(Key(.escape))
        #expect(h.state.focus == .prompt && h.state.route.why == nil)

        let plain = Self.harness()
        plain.key(.alt("w"))
        #expect(plain.state.focus == .prompt)
        #expect(plain.state.notice?.text == "no routed reply here: the picker's route row (Ctrl-P) or /route routes prompts")
    }

    @Test func slashRouteTogglesExplainsAndIsRefusedInCompare() {
        let h = Self.harness()
        h.command("/route")
        #expect(h.state.session.routed)
        h.command("/route off")
        #expect(!h.state.session.routed)
        #expect(h.state.notice?.text == "route off: prompts go to anthropic/claude-sonnet-4.5")
        let r = Self.routedReply()
        r.command("/route explain")
        #expect(r.state.focus == .routeWhy)

        let c = ReducerHarness()
        c.state = CompareFixtures.state(Size(width: 120, height: 40), panes: 2, focused: 0)
        c.state.prompt.clear()
        c.command("/route on")
        #expect(!c.state.session.routed)
        #expect(c.state.notice?.text == "routing does not apply in compare mode: each pane asks its own model")
    }

    @Test func pickingAComparePaneTurnsRoutingOff() throws {
        let h = ReducerHarness()
        h.state = CompareFixtures.state(Size(width: 120, height: 40), panes: 2, focused: 1)
        h.state.prompt.clear()
        h.state.session.routed = true  // routed before compare began
        #expect(!h.state.isRouted, "compare is never routed")
        h.key(.alt("p"))
        #expect(!h.state.isComparing && !h.state.session.routed && !h.state.isRouted)
        let model = try #require(h.state.session.model)
        #expect(h.state.notice?.text.contains("continuing with \(model) alone (route off)") == true)
    }

    @Test func aSendTheBudgetHoldsKeepsItsDecisionWhenLetThrough() throws {
        let h = Self.harness()
        h.state.budget.confirmAbove = Decimal(string: "0.0000001")
        _ = Self.chooseRoute(h)
        let asked = try #require(Self.ask(h.command("fix this swift function: func f() { return 1 }")))
        let decision = RouteEvidence().decide(asked.ask)
        #expect(Self.started(h.send(.routeDecided(id: asked.id, decision: decision))).isEmpty)
        #expect(h.state.budgetHold != nil, "held for confirmation, nothing sent")
        let sent = h.key(.char("y"))
        #expect(Self.ask(sent) == nil, "letting it through does not route again")
        #expect(Self.started(sent).map(\.model) == [decision.choice?.model])
        #expect(h.state.session.lastReply(inLane: 0)?.routeDecision == RouteNote(decision))
    }

    @Test func demoModeRoutesAmongTheDemoModels() throws {
        let h = Self.harness(favourites: [])
        h.state.demo = true
        #expect(h.state.routeCandidates == DemoModel.all.map(\.id))
        _ = Self.chooseRoute(h)
        let asked = try #require(Self.ask(h.command("hello")))
        #expect(asked.ask.candidates.map(\.model) == DemoModel.all.map(\.id))
    }
}
