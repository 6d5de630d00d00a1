import Foundation
import PrismStub
import Testing
@testable import PrismCore

/// A scripted tool host: `time/now` answers, `fail/boom` throws, `slow/hang` never ends
/// until cancelled, `big/dump` answers 50 characters. Records what it ran.
final class FakeToolHost: ToolHost, @unchecked Sendable {
    static let specs = [
        ToolSpec(server: "time", name: "now"), ToolSpec(server: "fail", name: "boom"),
        ToolSpec(server: "slow", name: "hang"), ToolSpec(server: "big", name: "dump"),
    ]
    private let lock = NSLock()
    private var _calls: [String] = []
    private var _stopped = 0
    var calls: [String] { lock.withLock { _calls } }
    var stopCount: Int { lock.withLock { _stopped } }
    /// Set when the hanging call was cancelled.
    private var _cancelled = false
    var hangWasCancelled: Bool { lock.withLock { _cancelled } }

    func servers() async -> [ToolServerInfo] {
        Dictionary(grouping: Self.specs, by: \.server).keys.sorted().map { name in
            ToolServerInfo(name: name, endpoint: "fake", status: .idle)
        }
    }
    func start(server: String) async -> ToolServerInfo {
        let tools = Self.specs.filter { $0.server == server }
        return ToolServerInfo(name: server, endpoint: "fake", status: tools.isEmpty ? .failed("no such server") : .running, tools: tools)
    }
    func call(server: String, tool: String, arguments: String) async throws -> ToolOutput {
        lock.withLock { _calls.append("\(server)/\(tool) \(arguments)") }
        switch (server, tool) {
        case ("time", "now"): return ToolOutput(text: "10:00 in Oslo")
        case ("fail", "boom"): throw ToolHostError("exploded on purpose")
        case ("slow", "hang"):
            do { try await Task.sleep(for: .seconds(60)) } catch { lock.withLock { _cancelled = true }; throw error }
            return ToolOutput(text: "late")
        case ("big", "dump"): return ToolOutput(text: String(repeating: "x", count: 50))
        default: throw ToolHostError("no tool \(tool)")
        }
    }
    func restart(server: String) async -> ToolServerInfo { await start(server: server) }
    func stopAll() async { lock.withLock { _stopped += 1 } }
}

/// Collects a turn's events from whichever thread sends them.
final class TurnEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ToolTurnEvent] = []
    func add(_ event: ToolTurnEvent) { lock.withLock { events.append(event) } }
    var called: [ToolStep] { lock.withLock { events.compactMap { if case .called(let s) = $0 { s } else { nil } } } }
    var finishedRounds: [Int] {
        lock.withLock { events.compactMap { if case .stream(let r, .finished) = $0 { r } else { nil } } }
    }
}

/// Each round's usage as the wrapper saw it.
final class UsageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var usages: [TokenUsage?] = []
    func add(_ usage: TokenUsage?) { lock.withLock { usages.append(usage) } }
    var all: [TokenUsage?] { lock.withLock { usages } }
}

/// The tool turn against the stub's `stub/agent` and a fake host.
@Suite struct ToolTurnTests {
    func turn(_ harness: StubHarness, host: FakeToolHost, events: TurnEvents = TurnEvents(), maxRounds: Int = 8,
              maxResult: Int = 20_000, approve: @escaping ToolTurn.Approver = { _ in .once }) -> ToolTurn {
        ToolTurn(client: harness.client, host: host, offered: FakeToolHost.specs,
                 settings: ToolLoopSettings(maxRounds: maxRounds, maxResultCharacters: maxResult),
                 approve: approve, onEvent: events.add)
    }

    func ask(_ prompt: String) -> ChatRequest {
        ChatRequest(model: StubModels.agent, messages: [ChatMessage(role: .user, content: prompt)], maxTokens: 256)
    }

