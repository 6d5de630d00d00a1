import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The chat screen's tool loop, key by key: calls from a finished round, the approval
/// prompt's y / t / s / n, the runs the effects ask for, results, and the next request.
@Suite("Tool loop keys")
struct ToolLoopKeysTests {
    @Test func twoCallsAskOneAfterTheOtherAndTheNextRequestCarriesBothResults() throws {
        let h = ToolHarness()
        let (id, request) = try #require(h.ask("what time is it, and read a"))
        #expect(request.tools.map(\.wireName) == ["time__now", "time__zone", "files__read"])
        h.finishWithCalls(id, [("time__now", "{}"), ("files__read", #"{"path":"a"}"#)], text: "Checking.")
        #expect(h.reply?.status == .streaming, "the turn goes on")
        #expect(h.reply?.content == "", "the round's text moved into the round")
        #expect(h.reply?.toolRounds?.first?.content == "Checking.")
        #expect(Reducer.pendingApproval(h.state)?.step == 0)
        #expect(h.screen().contains("Run this tool?"))
        let first = h.key(.char("y"))
        #expect(ToolHarness.runs(first) == [ToolRun(id: ToolRunID(requestID: id, step: 0), server: "time", tool: "now", arguments: "{}")])
        #expect(Reducer.pendingApproval(h.state)?.step == 1)
        let second = h.key(.char("n"))
        #expect(ToolHarness.runs(second).isEmpty, "a denied call is not run")
        #expect(h.steps[1].approval == .denied)
        #expect(h.screen().contains("⚙ files/read {\"path\":\"a\"}  denied"))
        #expect(ToolHarness.started(second) == nil, "the first call is still running")
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "12:00"), seconds: 0.3))
        let (id2, request2) = try #require(ToolHarness.started(next))
        #expect(id2 != id)
        let tail = Array(request2.messages.suffix(3))
        #expect(tail.map(\.role) == [.assistant, .tool, .tool])
        #expect(tail[0].toolCalls.map(\.name) == ["time__now", "files__read"])
        #expect(tail[0].content == "Checking.")
        #expect(tail[1].content == "12:00" && tail[1].toolCallID == "call_\(id)_0")
        #expect(tail[2].content == "The user denied this tool call." && tail[2].toolCallID == "call_\(id)_1")
        #expect(request2.tools.count == 3, "later rounds offer the tools too")
        h.finish(id2, "It is noon.", cost: "0.002")
        let reply = try #require(h.reply)
        #expect(reply.content == "It is noon." && reply.status == .complete)
        #expect(reply.toolRounds?.count == 1)
        #expect(reply.turnUsage?.cost == Decimal(string: "0.003"), "both requests count in the reply")
        #expect(h.state.session.totalCost.cost == Decimal(string: "0.003"))
    }

    @Test func eachRoundIsReservedAndSettledOnItsOwn() throws {
        let h = ToolHarness()
        let sent = h.command("time?")
        #expect(sent.contains { if case .reserveSpend(let key, _, _) = $0 { key == "m2" } else { false } })
        let (id, _) = try #require(ToolHarness.started(sent))
        let ended = h.finishWithCalls(id, [("time__now", "{}")], cost: "0.001")
        #expect(ended.contains { if case .recordSpend(_, let cost, _, let key) = $0 { key == "m2" && cost == Decimal(string: "0.001") } else { false } })
        h.key(.char("y"))
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        #expect(next.contains { if case .reserveSpend(let key, _, _) = $0 { key == "m2#round2" } else { false } })
        let (id2, _) = try #require(ToolHarness.started(next))
        var reply = Reply()
        reply.content = "noon"
        reply.finishReason = "stop"
        reply.usage = TokenUsage(promptTokens: 3, completionTokens: 2, cost: Decimal(string: "0.002"))
        let done = h.send(.completion(requestID: id2, event: .finished(reply)))
        #expect(done.contains { if case .recordSpend(_, let cost, _, let key) = $0 { key == "m2#round2" && cost == Decimal(string: "0.002") } else { false } })
        let record = done.compactMap { if case .recordReply(let r) = $0 { r } else { nil } }.first
        #expect(record?.cost == Decimal(string: "0.003"), "the history records the whole turn")
    }

