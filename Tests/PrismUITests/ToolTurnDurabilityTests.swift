import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A tool turn after a restart: the journal of each round carries the rounds so far, and a
/// resumed session draws them.
@Suite("Tool turn durability")
struct ToolTurnDurabilityTests {
    @Test func theNextRoundsJournalCarriesTheRoundsAndAResumedSessionShowsThem() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", #"{"tz":"UTC"}"#)], text: "Checking.")
        h.key(.char("y"))
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "09:00 UTC"), seconds: 0.4))
        let journal = next.compactMap { if case .startStream(_, _, let target) = $0 { target } else { nil } }.first
        let replyID = try #require(h.reply?.id)
        #expect(journal?.session.message(replyID)?.toolRounds?.first?.steps.first?.output?.text == "09:00 UTC")
        let saved = next.compactMap { if case .saveSession(let s) = $0 { s } else { nil } }.last
        var session = try #require(saved)
        session = try SessionCodec.decode(SessionCodec.encode(session))
        let fresh = ToolHarness()
        fresh.send(.sessionLoaded(session))
        let screen = fresh.screen()
        #expect(screen.contains("Checking."))
        #expect(screen.contains("⚙ time/now {\"tz\":\"UTC\"}  ✓ 0.4 s"))
        #expect(screen.contains("↳ 09:00 UTC"))
    }
}
