import Foundation
import PrismCore
import PrismTerminal
@testable import PrismUI

/// Drives the reducer as the app does (keys and actions in, effects out), with stable ids
/// ("m1", "m2", …) and a fixed session id. Test files subclass it to set up their state.
class ReducerHarness: @unchecked Sendable {
    var state: AppState
    var counter = 0
    lazy var env = ReducerEnvironment(makeID: { [unowned self] in self.counter += 1; return "m\(self.counter)" },
                                      makeSessionID: { _ in "20261122-000000-abcd" }, maxTokensCap: 1000)

    /// A 120×40 screen on an empty session with `model`, at a fixed time.
    init(model: String? = "a/one", size: Size = Size(width: 120, height: 40)) {
        state = AppState(size: size, session: Session(id: "", createdAt: Date(timeIntervalSince1970: 0), model: model),
                         demo: false, theme: "dark", now: Date(timeIntervalSince1970: 100))
    }

    @discardableResult
    func send(_ action: Action) -> [Effect] { Reducer.reduce(&state, action, env) }
    @discardableResult
    func key(_ k: Key) -> [Effect] { send(.input(.key(k))) }
    func type(_ text: String) { for c in text { key(.char(c)) } }

    /// Types a prompt line and presses Enter.
    @discardableResult
    func command(_ text: String) -> [Effect] {
        type(text)
        return key(Key(.enter))
    }

    /// The screen as the renderer draws the current state (the state itself is left as it was).
    func screen() -> String {
        var s = state
        return AppRenderer().render(&s, theme: UIFixtures.theme()).text()
    }

    /// Finishes request `requestID` with `text` (and a cost, or a failure).
    func finish(_ requestID: Int, _ text: String, cost: String? = nil, failure: ReplyFailure? = nil) {
        var reply = Reply()
        reply.content = text
        reply.finishReason = failure == nil ? "stop" : nil
        reply.failure = failure
        if let cost { reply.usage = TokenUsage(promptTokens: 3, completionTokens: 2, cost: Decimal(string: cost)) }
        send(.completion(requestID: requestID, event: .finished(reply)))
    }
}
