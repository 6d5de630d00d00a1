import Foundation
import Testing
@testable import PrismCore

/// A tool turn on disk and on paper: usage summed over rounds, the session file round
/// trip, a crash between rounds, the Markdown export and `[tools]` in config.toml.
@Suite struct ToolRoundLoopTests {
    func session() -> Session {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "a/one")
        s.tools = SessionTools(disabledTools: ["time/zone"], alwaysTools: ["time/now"])
        s.append(Message(id: "u1", parentID: nil, role: .user, content: "time in Oslo?", createdAt: sessionTestDate(1)))
        var reply = Message(id: "a1", parentID: "u1", role: .assistant, content: "It is 10:00 in Oslo.", createdAt: sessionTestDate(2))
        reply.status = .complete
        reply.usage = TokenUsage(promptTokens: 30, completionTokens: 8, cost: Decimal(string: "0.002"))
        reply.toolRounds = [ToolRound(content: "Let me check.", steps: [
            ToolStep(call: ToolCall(index: 0, id: "c1", type: "function", name: "time__now", arguments: #"{"tz":"Europe/Oslo"}"#),
                     server: "time", tool: "now", approval: .once, output: ToolOutput(text: "10:00 ```x```"), duration: 0.3),
            ToolStep(call: ToolCall(index: 1, id: "c2", type: "function", name: "files__read", arguments: "{}"),
                     server: "files", tool: "read", approval: .denied),
        ], usage: TokenUsage(promptTokens: 20, completionTokens: 4, cost: Decimal(string: "0.001")))]
        s.append(reply)
        return s
    }

    @Test func turnUsageAddsEveryRound() {
        let usage = session().message("a1")?.turnUsage
        #expect(usage?.cost == Decimal(string: "0.003"))
        #expect(usage?.promptTokens == 50 && usage?.completionTokens == 12)
        #expect(session().totalCost.cost == Decimal(string: "0.003"))
        var plain = Message(id: "x", parentID: nil, role: .assistant, content: "", createdAt: sessionTestDate())
        plain.usage = TokenUsage(cost: 1)
        #expect(plain.turnUsage == plain.usage)
    }

    @Test func theSessionFileKeepsRoundsAndToolChoices() throws {
        let original = session()
        let back = try SessionCodec.decode(SessionCodec.encode(original))
        #expect(back.tools == original.tools)
        #expect(back.message("a1")?.toolRounds == original.message("a1")?.toolRounds)
    }

    @Test func aJournalEndedBeforeTheRoundWasSavedDoesNotUndoIt() {
        // The file holds the turn after round 1 (status streaming); the journal of round 1
        // ended with the reply as it stood before the round was added.
        var file = session()
        file.messages[1].status = .streaming
        file.messages[1].content = ""
        var stale = file.messages[1]
        stale.toolRounds = nil
        stale.content = "Let me check."
        stale.status = .complete
        let journal = JournalFolder.Contents(path: "j", session: file, replyID: "a1", end: stale)
        var folded = file
        folded.fold([journal])
        #expect(folded.message("a1")?.toolRounds?.count == 1, "the round survives")
        var newer = file
        newer.messages[1].toolRounds = nil
        newer.fold([journal])
        #expect(newer.message("a1")?.status == .complete, "an end line as new as the file still wins")
    }

    @Test func exportShowsEachRoundCallArgumentsResultAndApproval() {
        let text = SessionExporter.markdown(session())
        #expect(text.contains("**Tool round 1**\n\nLet me check."))
        #expect(text.contains("- Tool call `time/now` · approved once"))
        #expect(text.contains("  ```json\n  {\n    \"tz\": \"Europe/Oslo\"\n  }\n  ```"))
        #expect(text.contains("<summary>Result</summary>\n\n  ````\n  10:00 ```x```\n  ````"), "a fence longer than the backticks inside")
        #expect(text.contains("- Tool call `files/read` · denied"))
        #expect(text.contains("<summary>Result (error)</summary>\n\n  ```\n  The user denied this tool call."))
        #expect(text.contains("It is 10:00 in Oslo."))
        #expect(text.contains("$0.003"), "the reply's figures are the whole turn's")
    }

    @Test func configReadsTheToolsTable() throws {
        let (config, warnings) = try PrismConfig.parse("[tools]\nmax_rounds = 3\nmax_result_chars = 500\nnope = 1\n")
        #expect(config.toolLoop == ToolLoopSettings(maxRounds: 3, maxResultCharacters: 500))
        #expect(warnings.contains { $0.contains("nope") })
        #expect(throws: TOMLError.self) { try PrismConfig.parse("[tools]\nmax_rounds = 0\n") }
        #expect(try PrismConfig.parse("").config.toolLoop == nil)
    }

    @Test func cappedOutputsSayHowMuchWasCut() {
        #expect(ToolOutput(text: "short").capped(10) == ToolOutput(text: "short"))
        let cut = ToolOutput(text: String(repeating: "a", count: 30), isError: true).capped(10)
        #expect(cut.text == String(repeating: "a", count: 10) + "\n[… 20 more characters cut by Prism]" && cut.isError)
    }
}
