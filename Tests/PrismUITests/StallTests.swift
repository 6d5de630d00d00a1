import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A harness whose clock is moved by ticks, as the runtime's 100 ms tick moves it.
private final class ClockHarness: ReducerHarness, @unchecked Sendable {
    init() { super.init(size: Size(width: 140, height: 30)) }

    /// Moves the clock to `seconds` after the start (100 s after the epoch).
    func at(_ seconds: Double) { send(.tick(Date(timeIntervalSince1970: 100 + seconds))) }
    func event(_ e: CompletionEvent, id: Int = 1) { send(.completion(requestID: id, event: e)) }

    /// The bottom line of the screen.
    var statusBar: String { String(screen().split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }
}

@Suite("A stalled stream says so")
struct StallTests {
    @Test func aStreamThatStopsSaysNoDataOnceFiveSecondsPass() {
        let h = ClockHarness()
        h.command("hi")
        h.event(.contentDelta("Hel"))
        h.at(2.9)
        #expect(h.statusBar.contains("streaming 2.9s"))
        h.at(5)
        #expect(h.statusBar.contains("streaming 5.0s"), "five seconds of quiet is still within the limit")
        h.at(12)
        #expect(h.statusBar.contains("no data for 12s"))
        #expect(!h.statusBar.contains("streaming"))
        h.event(.contentDelta("lo"))
        h.at(12.5)
        #expect(h.statusBar.contains("streaming 12.5s"), "text again: the stream is moving")
    }

    @Test func keepAlivesWithoutTextSayNoText() {
        let h = ClockHarness()
        h.command("hi")
        h.event(.contentDelta("Hel"))
        h.at(4); h.event(.keepAlive)
        h.at(8); h.event(.keepAlive)
        h.at(10)
        #expect(h.statusBar.contains("no text for 10s"), "the server is there but the reply is not moving")
        h.at(14)
        #expect(h.statusBar.contains("no data for 6s"), "then the keep-alives stopped too")
    }

    @Test func waitingForTheFirstTokenCountsUpUntilNothingArrives() {
        let h = ClockHarness()
        h.command("hi")
        h.event(.requestSent(attempt: 1))
        h.at(4); h.event(.keepAlive)
        h.at(8)
        #expect(h.statusBar.contains("waiting 8.0s"), "keep-alives before the first token are normal")
        h.at(15)
        #expect(h.statusBar.contains("no data for 11s"))
    }

    @Test func aRetryBackoffIsNotAStall() {
        let h = ClockHarness()
        h.command("hi")
        h.at(1)
        h.event(.retrying(attempt: 1, delay: 10, reason: ReplyFailure(kind: .http, code: "429", message: "rate limited")))
        h.at(9)
        #expect(!h.statusBar.contains("no data"), "silence is expected until the retry is sent")
        h.at(17)
        #expect(h.statusBar.contains("no data for 6s"))
    }

    @Test func aStalledComparePaneSaysSoInItsHeaderWhileTheOtherStreams() {
        let h = ClockHarness()
        h.command("/compare a/one b/two")
        h.command("q")
        h.event(.contentDelta("left"), id: 1)
        h.event(.contentDelta("right"), id: 2)
        h.at(6); h.event(.contentDelta(" more"), id: 2)
        h.at(9)
        let screen = h.screen()
        #expect(screen.contains("no data for 9s"))
        #expect(screen.contains("streaming 9.0s"))
    }
}
