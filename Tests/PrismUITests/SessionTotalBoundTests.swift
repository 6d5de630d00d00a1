import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The status bar's session total is true: a reply that produced output but has no cost
/// (the server sent none, or its lookup is still out) makes it a lower bound, shown `≥`;
/// a reply still streaming or one that failed before any output does not.
@Suite struct SessionTotalBoundTests {
    static func reply(_ id: String, cost: String?, status: Message.Status = .complete, content: String = "hi") -> Message {
        var m = Message(id: id, parentID: nil, role: .assistant, content: content, createdAt: Date(timeIntervalSince1970: 0))
        m.status = status
        m.usage = cost.map { TokenUsage(promptTokens: 5, completionTokens: 5, cost: Decimal(string: $0)) }
        return m
    }

    static func totals(_ messages: [Message]) -> CostTally.Totals {
        var session = Session(id: "s", createdAt: Date(timeIntervalSince1970: 0), model: "a/one")
        for m in messages { session.append(m) }
        var tally = CostTally()
        return tally.totals(of: session, catalogStamp: nil) { _ in nil }
    }

    @Test func repliesWithoutACostMakeTheTotalALowerBound() {
        let exact = Self.totals([Self.reply("a", cost: "0.002"), Self.reply("b", cost: "0.001")])
        #expect(exact.cost == Decimal(string: "0.003") && exact.unknown == 0)
        let bound = Self.totals([Self.reply("a", cost: "0.002"), Self.reply("b", cost: nil),
                                 Self.reply("c", cost: nil, status: .cancelled, content: "partial")])
        #expect(bound.cost == Decimal(string: "0.002") && bound.unknown == 2)
        let notBilled = Self.totals([Self.reply("a", cost: "0.002"), Self.reply("b", cost: nil, status: .streaming),
                                     Self.reply("c", cost: nil, status: .failed, content: "")])
        #expect(notBilled.unknown == 0, "in flight, or failed before any output")
    }

    @Test func theStatusBarSaysAtLeast() {
        let h = ReducerHarness()
        h.state = UIFixtures.state(Size(width: 120, height: 40))
        let total = Self.totals(h.state.session.messages)
        #expect(total.unknown == 0)
        var answered = Self.reply("r2", cost: "0.001")
        answered.parentID = h.state.session.currentLeafID
        h.state.session.append(answered)
        #expect(h.screen().contains("session $"))
        var unpriced = Self.reply("r3", cost: nil)
        unpriced.parentID = "r2"
        h.state.session.append(unpriced)
        #expect(h.screen().contains("session ≥$"))
    }
}
