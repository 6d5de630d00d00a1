import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Free models: a send that would be the 21st in a minute waits, then goes")
struct FreePacingKeysTests {
    static let t0 = Date(timeIntervalSince1970: 1_000_000)

    /// A free model with twenty requests started in the last minute, the oldest 50 s ago.
    private func busy(model: String = "meta/llama:free") -> ReducerHarness {
        let h = ReducerHarness(model: model)
        h.send(.tick(Self.t0))
        h.send(.spendTotalsComputed(SpendTotals(freeRequestsToday: 20,
                                                freeRequestStarts: (0..<20).map { Self.t0.addingTimeInterval(-50 + Double($0)) })))
        h.type("hello")
        return h
    }

    private func starts(_ effects: [Effect]) -> Int {
        effects.filter { if case .startStream = $0 { true } else { false } }.count
    }

    @Test func enterWaitsSayingSoAndSendsWhenTheMinuteAllows() {
        let h = busy()
        let held = h.key(Key(.enter))
        #expect(starts(held) == 0, "not sent yet")
        #expect(h.state.notice?.text == "free models allow 20 requests a minute: sending in 10 s · Esc cancels")
        #expect(h.state.prompt.text == "hello", "the draft stays while it waits")
        #expect(starts(h.send(.tick(Self.t0.addingTimeInterval(6)))) == 0)
        #expect(h.state.notice?.text.contains("sending in 4 s") == true, "the wait counts down")
        let sent = h.send(.tick(Self.t0.addingTimeInterval(10.1)))
        #expect(starts(sent) == 1, "sent by itself when the oldest start leaves the minute")
        #expect(h.state.prompt.text.isEmpty)
        #expect(h.state.freeStarts.last == Self.t0.addingTimeInterval(10.1), "its own start is counted at once")
    }

    @Test func escCancelsTheWaitAndKeepsTheDraft() {
        let h = busy()
        h.key(Key(.enter))
        #expect(h.key(Key(.escape)).isEmpty)
        #expect(h.state.notice?.text == "not sent: the draft is kept")
        #expect(h.state.prompt.text == "hello")
        #expect(starts(h.send(.tick(Self.t0.addingTimeInterval(11)))) == 0, "nothing goes later")
    }

    @Test func aPaidModelNeverWaits() {
        let h = busy(model: "a/one")
        #expect(starts(h.key(Key(.enter))) == 1)
    }

    @Test func nineteenStartsLeaveRoomForOneMore() {
        let h = ReducerHarness(model: "meta/llama:free")
        h.send(.tick(Self.t0))
        h.send(.spendTotalsComputed(SpendTotals(freeRequestStarts: (0..<19).map { Self.t0.addingTimeInterval(-30 + Double($0)) })))
        h.type("hello")
        #expect(starts(h.key(Key(.enter))) == 1)
        h.type("again")
        h.send(.completion(requestID: 1, event: .finished(Reply())))
        #expect(starts(h.key(Key(.enter))) == 0, "this window's own start made it twenty")
    }
}