    @Test func runsTheCallsAndAnswersFromTheirResults() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let host = FakeToolHost()
        let events = TurnEvents()
        let result = await turn(harness, host: host, events: events).run(ToolTurn.extending(ask("use now {\"tz\":\"Europe/Oslo\"}")))
        #expect(result.reply.failure == nil)
        #expect(result.reply.content.contains("- time__now: 10:00 in Oslo"))
        #expect(host.calls == ["time/now {\"tz\":\"Europe/Oslo\"}"])
        #expect(result.rounds.count == 1)
        let step = try #require(result.rounds.first?.steps.first)
        #expect(step.server == "time" && step.tool == "now" && step.approval == .once && step.duration != nil)
        #expect(events.finishedRounds == [0, 1])
        // The second request carried the tools, the call and its result.
        let second = try #require(harness.server.chatRequests.last)
        let messages = try #require(second["messages"] as? [[String: Any]])
        #expect(messages.last?["role"] as? String == "tool" && messages.last?["content"] as? String == "10:00 in Oslo")
        #expect((second["tools"] as? [[String: Any]])?.count == FakeToolHost.specs.count)
    }

    @Test func usageOfEveryRoundAddsUp() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let seen = UsageLog()
        var t = turn(harness, host: FakeToolHost())
        t.eachRound = { request, send in
            let reply = await send(request)
            seen.add(reply.usage)
            return reply
        }
        let result = await t.run(ToolTurn.extending(ask("use now")))
        let rounds = seen.all
        #expect(rounds.count == 2)
        #expect(result.rounds.first?.usage == rounds[0])
        // The agent bills 0.00002 for the calling round and 0.00003 for the answer.
        #expect(rounds.map { $0?.cost } == [Decimal(string: "0.00002"), Decimal(string: "0.00003")])
        #expect(result.reply.usage?.cost == Decimal(string: "0.00005"))
        let prompts = rounds.compactMap { $0?.promptTokens }
        #expect(prompts.count == 2 && result.reply.usage?.promptTokens == prompts.reduce(0, +))
        // Saved as one message, each request counts once: the round its own, the reply the last's.
        #expect(result.lastRequestUsage == rounds[1])
        var message = Message(id: "a", parentID: "u", role: .assistant, content: "", createdAt: Date())
        message.apply(result.reply)
        message.apply(result)
        #expect(message.usage == rounds[1] && message.turnUsage?.cost == Decimal(string: "0.00005"))
    }

    @Test func timingsCoverTheWholeTurnWithoutARate() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let result = await turn(harness, host: FakeToolHost()).run(ToolTurn.extending(ask("use now")))
        let timings = result.reply.timings
        #expect(timings.attempts == 2 && timings.tokensPerSecond == nil)
        #expect(timings.ttftMs != nil && (timings.totalMs ?? 0) >= (timings.ttftMs ?? .infinity))
        let plain = await turn(harness, host: FakeToolHost()).run(ToolTurn.extending(ask("no tools here")))
        #expect(plain.reply.timings.attempts == 1, "a reply without tool rounds keeps its own timings")
    }

    @Test func failingUnknownAndDeniedCallsReachTheModelAsText() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let host = FakeToolHost()
        let approve: ToolTurn.Approver = { step in step.tool == "dump" ? .denied : .once }
        let result = await turn(harness, host: host, approve: approve)
            .run(ToolTurn.extending(ask("use boom and use nosuch and use dump")))
        let steps = try #require(result.rounds.first?.steps)
        #expect(steps.count == 3)
        #expect(steps[0].output == ToolOutput(text: "The tool failed: exploded on purpose", isError: true))
        #expect(steps[1].server == nil && steps[1].output?.text.contains("Unknown tool \"nosuch\"") == true)
        #expect(steps[2].approval == .denied && steps[2].output == nil)
        #expect(host.calls == ["fail/boom {}"]) // the unknown and the denied call never ran
        #expect(result.reply.content.contains("exploded on purpose"))
        #expect(result.reply.content.contains("The user denied this tool call."))
    }

    @Test func theRoundCapStopsAModelThatKeepsCalling() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let host = FakeToolHost()
        let result = await turn(harness, host: host, maxRounds: 2).run(ToolTurn.extending(ask("use now again")))
        #expect(result.rounds.count == 2)
        #expect(host.calls.count == 2)
        #expect(harness.server.chatRequests.count == 3)
        #expect(result.stoppedByCap == "stopped after 2 tool rounds: the model kept calling tools")
        #expect(!result.reply.toolCalls.isEmpty) // the last reply's calls were not run
        #expect(result.reply.usage?.cost == Decimal(string: "0.00006"))
    }

    @Test func beforeRoundCanRefuseALaterRequest() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let host = FakeToolHost()
        var t = turn(harness, host: host)
        t.beforeRound = { request in
            request.messages.last?.role == .tool ? "not sent: the daily cap is reached" : nil
        }
        let result = await t.run(ToolTurn.extending(ask("use now")))
        #expect(result.refusedBeforeRound == "not sent: the daily cap is reached")
        #expect(host.calls.count == 1 && result.rounds.count == 1)
        #expect(harness.server.chatRequests.count == 1, "the second request was not sent")
        #expect(result.reply.content.isEmpty && result.reply.failure == nil)
        #expect(result.reply.usage?.cost == Decimal(string: "0.00002"))
        #expect(result.lastRequestUsage == nil, "no request after the round: its cost is the round's alone")
    }

    @Test func longOutputIsCutWithANote() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let result = await turn(harness, host: FakeToolHost(), maxResult: 10).run(ToolTurn.extending(ask("use dump")))
        let text = try #require(result.rounds.first?.steps.first?.output?.text)
        #expect(text.hasPrefix("xxxxxxxxxx\n[… 40 more characters cut"))
    }

    @Test func cancellingStopsAHangingToolAndEndsTheTurn() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let host = FakeToolHost()
        let events = TurnEvents()
        let running = turn(harness, host: host, events: events)
        let task = Task { await running.run(ToolTurn.extending(self.ask("use hang and use now"))) }
        for _ in 0..<200 where host.calls.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(host.calls == ["slow/hang {}"])
        task.cancel()
        let result = await task.value
        #expect(host.hangWasCancelled)
        #expect(result.reply.failure?.kind == .cancelled)
        let steps = try #require(result.rounds.first?.steps)
        #expect(steps.count == 2) // every call has a result, the second one never ran
        #expect(steps[0].output?.text == "The tool call was cancelled.")
        #expect(steps[1].output?.text == "The tool call was cancelled before it ran.")
        #expect(host.calls.count == 1)
        #expect(harness.server.chatRequests.count == 1)
    }

    @Test func eachRoundGoesThroughTheWrapper() async throws {
        let harness = try StubHarness()
        defer { harness.server.stop() }
        let seen = TurnEvents()
        var t = turn(harness, host: FakeToolHost())
        t.eachRound = { request, send in
            var reply = await send(request)
            seen.add(.stream(round: request.messages.count, .finished(reply)))
            reply.usage?.cost = 1 // the wrapper's settled figure is what the turn adds up
            return reply
        }
        let result = await t.run(ToolTurn.extending(ask("use now")))
        #expect(seen.finishedRounds == [1, 3])
        #expect(result.reply.usage?.cost == 2)
    }

    @Test func summedUsageIsUnknownWhenARoundHasNoCost() {
        let a = TokenUsage(promptTokens: 10, completionTokens: 2, cost: Decimal(string: "0.1"))
        let b = TokenUsage(promptTokens: 5, completionTokens: nil, cost: Decimal(string: "0.2"), costIsEstimate: true, costSource: .estimate)
        let sum = TokenUsage.summed([a, b])
        #expect(sum?.promptTokens == 15 && sum?.completionTokens == 2)
        #expect(sum?.cost == Decimal(string: "0.3") && sum?.costIsEstimate == true && sum?.costSource == .estimate)
        #expect(TokenUsage.summed([a, TokenUsage(promptTokens: 1)])?.cost == nil)
        #expect(TokenUsage.summed([nil, nil]) == nil)
    }
}
