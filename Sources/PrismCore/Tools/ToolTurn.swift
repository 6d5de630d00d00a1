import Foundation

/// Runs one reply that may use tools: request, run the calls the model asks for, request
/// again with their results, until the model answers without calls or the round cap stops it.
///
/// The rules every front end shares live here and in `ToolPolicy`/`ToolRound`: calls resolve
/// by wire name (`ToolResolution`; an unknown tool is answered unrun), every known call is put
/// to `approve` (which holds the front end's own answers: remembered "always", `--yes`, a
/// terminal prompt), a denied call goes back to the model as a result saying so, output is cut
/// to `ToolLoopSettings.maxResultCharacters`. Cancelling the task running `run` stops the
/// stream or the tool in flight and ends the turn as cancelled, keeping the rounds so far.
public struct ToolTurn: Sendable {
    /// Decides one call; the step carries the resolved server and tool.
    public typealias Approver = @Sendable (ToolStep) async -> ToolApproval
    /// Sends one round's request through `send` and returns its reply, doing what the front
    /// end does around every request (reserve and settle spend, fill in a missing cost).
    public typealias RoundWrapper = @Sendable (_ request: ChatRequest, _ send: @Sendable (ChatRequest) async -> Reply) async -> Reply

    public var client: OpenRouterClient
    public var host: any ToolHost
    public var offered: [ToolSpec]
    public var settings: ToolLoopSettings
    public var approve: Approver
    public var onEvent: @Sendable (ToolTurnEvent) -> Void
    public var eachRound: RoundWrapper
    /// Asked before each request after the first, with that request: a reason (a budget cap
    /// refusing it) stops the turn there, with the rounds so far; nil sends it.
    public var beforeRound: @Sendable (ChatRequest) async -> String? = { _ in nil }

    public init(client: OpenRouterClient, host: any ToolHost, offered: [ToolSpec], settings: ToolLoopSettings = ToolLoopSettings(),
                approve: @escaping Approver, onEvent: @escaping @Sendable (ToolTurnEvent) -> Void = { _ in },
                eachRound: @escaping RoundWrapper = { request, send in await send(request) }) {
        self.client = client
        self.host = host
        self.offered = offered
        self.settings = settings
        self.approve = approve
        self.onEvent = onEvent
        self.eachRound = eachRound
    }

    /// Runs the turn; `makeRequest` builds each round's request from the rounds so far
    /// (`ToolTurn.extending` appends them to a first request). The offered tools are set on it.
    public func run(_ makeRequest: @Sendable ([ToolRound]) -> ChatRequest) async -> ToolTurnResult {
        var rounds: [ToolRound] = []
        var usages: [TokenUsage?] = []
        var citations: [Citation]?
        var first: ReplyTimings?
        var attempts = 0
        let clock = ContinuousClock()
        let start = clock.now
        // The turn's figures: usage summed, timings from the first request to now, every round's sources.
        func conclude(_ reply: inout Reply, stoppedByCap: String? = nil, refused: String? = nil) -> ToolTurnResult {
            let own = usages.count > rounds.count ? usages.last ?? nil : nil
            reply.usage = TokenUsage.summed(usages)
            if !rounds.isEmpty { reply.timings = Self.turnTimings(first: first, attempts: attempts, elapsed: clock.now - start) }
            return ToolTurnResult(reply: reply, rounds: rounds, stoppedByCap: stoppedByCap, refusedBeforeRound: refused,
                                  lastRequestUsage: own, citations: citations ?? [])
        }
        while true {
            var request = makeRequest(rounds)
            request.tools = offered
            let index = rounds.count
            if index > 0, let reason = await beforeRound(request) {
                // The model has not seen the last results: the reply is the rounds, with no answer.
                var stopped = Reply()
                stopped.model = rounds.last?.modelServed
                stopped.provider = rounds.last?.provider
                return conclude(&stopped, refused: reason)
            }
            var reply = await eachRound(request) { await stream($0, round: index) }
            usages.append(reply.usage)
            citations = Citation.union(citations, reply.citations)
            first = first ?? reply.timings
            attempts += reply.timings.attempts ?? 1
            guard reply.failure == nil, !reply.toolCalls.isEmpty else {
                return conclude(&reply)
            }
            if rounds.count >= settings.maxRounds {
                let note = "stopped after \(settings.maxRounds) tool round\(settings.maxRounds == 1 ? "" : "s"): the model kept calling tools"
                return conclude(&reply, stoppedByCap: note)
            }
            var round = ToolRound(content: reply.content, reasoning: reply.reasoning.isEmpty ? nil : reply.reasoning, steps: [],
                                  usage: reply.usage, modelServed: reply.model, provider: reply.provider,
                                  generationID: reply.generationID)
            for call in reply.toolCalls {
                // Every call gets a result, so the rounds stay a valid conversation to send later.
                round.steps.append(Task.isCancelled ? Self.notRun(call) : await runStep(call))
            }
            rounds.append(round)
            if Task.isCancelled {
                var cancelled = reply
                cancelled.failure = .cancelled
                return conclude(&cancelled)
            }
        }
    }

