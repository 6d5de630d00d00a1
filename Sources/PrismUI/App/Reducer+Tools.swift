import Foundation
import PrismCore
import PrismTerminal

/// The tool loop of a lane: a request that ends in tool calls becomes a round of the reply
/// (`Message.toolRounds`), each call is resolved, approved (or asked about), run by an
/// effect and answered, and when every call of the round is done the next request starts
/// into the same reply, until the model answers without tools or the round cap stops it.
///
/// The round in progress lives in the reply message itself, so it is drawn, saved and
/// journaled like any other part of the reply; the lane keeps only what is not worth
/// saving (`StreamState.toolsSince`, `toolStarts`).
extension Reducer {
    /// The tools a lane's next request offers: the running servers' tools this session
    /// enables, none for a model whose catalog entry lacks `tools` (said once per session).
    /// Compare panes are offered the same tools, each pane running its own turn.
    static func toolsToOffer(_ state: inout AppState, lane: Int, model: String) -> [ToolSpec] {
        guard state.tools.configured else { return [] }
        let running = state.tools.servers.filter { $0.status == .running }.flatMap(\.tools)
        let offered = (state.session.tools ?? SessionTools()).offered(running, configEnabled: state.tools.configEnabled)
        guard !offered.isEmpty else { return [] }
        if let info = state.catalogEntry(model), !info.supportedParameters.contains("tools") {
            tellOnce(&state, model, "\(model) does not support tools; sent without them")
            return []
        }
        return offered
    }

    private static func tellOnce(_ state: inout AppState, _ what: String, _ text: String) {
        let key = state.session.id + "|" + what
        guard !state.tools.told.contains(key) else { return }
        state.tools.told.insert(key)
        notify(&state, text)
    }

    /// A send with tool servers on that have not started yet starts them first and waits
    /// for them (their tools are what the request offers); nil when nothing needs starting.
    static func waitForToolServers(_ state: inout AppState) -> [Effect]? {
        guard !state.isStreaming else { return nil }
        let idle = state.tools.servers.filter { state.tools.isEnabled($0.name, in: state.session) && ($0.status == .idle || $0.status == .starting) }
        guard !idle.isEmpty else { return nil }
        state.tools.sendAfterStart = true
        notify(&state, "starting tool servers: " + idle.map { TerminalSanitizer.metadata($0.name) }.joined(separator: ", ") + "…")
        let starting = idle.filter { $0.status == .idle }.map(\.name)
        for name in starting { setStatus(&state, name, .starting) }
        return starting.isEmpty ? [] : [.startToolServers(starting)]
    }

    /// Esc while a send waits for its tool servers: it is not sent, the draft stays.
    static func cancelSendAfterStart(_ state: inout AppState) -> Bool {
        guard state.tools.sendAfterStart else { return false }
        state.tools.sendAfterStart = false
        notify(&state, "not sent: the draft is kept")
        return true
    }

    static func setStatus(_ state: inout AppState, _ server: String, _ status: ToolServerStatus) {
        if let i = state.tools.servers.firstIndex(where: { $0.name == server }) { state.tools.servers[i].status = status }
    }

    /// The host reported servers; a send waiting for them goes once none is starting.
    static func toolServersLoaded(_ state: inout AppState, _ infos: [ToolServerInfo], _ env: ReducerEnvironment) -> [Effect] {
        state.tools.update(infos)
        clampToolsOverlay(&state)
        for info in infos {
            if case .failed(let reason) = info.status { notify(&state, TerminalSanitizer.metadata("tool server \(info.name) failed: \(reason)"), .error) }
        }
        guard state.tools.sendAfterStart,
              !state.tools.servers.contains(where: { $0.status == .starting || $0.status == .idle && state.tools.isEnabled($0.name, in: state.session) })
        else { return [] }
        state.tools.sendAfterStart = false
        return send(&state, env)
    }

    /// The request of a lane ended in tool calls: the round is added to the reply and its calls resolved.
    static func toolRoundEnded(_ state: inout AppState, lane: Int, stream: StreamState, reply: Reply, _ env: ReducerEnvironment) -> [Effect] {
        guard let i = state.session.index(of: stream.messageID) else { return [] }
        var message = state.session.messages[i]
        let done = message.toolRounds?.count ?? 0
        let capped = done + 1 >= state.tools.settings.maxRounds
        let remembered = state.session.tools ?? SessionTools()
        var round = ToolRound(content: message.content, reasoning: message.reasoning, steps: [], usage: message.usage,
                              modelServed: message.modelServed, provider: message.provider, generationID: message.generationID)
        for call in reply.toolCalls {
            switch ToolResolution.resolve(call, offered: stream.offered) {
            case .unknown(let text):
                round.steps.append(ToolStep(call: call, output: ToolOutput(text: text, isError: true)))
            case .tool(let spec):
                var step = ToolStep(call: call, server: spec.server, tool: spec.name)
                if capped {
                    step.output = ToolOutput(text: ToolStep.roundLimitText, isError: true)
                } else if remembered.isPreapproved(server: spec.server, tool: spec.name) {
                    step.approval = .preapproved
                }
                round.steps.append(step)
            }
        }
        message.toolRounds = (message.toolRounds ?? []) + [round]
        message.content = ""
        message.reasoning = nil
        message.toolCalls = nil
        // The round keeps its generation id; the next request brings its own.
        message.generationID = nil
        if capped {
            // The turn ends here: the reply says why, and its usage is the rounds' (the last is one of them).
            message.content = "stopped after \(done + 1) tool rounds"
            message.usage = nil
            state.session.update(message, at: state.now)
            notify(&state, "the model kept calling tools: stopped after \(done + 1) rounds ([tools] max_rounds)")
            return settleToolRound(state, lane: lane, stream: stream, reply: reply, round: done)
                + finishLane(&state, lane: lane, stream: stream, reply: reply, settle: false)
        }
        message.usage = nil
        message.status = .streaming
        state.session.update(message, at: state.now)
        var next = stream
        next.toolsSince = state.now
        next.toolStarts = [:]
        state.lanes[lane].stream = next
        let effects: [Effect] = [.saveSession(state.session)] + settleToolRound(state, lane: lane, stream: stream, reply: reply, round: done)
        let advanced = advanceTools(&state, lane: lane, env)
        focusPendingApproval(&state)
        return effects + advanced
    }

