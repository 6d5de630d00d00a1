import Foundation
import PrismCore

/// `prism ask --tool`: the reply as a tool turn (`ToolTurn`), text on stdout as it streams,
/// each call's progress on stderr, every round reserved and settled in the spend ledger.
struct AskToolRun {
    var client: OpenRouterClient
    var host: any ToolHost
    var offered: [ToolSpec]
    var settings: ToolLoopSettings
    var approver: ToolApprover
    var streamer: AskStreamer
    /// The ledger for each round's request (nil in demo mode).
    var spend: InFlightSpend?
    /// Whether a round without a cost in its stream is looked up in `/generation` (not in demo mode).
    var lookUpCost: Bool
    /// The budget's say on each request after the first: a refusal's line, or nil to send it.
    var checkRound: @Sendable (ChatRequest) -> String? = { _ in nil }

    /// Starts the turn in a task of its own, so Ctrl-C (`SignalWatcher`) can cancel it.
    func start(_ request: ChatRequest) -> Task<ToolTurnResult, Never> {
        let turn = makeTurn()
        return Task { await turn.run(ToolTurn.extending(request)) }
    }

    func makeTurn() -> ToolTurn {
        let streamer = self.streamer, approver = self.approver
        let spend = self.spend, client = self.client, lookUpCost = self.lookUpCost, checkRound = self.checkRound
        var turn = ToolTurn(
            client: client, host: host, offered: offered, settings: settings,
            approve: { step in
                streamer.endRound()
                return await approver.approve(step)
            },
            onEvent: { event in
                switch event {
                case .stream(_, let event):
                    streamer.handle(event)
                    if case .finished = event { streamer.endRound() }
                case .calling(let step):
                    StandardIO.error("prism: tool: running \(Self.describe(step))")
                case .called(let step):
                    StandardIO.error("prism: tool: " + Self.outcome(step))
                }
            },
            eachRound: { request, send in
                // Each round is a request of its own: paced, reserved and settled like any other.
                await spend?.paceIfFree(request)
                let reservation = spend?.reserve(request, estimate: Self.estimate(request))
                var reply = await send(request)
                if lookUpCost, reply.needsGenerationLookup { reply = await client.completingCost(of: reply).reply }
                spend?.finish(reservation, reply: reply)
                return reply
            })
        turn.beforeRound = { request in checkRound(request) }
        return turn
    }

    /// `time/get_current_time {"timezone":"Europe/Oslo"}`, clean for the terminal.
    static func describe(_ step: ToolStep) -> String {
        let name = step.server.map { SessionTools.key(server: $0, tool: step.tool ?? "?") } ?? (step.call.name ?? "?")
        var arguments = ToolCall.compact(step.call.arguments)
        if arguments.count > 200 { arguments = String(arguments.prefix(199)) + "…" }
        return TerminalSanitizer.metadata("\(name) \(arguments.isEmpty ? "{}" : arguments)")
    }

    /// One line on how a call ended.
    static func outcome(_ step: ToolStep) -> String {
        let name = TerminalSanitizer.metadata(step.server.map { SessionTools.key(server: $0, tool: step.tool ?? "?") } ?? (step.call.name ?? "?"))
        let seconds = step.duration.map { String(format: " after %.1f s", $0) } ?? ""
        if step.server == nil { return "\(name) is not a tool Prism offered: the model was told so" }
        if step.approval == .denied { return "\(name) denied: the model was told so" }
        guard let output = step.output else { return "\(name) did not finish" }
        if output.isError {
            let first = output.text.split(separator: "\n").first.map(String.init) ?? ""
            return "\(name) failed\(seconds): \(TerminalSanitizer.metadata(String(first.prefix(160))))"
        }
        return "\(name) done\(seconds) (\(output.text.count) characters)"
    }

    /// A round's worst case from the request as sent (tool calls and results included):
    /// what it reserves before it goes, settled to its real cost when it ends.
    static func estimate(_ request: ChatRequest) -> CostEstimate {
        RequestCost.estimate(sentAs: request)
    }
}