    /// A turn of several requests timed as a whole: started and first token as its first
    /// request, total from then to the end (tool runs included), attempts added up. No token
    /// rate: one over rounds and tool runs would describe neither the model nor the tools.
    static func turnTimings(first: ReplyTimings?, attempts: Int, elapsed: Duration) -> ReplyTimings {
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return ReplyTimings(startedAt: first?.startedAt, ttftMs: first?.ttftMs, totalMs: ms, tokensPerSecond: nil,
                            attempts: attempts)
    }

    /// A request-maker that sends `first` with the rounds so far after its messages.
    public static func extending(_ first: ChatRequest) -> @Sendable ([ToolRound]) -> ChatRequest {
        { rounds in
            var request = first
            request.messages += ChatRequest.expandToolRounds(rounds)
            return request
        }
    }

    /// One call: resolved, put to the approver, run when approved, its output capped.
    func runStep(_ call: ToolCall) async -> ToolStep {
        var step = ToolStep(call: call)
        guard case .tool(let spec) = ToolResolution.resolve(call, offered: offered) else {
            if case .unknown(let text) = ToolResolution.resolve(call, offered: offered) {
                step.output = ToolOutput(text: text, isError: true)
            }
            onEvent(.called(step))
            return step
        }
        step.server = spec.server
        step.tool = spec.name
        let approval = await approve(step)
        step.approval = approval
        guard approval != .denied, !Task.isCancelled else {
            if Task.isCancelled { step.output = Self.notRun(call).output }
            onEvent(.called(step))
            return step
        }
        onEvent(.calling(step))
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let output = try await host.call(server: spec.server, tool: spec.name, arguments: call.arguments)
            step.output = output.capped(settings.maxResultCharacters)
        } catch let error as ToolHostError {
            step.output = ToolOutput(text: "The tool failed: \(error.message)", isError: true)
        } catch {
            let text = Task.isCancelled ? "The tool call was cancelled." : "The tool failed: \(error)"
            step.output = ToolOutput(text: text, isError: true)
        }
        let elapsed = clock.now - start
        step.duration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        onEvent(.called(step))
        return step
    }

    /// A call left unrun because the turn was cancelled first.
    static func notRun(_ call: ToolCall) -> ToolStep {
        ToolStep(call: call, output: ToolOutput(text: "The tool call was cancelled before it ran.", isError: true))
    }

    /// Streams one request, passing its events on; cancelling the task stops it, and the
    /// reply then comes back marked cancelled with what had arrived.
    func stream(_ request: ChatRequest, round: Int) async -> Reply {
        let last = ReplyBox()
        let onEvent = self.onEvent
        let handle = client.streamChat(request) { event in
            if case .finished(let reply) = event { last.set(reply) }
            onEvent(.stream(round: round, event))
        }
        await withTaskCancellationHandler { await handle.wait() } onCancel: { handle.cancel() }
        return last.value
    }
}

/// The final reply of a stream, handed from the thread that decoded it.
private final class ReplyBox: @unchecked Sendable {
    private let lock = NSLock()
    private var reply = Reply()
    func set(_ value: Reply) { lock.withLock { reply = value } }
    var value: Reply { lock.withLock { reply } }
}