    /// Runs the approved calls not started yet; when every call of the round is done, asks
    /// again (once the budget lets the next round go: `nextToolRound`).
    static func advanceTools(_ state: inout AppState, lane: Int, _ env: ReducerEnvironment) -> [Effect] {
        guard state.lanes.indices.contains(lane), var stream = state.lanes[lane].stream, stream.toolsSince != nil,
              let i = state.session.index(of: stream.messageID), let round = state.session.messages[i].toolRounds?.last else { return [] }
        var effects: [Effect] = []
        for (n, step) in round.steps.enumerated() where !step.isDone && step.approval != nil && stream.toolStarts[n] == nil {
            guard let server = step.server, let tool = step.tool else { continue }
            stream.toolStarts[n] = state.now
            effects.append(.runTool(ToolRun(id: ToolRunID(requestID: stream.requestID, step: n), server: server, tool: tool,
                                            arguments: step.call.arguments)))
        }
        state.lanes[lane].stream = stream
        guard round.steps.allSatisfy(\.isDone) else { return effects }
        return effects + [.saveSession(state.session)] + nextToolRound(&state, lane: lane, replyID: stream.messageID, env)
    }

    /// In compare mode, the pane whose call waits for an answer gets the focus, so the box
    /// speaks for the focused pane and Esc stops that pane's turn.
    static func focusPendingApproval(_ state: inout AppState) {
        guard state.isComparing, let pending = pendingApproval(state) else { return }
        state.focusedLane = pending.lane
    }

    /// The call waiting for the user's answer, first lane first, first call first.
    static func pendingApproval(_ state: AppState) -> (lane: Int, step: Int, value: ToolStep)? {
        for lane in state.lanes.indices {
            guard let stream = state.lanes[lane].stream, stream.toolsSince != nil,
                  let round = state.session.message(stream.messageID)?.toolRounds?.last else { continue }
            if let n = round.steps.firstIndex(where: { $0.approval == nil && !$0.isDone }) { return (lane, n, round.steps[n]) }
        }
        return nil
    }

    /// y / t / s / n while a call waits for approval; nil for any other key (Esc cancels the turn as usual).
    static func toolApprovalKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect]? {
        guard let pending = pendingApproval(state), let answer = env.bindings.tools[key]?.approval else { return nil }
        return approve(&state, lane: pending.lane, step: pending.step, answer, env)
    }

    /// Records the answer for one call (an "always" also for the round's other calls it covers) and moves on.
    static func approve(_ state: inout AppState, lane: Int, step n: Int, _ answer: ToolApproval, _ env: ReducerEnvironment) -> [Effect] {
        guard let stream = state.lanes[lane].stream, let i = state.session.index(of: stream.messageID),
              var rounds = state.session.messages[i].toolRounds, let r = rounds.indices.last,
              rounds[r].steps.indices.contains(n), let server = rounds[r].steps[n].server, let tool = rounds[r].steps[n].tool else { return [] }
        rounds[r].steps[n].approval = answer
        var tools = state.session.tools ?? SessionTools()
        tools.remember(answer, server: server, tool: tool)
        for k in rounds[r].steps.indices where rounds[r].steps[k].approval == nil && !rounds[r].steps[k].isDone {
            if let s = rounds[r].steps[k].server, let t = rounds[r].steps[k].tool, tools.isPreapproved(server: s, tool: t) {
                rounds[r].steps[k].approval = .preapproved
            }
        }
        state.session.tools = tools.isEmpty ? nil : tools
        state.session.messages[i].toolRounds = rounds
        if answer == .denied { notify(&state, "denied \(server)/\(tool): the model is told") }
        let next = advanceTools(&state, lane: lane, env)
        focusPendingApproval(&state)
        return [.saveSession(state.session)] + next
    }

    /// A call ended: its output (cut to `[tools] max_result_chars`) goes into the round.
    static func toolFinished(_ state: inout AppState, _ id: ToolRunID, _ output: ToolOutput, seconds: Double,
                             _ env: ReducerEnvironment) -> [Effect] {
        guard let lane = state.lane(streaming: id.requestID), var stream = state.lanes[lane].stream, stream.toolsSince != nil,
              let i = state.session.index(of: stream.messageID), var rounds = state.session.messages[i].toolRounds,
              let r = rounds.indices.last, rounds[r].steps.indices.contains(id.step), !rounds[r].steps[id.step].isDone else { return [] }
        rounds[r].steps[id.step].output = output.capped(state.tools.settings.maxResultCharacters)
        rounds[r].steps[id.step].duration = seconds
        state.session.messages[i].toolRounds = rounds
        stream.toolStarts[id.step] = nil
        state.lanes[lane].stream = stream
        return [.saveSession(state.session)] + advanceTools(&state, lane: lane, env)
    }
}
