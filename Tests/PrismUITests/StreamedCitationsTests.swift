import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Web sources that arrive mid-reply go on the message at once, so a reply stopped before its
/// end (Esc, a signal) keeps them, and a tool turn's later round does not drop an earlier one's.
@Suite("Reducer: sources as they stream")
struct StreamedCitationsTests {
    let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-abcd" })
    static let a = Citation(url: "https://a.example/", title: "A")
    static let b = Citation(url: "https://b.example/", title: "B")

    func saved(_ effects: [Effect]) -> Session? {
        effects.compactMap { if case .saveSession(let s) = $0 { s } else { nil } }.last
    }

    @Test func escAfterSourcesArrivedKeepsThemOnTheCancelledReply() {
        var state = UIFixtures.state(Size(width: 100, height: 30), streaming: true)
        _ = Reducer.reduce(&state, .completion(requestID: 1, event: .citations([Self.a])), env)
        #expect(state.session.message("a2")?.citations == [Self.a])
        let effects = Reducer.reduce(&state, .input(.key(Key(.escape))), env)
        let reply = saved(effects)?.message("a2")
        #expect(reply?.status == .cancelled)
        #expect(reply?.citations == [Self.a])
    }

    @Test func theFinishedReplyAddsItsSourcesToThoseAlreadyKept() {
        var state = UIFixtures.state(Size(width: 100, height: 30), streaming: true)
        _ = Reducer.reduce(&state, .completion(requestID: 1, event: .citations([Self.a])), env)
        var reply = Reply()
        reply.content = "done"
        reply.finishReason = "stop"
        reply.citations = [Self.b]  // e.g. a later tool round, which cites only its own
        _ = Reducer.reduce(&state, .completion(requestID: 1, event: .finished(reply)), env)
        #expect(state.session.message("a2")?.citations == [Self.a, Self.b])
    }
}