    @Test func alwaysThisToolRunsItsLaterCallsWithoutAsking() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("time twice"))
        h.finishWithCalls(id, [("time__now", "{}")])
        let ran = h.key(.char("t"))
        #expect(ToolHarness.runs(ran).count == 1)
        #expect(h.state.session.tools?.alwaysTools == ["time/now"])
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        let (id2, _) = try #require(ToolHarness.started(next))
        let round2 = h.finishWithCalls(id2, [("time__now", #"{"again":true}"#), ("time__zone", "{}")])
        #expect(ToolHarness.runs(round2).map(\.tool) == ["now"], "the remembered tool runs at once")
        #expect(h.steps[0].approval == .preapproved)
        #expect(Reducer.pendingApproval(h.state)?.value.tool == "zone", "another tool of the server still asks")
    }

    @Test func alwaysThisServerCoversTheRoundsOtherCallsOfIt() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("both"))
        h.finishWithCalls(id, [("time__now", "{}"), ("time__zone", "{}"), ("files__read", "{}")])
        let ran = h.key(.char("s"))
        #expect(ToolHarness.runs(ran).map(\.tool) == ["now", "zone"])
        #expect(h.state.session.tools?.alwaysServers == ["time"])
        #expect(Reducer.pendingApproval(h.state)?.value.server == "files")
    }

    @Test func preapprovedCallsRunWithoutAnyPrompt() throws {
        let h = ToolHarness()
        h.state.session.tools = SessionTools(alwaysServers: ["time", "files"])
        let (id, _) = try #require(h.ask("go"))
        let effects = h.finishWithCalls(id, [("time__now", "{}"), ("files__read", "{}")])
        #expect(ToolHarness.runs(effects).count == 2)
        #expect(Reducer.pendingApproval(h.state) == nil)
        #expect(!h.screen().contains("Run this tool?"))
    }

    @Test func anUnknownToolIsAnsweredUnrunAndTheTurnGoesOn() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("use nope"))
        let effects = h.finishWithCalls(id, [("nope", "{}")])
        #expect(ToolHarness.runs(effects).isEmpty)
        let (_, request) = try #require(ToolHarness.started(effects), "nothing to wait for: the next request starts")
        let answer = try #require(request.messages.last)
        #expect(answer.role == .tool && answer.content.hasPrefix("Unknown tool \"nope\""))
        #expect(h.steps.first?.output?.isError == true)
    }

    @Test func aFailingToolAnswersWithItsErrorAndShowsAsFailed() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("read"))
        h.finishWithCalls(id, [("files__read", #"{"path":"/nope"}"#)])
        h.key(.char("y"))
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "The tool failed: no such file", isError: true), seconds: 0.2))
        let (_, request) = try #require(ToolHarness.started(next))
        #expect(request.messages.last?.content == "The tool failed: no such file")
        #expect(h.screen().contains("✗ error 0.2 s"))
    }

    @Test func longResultsAreCutWithANote() throws {
        let h = ToolHarness()
        h.state.tools.settings.maxResultCharacters = 100
        let (id, _) = try #require(h.ask("read"))
        h.finishWithCalls(id, [("files__read", "{}")])
        h.key(.char("y"))
        h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: String(repeating: "x", count: 250)), seconds: 0.1))
        let text = try #require(h.reply?.toolRounds?.first?.steps.first?.output?.text)
        #expect(text.hasPrefix(String(repeating: "x", count: 100)) && text.contains("150 more characters cut"))
    }

    @Test func escWhileAToolHangsCancelsTheWholeTurn() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("slow"))
        h.finishWithCalls(id, [("time__now", "{}"), ("files__read", "{}")])
        h.key(.char("y"))
        #expect(h.screen().contains("running"))
        let stopped = h.key(Key(.escape))
        #expect(stopped.contains(.cancelTools(requestID: id)))
        #expect(h.reply?.status == .cancelled)
        #expect(Reducer.pendingApproval(h.state) == nil, "the other call's question goes with the turn")
        #expect(!h.state.isStreaming)
        #expect(stopped.contains { if case .saveSession(let s) = $0 { s.messages.last?.toolRounds?.count == 1 } else { false } })
        #expect(!stopped.contains { if case .releaseSpend = $0 { true } else { false } }, "the round's cost was settled already")
        let late = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "late"), seconds: 9))
        #expect(late.isEmpty, "a result after the cancel is dropped")
        #expect(h.screen().contains("not run"))
    }

    @Test func theRoundCapStopsTheTurnAndSaysSo() throws {
        let h = ToolHarness()
        h.state.tools.settings.maxRounds = 2
        let (id, _) = try #require(h.ask("again"))
        h.finishWithCalls(id, [("time__now", "{}")])
        let next = h.key(.char("t"))
        #expect(ToolHarness.runs(next).count == 1)
        let round2 = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        let (id2, _) = try #require(ToolHarness.started(round2))
        let capped = h.finishWithCalls(id2, [("time__now", "{}")])
        #expect(ToolHarness.runs(capped).isEmpty)
        let reply = try #require(h.reply)
        #expect(reply.content == "stopped after 2 tool rounds")
        #expect(reply.status == .complete)
        #expect(reply.toolRounds?.count == 2)
        #expect(reply.toolRounds?.last?.steps.first?.output?.text == "not run: round limit")
        #expect(!h.state.isStreaming)
        #expect(reply.turnUsage?.cost == Decimal(string: "0.002"))
        #expect(h.screen().contains("not run: round limit"))
    }

    @Test func serversStartBeforeTheFirstSendWithTools() throws {
        var idle = FakeToolHost.standard
        for i in idle.indices { idle[i].status = .idle }
        let h = ToolHarness(servers: idle)
        let effects = h.command("time?")
        #expect(effects == [.startToolServers(["time", "files"])])
        #expect(h.state.notice?.text.contains("starting tool servers") == true)
        #expect(h.state.tools.servers.allSatisfy { $0.status == .starting })
        #expect(h.send(.toolServersLoaded([FakeToolHost.standard[0]])).isEmpty, "files is still starting")
        let sent = h.send(.toolServersLoaded([FakeToolHost.standard[1]]))
        let (_, request) = try #require(ToolHarness.started(sent))
        #expect(request.tools.count == 3)
        #expect(h.state.prompt.isEmpty)
    }

    /// What goes is what was there at Enter: keys typed while the servers start do not
    /// change it, and Esc keeps it unsent.
    @Test func theDraftWaitingForServersCannotBeEditedAndEscKeepsItUnsent() throws {
        var idle = FakeToolHost.standard
        for i in idle.indices { idle[i].status = .idle }
        let h = ToolHarness(servers: idle)
        h.command("time?")
        h.key(.char("y"))
        h.key(Key(.backspace))
        h.send(.input(.paste("pasted")))
        #expect(h.state.prompt.text == "time?")
        #expect(h.state.notice?.text == "the prompt goes once the tool servers are ready · Esc keeps it unsent")
        #expect(h.screen().contains("Esc keep unsent ╯"), "the hint bar offers what the keys can do")
        let sent = h.send(.toolServersLoaded(FakeToolHost.standard))
        let (_, request) = try #require(ToolHarness.started(sent))
        #expect(request.messages.last?.content == "time?")

        let again = ToolHarness(servers: idle)
        again.command("time?")
        again.key(Key(.escape))
        #expect(again.state.notice?.text == "not sent: the draft is kept" && again.state.prompt.text == "time?")
        #expect(ToolHarness.started(again.send(.toolServersLoaded(FakeToolHost.standard))) == nil, "nothing goes once they are up")
        again.key(.char("!"))
        #expect(again.state.prompt.text == "time?!", "the draft is editable again")
    }

    @Test func aModelWithoutToolSupportIsSentWithoutThemOnce() throws {
        let h = ToolHarness()
        h.state.catalog = [ModelInfo(id: "a/one", name: "One", supportedParameters: ["temperature"])]
        let (id, request) = try #require(h.ask("hi"))
        #expect(request.tools.isEmpty)
        #expect(h.state.notice?.text == "a/one does not support tools; sent without them")
        h.finish(id, "hello")
        h.state.notice = nil
        _ = h.ask("again")
        #expect(h.state.notice == nil, "said once per session")
    }

    @Test func withoutServersNothingChanges() throws {
        let h = ReducerHarness()
        let effects = h.command("hi")
        let (_, request) = try #require(ToolHarness.started(effects))
        #expect(request.tools.isEmpty)
        #expect(!effects.contains { if case .startToolServers = $0 { true } else { false } })
    }

    @Test func toolResultsExpandWithTheKeyOnTheSelectedReply() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("read"))
        h.finishWithCalls(id, [("files__read", "{}")])
        h.key(.char("y"))
        let next = h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "line one\nline two"), seconds: 0.1))
        let (id2, _) = try #require(ToolHarness.started(next))
        h.finish(id2, "Read it.")
        #expect(h.screen().contains("↳ line one …"))
        #expect(!h.screen().contains("line two"))
        h.key(Key(.tab))
        h.key(.char("o"))
        let replyID = try #require(h.reply?.id)
        #expect(h.state.lane.view.expandedTools == [replyID])
        #expect(h.screen().contains("│ line two"))
        h.key(.char("o"))
        #expect(h.state.lane.view.expandedTools.isEmpty)
        h.key(Key(.tab))
        h.key(.alt("i"))
        #expect(h.state.lane.view.expandedTools == [replyID], "Alt-O works from the prompt too")
    }

    @Test func hostileToolOutputIsSanitised() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("read"))
        h.finishWithCalls(id, [("files__read", "{\"p\":\"\u{1B}[31m\"}")])
        #expect(!h.screen().contains("\u{1B}"))
        h.key(.char("y"))
        h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "evil \u{1B}]52;c;AAAA\u{07} done"), seconds: 0.1))
        let screen = h.screen()
        #expect(!screen.contains("\u{1B}") && !screen.contains("\u{07}"))
        #expect(screen.contains("␛"))
    }

    /// Compare panes run a tool turn each: both requests offer the tools, each pane's calls
    /// are asked about in turn (the box names the pane and has the focus moved to it, so Esc
    /// stops that pane), and each pane's next request carries its own results.
    @Test func comparePanesRunATurnEachAndTheBoxNamesThePane() throws {
        let h = ToolHarness()
        h.command("/compare a/one b/two")
        let effects = h.command("hi")
        let started = effects.compactMap { if case .startStream(let id, let r, _) = $0 { (id, r) } else { nil } }
        #expect(started.count == 2 && started.allSatisfy { !$0.1.tools.isEmpty })
        h.finishWithCalls(started[0].0, [("time__now", "{}")])
        h.finishWithCalls(started[1].0, [("files__read", #"{"path":"b.txt"}"#)])
        #expect(Reducer.pendingApproval(h.state)?.lane == 0 && h.state.focusedLane == 0)
        #expect(h.screen().contains("Pane A · a/one  server time  tool now"))
        let first = h.key(.char("y"))
        #expect(ToolHarness.runs(first).map(\.tool) == ["now"])
        #expect(Reducer.pendingApproval(h.state)?.lane == 1 && h.state.focusedLane == 1, "the focus follows the question")
        #expect(h.screen().contains("Pane B · b/two  server files  tool read"))
        #expect(ToolHarness.runs(h.key(.char("y"))).map(\.arguments) == [#"{"path":"b.txt"}"#])
        let next0 = h.send(.toolFinished(ToolRunID(requestID: started[0].0, step: 0), ToolOutput(text: "noon"), seconds: 0.1))
        let next1 = h.send(.toolFinished(ToolRunID(requestID: started[1].0, step: 0), ToolOutput(text: "file b"), seconds: 0.1))
        let r0 = try #require(ToolHarness.started(next0)).request, r1 = try #require(ToolHarness.started(next1)).request
        #expect(r0.model == "a/one" && r0.messages.last?.role == .tool && r0.messages.last?.content == "noon")
        #expect(r1.model == "b/two" && r1.messages.last?.content == "file b")
        // Pane A's answer: its pane header and the round's summary count both of its requests.
        var answer = Reply()
        answer.content = "It is noon."
        answer.finishReason = "stop"
        answer.usage = TokenUsage(promptTokens: 20, completionTokens: 4, cost: Decimal(string: "0.002"))
        h.send(.completion(requestID: try #require(ToolHarness.started(next0)).id, event: .finished(answer)))
        let paneA = try #require(h.state.session.lastReply(inLane: 0))
        #expect(paneA.compareCost == Decimal(string: "0.003"), "0.001 for the calling round + 0.002 for the answer")
        #expect(h.screen().split(separator: "\n").first?.contains("$0.003") == true)
    }

    @Test func aBlindPanesBoxNamesThePaneOnlyAndEscStopsThatPane() throws {
        let h = ToolHarness()
        h.command("/compare --blind a/one b/two")
        let started = h.command("hi").compactMap { if case .startStream(let id, _, _) = $0 { id } else { nil } }
        #expect(started.count == 2)
        h.finishWithCalls(started[1], [("time__now", "{}")])
        #expect(h.state.focusedLane == 1)
        let screen = h.screen()
        #expect(screen.contains("Run this tool?") && !screen.contains("a/one") && !screen.contains("b/two"))
        #expect(screen.contains("Pane B  server time  tool now"))
        h.key(Key(.escape))
        #expect(h.state.lanes[1].stream == nil, "Esc stopped the pane that asked")
        #expect(h.state.lanes[0].stream != nil, "the other pane goes on")
        #expect(Reducer.pendingApproval(h.state) == nil)
    }
}
