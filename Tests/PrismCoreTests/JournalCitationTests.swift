import Foundation
import Testing
@testable import PrismCore

/// What a reply journal keeps beyond text: web sources and the usage report, recovered onto
/// the message after a kill, and journals written before those lines existed still read.
@Suite struct JournalCitationTests {
    static let sources = [
        Citation(url: "https://www.met.no/en/weather/oslo", title: "Oslo – MET", content: "3 cm", startIndex: 0, endIndex: 10),
        Citation(url: "https://example.org/forecast", title: "Forecast\u{1B}]8;;https://evil.example\u{07}x"),
    ]

    @Test func sourcesAndUsageLinesRoundTrip() throws {
        for record in [JournalRecord.citations(Self.sources), .usage(TokenUsage(promptTokens: 2000, cachedTokens: 1800, cost: Decimal(string: "0.0011")))] {
            let data = try record.line()
            #expect(data.last == 0x0A)
            #expect(JournalRecord.parse(data.dropLast()) == record)
        }
        #expect(JournalRecord.parse(Data(#"{"w":[{"url":"https://a.example/"#.utf8)) == nil, "a torn line is skipped")
        #expect(JournalRecord.parse(Data(#"{"w":[{"url":""},{"url":"https://a.example/"}]}"#.utf8)) == .citations([Citation(url: "https://a.example/")]))
    }

    @Test func theAccumulatorSaysEachNewSourceListOnce() {
        var a = ReplyAccumulator()
        func cite(_ url: String) -> String { #"{"type":"url_citation","url_citation":{"url":""# + url + #""}}"# }
        func chunk(_ items: String) -> String { #"{"choices":[{"index":0,"delta":{"content":"x","annotations":["# + items + #"]}}]}"# }
        let first = a.consume(data: chunk(cite("https://a.example/")))
        #expect(first.contains(.citations([Citation(url: "https://a.example/")])))
        let repeated = a.consume(data: chunk(cite("https://a.example/")))
        #expect(!repeated.contains { if case .citations = $0 { true } else { false } }, "nothing new, no event")
        let more = a.consume(data: chunk(cite("https://a.example/") + "," + cite("https://b.example/")))
        #expect(more.contains(.citations([Citation(url: "https://a.example/"), Citation(url: "https://b.example/")])))
    }

    @Test func sourcesAndUsageStreamedBeforeAKillAreRecovered() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            try sandbox.store().save(session)
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("Oslo had snow [1]"))
            journal.record(.citations([Self.sources[0]]))
            journal.record(.contentDelta(" and more is due [2]."))
            journal.record(.citations(Self.sources))
            let usage = TokenUsage(promptTokens: 2000, completionTokens: 9, cachedTokens: 1800, cost: Decimal(string: "0.0011"))
            journal.record(.usage(usage))
            journal.close()  // killed before the end line

            let reply = try #require(try sandbox.store().load(id: session.id).message("r1"))
            #expect(reply.content == "Oslo had snow [1] and more is due [2].")
            #expect(reply.citations == Self.sources, "kept raw; front ends clean titles where they draw them")
            #expect(reply.usage == usage)
            #expect(reply.status == .failed && reply.failure?.message == Session.interruptedMessage)
        }
    }

    @Test func aJournalWrittenBeforeSourcesWereJournaledStillRecovers() throws {
        try withSessionSandbox { sandbox in
            let session = sessionAwaitingReply()
            try sandbox.store().save(session)
            let store = sandbox.store()
            let path = store.journals.path(sessionID: session.id, replyID: "r1")
            try FileManager.default.createDirectory(atPath: store.journals.folder(for: session.id), withIntermediateDirectories: true)
            // Exactly the lines a version-1 writer left: header, metadata, text, reasoning; no end.
            var file = try JournalRecord.header(session: journalSkeleton(session, replyID: "r1"), replyID: "r1").line()
            file.append(Data(#"{"m":{"model":"openai/gpt-4o","provider":"OpenAI","generation_id":"gen-7"}}"#.utf8 + [0x0A]))
            file.append(Data(#"{"r":"hmm"}"#.utf8 + [0x0A]))
            file.append(Data(#"{"c":"Old "}"#.utf8 + [0x0A]))
            file.append(Data(#"{"c":"journal."}"#.utf8 + [0x0A]))
            try file.write(to: URL(fileURLWithPath: path))

            let reply = try #require(try sandbox.store().load(id: session.id).message("r1"))
            #expect(reply.content == "Old journal.")
            #expect(reply.reasoning == "hmm")
            #expect(reply.provider == "OpenAI" && reply.generationID == "gen-7")
            #expect(reply.citations == nil && reply.usage == nil)
            #expect(reply.status == .failed)
        }
    }

    @Test func aKillDuringALaterToolRoundKeepsEarlierRoundsTheirSourcesAndTheNewText() throws {
        try withSessionSandbox { sandbox in
            // The file as the chat screen saved it when round 1 ended: the round, its sources, streaming on.
            var session = sessionAwaitingReply()
            let roundUsage = TokenUsage(promptTokens: 900, completionTokens: 20, cachedTokens: 800, cost: Decimal(string: "0.0004"))
            let call = ToolCall(index: 0, id: "call_1", type: "function", name: "time__now", arguments: "{}")
            session.messages[1].toolRounds = [ToolRound(content: "Checking [1].", steps: [ToolStep(call: call, server: "time", tool: "now",
                                                                                               output: ToolOutput(text: "09:00"))],
                                                        usage: roundUsage, modelServed: "openai/gpt-4o")]
            session.messages[1].citations = [Self.sources[0]]
            try sandbox.store().save(session)
            // Round 2 streams into a fresh journal, which cites a second source, then the process dies.
            let journal = try #require(sandbox.store().openJournal(session: journalSkeleton(session, replyID: "r1"), replyID: "r1"))
            journal.record(.contentDelta("It is 09:00 [2]"))
            journal.record(.citations([Self.sources[1]]))
            journal.close()

            let reply = try #require(try sandbox.store().load(id: session.id).message("r1"))
            #expect(reply.toolRounds?.count == 1)
            #expect(reply.toolRounds?.first?.steps.first?.output?.text == "09:00")
            #expect(reply.toolRounds?.first?.usage == roundUsage)
            #expect(reply.content == "It is 09:00 [2]")
            #expect(reply.citations == Self.sources, "round 1's source stays, round 2's is added")
            #expect(reply.status == .failed)
        }
    }
}
