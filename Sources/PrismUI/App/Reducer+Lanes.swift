import Foundation
import PrismCore

/// Replies in lanes: one path to start them, fold their events, stop them and scroll
/// them, whether the screen shows one lane (single chat) or several (compare mode).
///
/// Each lane's stream has its own request id, so events reach the right lane and a
/// lane that fails or is cancelled never disturbs the others.
extension Reducer {
    /// Sends the prompt to every lane: records it, adds an empty reply per lane and starts them.
    static func send(_ state: inout AppState, _ env: ReducerEnvironment, budget: BudgetPass = .check) -> [Effect] {
        let text = state.prompt.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        if let effects = slashCommand(&state, text, env) { return effects }
        if let effects = waitForToolServers(&state) { return effects }
        guard !state.isStreaming else {
            notify(&state, state.isComparing ? "replies are still streaming: \(env.bindings.name(.cancelOrClear)) stops the focused one, \(env.bindings.name(.cancel)) all"
                                             : "a reply is still streaming: \(env.bindings.name(.cancelOrClear)) stops it")
            return []
        }
        if state.isRouted, let effects = routeFirst(&state, text, env) { return effects }
        guard state.session.model != nil || state.isComparing else {
            notify(&state, "choose a model first")
            state.focus = .picker
            return []
        }
        if budget == .check, !budgetAllows(&state, roundEstimates(state, text: text, env), pending: .send, env) { return [] }
        guard freePacingAllows(&state, budget: budget, env) else { return [] }
        if state.session.messages.isEmpty, state.session.id.isEmpty {
            state.session.id = env.makeSessionID(state.now)
        }
        BlindCompare.reshuffleForNextRound(&state, shuffle: env.shuffle)
        let replies = state.session.appendRound(promptText(text), attachments: state.pendingAttachments, siblingOf: state.editingPromptID,
                                                at: state.now, makeID: env.makeID)
        applyNextTag(&state)
        noteRoute(&state, replies: replies)
        state.pendingAttachments = []
        state.history.record(text)
        state.prompt.clear()
        state.editingPromptID = nil
        var effects: [Effect] = [.appendHistory(text), .saveSession(state.session)]
        for (lane, reply) in replies.enumerated() { effects += startLane(&state, lane, replyID: reply, env, maxTokens: budget.maxTokens) }
        return effects
    }

    /// Starts streaming into a lane's (already added, empty) reply with a fresh request id.
    ///
    /// The one place the chat screen builds a request.
    /// `maxTokens`, when given, lowers the request's cap (the budget's "lower max_tokens to fit").
    static func startLane(_ state: inout AppState, _ lane: Int, replyID: String, _ env: ReducerEnvironment,
                          maxTokens: Int? = nil) -> [Effect] {
        guard state.lanes.indices.contains(lane), let model = state.model(ofLane: lane),
              let reply = state.session.message(replyID), let parent = reply.parentID else { return [] }
        state.nextRequestID += 1
        // Models whose circuit is open leave the chain; the request is built for the model sent.
        let routed = routeLane(&state, model: model)
        // A tool turn's next round asks with the reply's rounds so far (its thread ends at the reply).
        let rounds = reply.toolRounds?.count ?? 0
        let upTo = rounds > 0 ? replyID : parent
        var stream = StreamState(requestID: state.nextRequestID, messageID: replyID, startedAt: state.now)
        stream.model = routed.model
        stream.offered = toolsToOffer(&state, lane: lane, model: routed.model)
        if rounds > 0 { stream.spendKey = "\(replyID)#round\(rounds + 1)" }
        state.lanes[lane].stream = stream
        state.lanes[lane].view.follow()
        var request = ChatRequest.build(model: routed.model, session: state.session, upTo: upTo, catalog: state.catalog,
                                        maxTokensCap: env.maxTokensCap, routing: state.routing)
        request.tools = stream.offered
        request.settings.fallbackModels = routed.fallbacks
        request.cache = env.features.cache
        request.fallbackPricing = request.fallbackPricing.filter { routed.fallbacks.contains($0.key) }
        // `:nitro` and `:floor` may be served by the dearest provider: reserve and check budgets at its prices.
        if let range = state.priceRanges[ModelVariant.parse(routed.model).base] {
            request.pricing = PriceRange.pricing(request.pricing.map { ModelInfo(id: routed.model, pricing: $0) }, for: routed.model,
                                                 range: range)?.pricing
        }
        if let maxTokens { request.maxTokens = min(request.maxTokens, maxTokens) }
        if let index = state.session.index(of: replyID) { state.session.messages[index].sentRoute = request.sentRoute }
        var effects: [Effect] = []
        if !state.demo {
            // Reserved before the first byte goes, so another window's budget check sees it.
            let spend = spendRequest(state, model: routed.model, provider: nil)
            noteFreeStart(&state, free: spend.free)
            let estimate = rounds > 0 ? toolRoundEstimate(request, env) : env.estimateCost(request, state.session, upTo)
            let worstCase = spend.free ? 0 : estimate.worstCase ?? 0
            effects.append(.reserveSpend(replyID: stream.spendKey, request: spend, worstCase: worstCase))
        }
        return effects + [.startStream(requestID: state.nextRequestID, request: request, journal: journalTarget(state, replyID: replyID))]
    }

    /// What the ledger is told about a reply of `model` in this session.
    static func spendRequest(_ state: AppState, model: String, provider: String?) -> SpendRequest {
        SpendRequest(model: model, provider: provider, sessionID: state.session.id, source: state.isComparing ? .compare : .chat,
                     free: SpendRequest.isFree(model: model, pricing: state.catalogEntry(model)?.pricing))
    }

    /// Applies one event of a lane's stream; events of cancelled requests are ignored.
    static func completion(_ state: inout AppState, requestID: Int, _ event: CompletionEvent, _ env: ReducerEnvironment) -> [Effect] {
        guard let lane = state.lane(streaming: requestID), var stream = state.lanes[lane].stream, stream.toolsSince == nil,
              let index = state.session.index(of: stream.messageID) else { return [] }
        let folded = fold(event, into: index, stream: &stream, &state)
        state.lanes[lane].stream = stream
        switch folded {
        case .nothing:
            return []
        case .arrived:
            if !state.lanes[lane].view.isFollowing { state.lanes[lane].view.hasUnseenBelow = true }
            return []
        case .finished(let reply):
            if reply.failure == nil, !reply.toolCalls.isEmpty, !stream.offered.isEmpty {
                return toolRoundEnded(&state, lane: lane, stream: stream, reply: reply, env)
            }
            return finishLane(&state, lane: lane, stream: stream, reply: reply)
        }
    }

    /// A lane's reply is done (its last round, in a tool turn): notices, save, records, spend
    /// (`settle`: the stream's own request is settled here; false when it was settled already).
    static func finishLane(_ state: inout AppState, lane: Int, stream: StreamState, reply: Reply, settle: Bool = true) -> [Effect] {
            state.lanes[lane].stream = nil
            let who = state.isComparing ? state.model(ofLane: lane) : nil
            if let failure = reply.failure, failure.kind != .cancelled {
                notify(&state, (who.map { "\($0): " } ?? "") + failure.oneLine, .error)
            } else if let warning = skippedWarning(reply, model: who) {
                notify(&state, warning, .error)
            }
            // The history records the whole turn: every tool round's tokens and cost with the last's.
            var turn = reply
            if let message = state.session.message(stream.messageID), message.toolRounds != nil { turn.usage = message.turnUsage }
            var effects: [Effect] = [.saveSession(state.session)] + replyRecord(state, lane: lane, stream: stream, reply: turn)
            // A tool turn's last request settles its own key (`reply#roundN`), looked up like any reply's.
            let lookup = settle ? generationLookup(state, messageID: stream.messageID, spendKey: stream.spendKey) : []
            if settle, lookup.isEmpty, !state.demo {
                effects.append(spendRecord(state, lane: lane, reply: reply, replyID: stream.spendKey) ?? .releaseSpend(replyID: stream.spendKey))
            }
            // The ledger's totals again (after the record, on the same queue): other windows' spend shows too.
            if !state.demo { effects.append(.computeSpentToday) }
            return effects + lookup + balanceRefresh(&state)
    }

    /// The ledger entry for a finished reply: its cost (a free model's reply costs 0 even
    /// when the server sent no cost, so it still counts against the free limits), or nil.
    static func spendRecord(_ state: AppState, lane: Int, reply: Reply, replyID: String? = nil) -> Effect? {
        guard let asked = state.model(ofLane: lane) ?? reply.model else { return nil }
        let request = spendRequest(state, model: asked, provider: reply.provider)
        guard let cost = reply.usage?.cost ?? (request.free ? 0 : nil), cost > 0 || request.free else { return nil }
        return .recordSpend(request, cost: cost, source: SpendEntry.CostSource.of(reply.usage) ?? .estimate, replyID: replyID)
    }

    /// "3 unreadable stream events were skipped…", when the server sent any.
    static func skippedWarning(_ reply: Reply, model: String? = nil) -> String? {
        guard reply.skippedEvents > 0 else { return nil }
        let count = reply.skippedEvents == 1 ? "1 unreadable stream event was" : "\(reply.skippedEvents) unreadable stream events were"
        return (model.map { "\($0): " } ?? "") + "\(count) skipped; the reply may be missing text"
    }

    /// What one stream event did to its reply.
    enum Folded {
        case nothing, arrived, finished(Reply)
    }

    /// Applies a stream event to the reply at `index`.
    static func fold(_ event: CompletionEvent, into index: Int, stream: inout StreamState, _ state: inout AppState) -> Folded {
        stream.lastEventAt = state.now
        switch event {
        case .requestSent(let attempt):
            stream.attempt = attempt
        case .retrying(let attempt, let delay, let reason):
            stream.quietUntil = state.now.addingTimeInterval(delay)
            notify(&state, "attempt \(attempt) failed (\(reason.oneLine)); retrying in \(Int(delay.rounded(.up)))s", .error)
        case .keepAlive:
            stream.keepAlives += 1
        case .metadata(let model, let provider, let generationID):
            state.session.messages[index].modelServed = model
            state.session.messages[index].provider = provider
            state.session.messages[index].generationID = generationID
        case .contentDelta(let text):
            state.session.messages[index].content += text
            if stream.firstTokenAt == nil { stream.firstTokenAt = state.now }
            stream.lastTextAt = state.now
            return .arrived
        case .reasoningDelta(let text):
            // Appended in place: building a new string per delta made long reasoning quadratic.
            if state.session.messages[index].reasoning == nil { state.session.messages[index].reasoning = "" }
            state.session.messages[index].reasoning!.append(text)
            if stream.firstTokenAt == nil { stream.firstTokenAt = state.now }
            stream.lastTextAt = state.now
            return .arrived
        case .toolCall:
            break
        case .usage(let usage):
            state.session.messages[index].usage = usage
        case .citations(let citations):
            // On the message as they come: Esc or a tool round's save keeps them (earlier rounds' stay).
            state.session.messages[index].citations = Citation.union(state.session.messages[index].citations, citations)
        case .finished(let reply):
            var message = state.session.messages[index]
            let earlier = message.citations
            message.apply(reply)
            message.citations = Citation.union(earlier, reply.citations)
            state.session.update(message, at: state.now)
            // A reply whose exact cost is still to come from `/generation` counts when it lands.
            if state.demo || !reply.needsGenerationLookup { addSpend(&state, reply.usage?.cost ?? 0) }
            return .finished(reply)
        }
        return .nothing
    }

    /// Stops the streams of these lanes (every lane for nil) and saves: each reply keeps its
    /// text and is marked cancelled. Esc, Ctrl-C, quitting, a new session, resuming and
    /// entering compare mode all stop replies this way.
    ///
    /// The reducer does not wait for a stream's own `finished` event: by the time it
    /// arrives no lane has its request id, so it is ignored.
    static func cancelLanes(_ state: inout AppState, _ lanes: [Int]? = nil) -> [Effect] {
        let stopping = (lanes ?? Array(state.lanes.indices)).compactMap { state.lanes.indices.contains($0) ? state.lanes[$0].stream : nil }
        let effects = stopStreams(&state, lanes, reason: .cancelled)
        guard !effects.isEmpty else { return [] }
        notify(&state, stopping.count == 1 ? "cancelled: the text so far is kept" : "cancelled \(stopping.count) replies: their text so far is kept")
        return effects + [.saveSession(state.session)] + costOfStopped(state, stopping)
    }

    /// For replies just stopped: OpenRouter bills what was generated before the stop, so its
    /// record is asked for (a tool turn's later round too, under its own key); a reply with
    /// no record to ask for gives its reservation back. A lane stopped while running tools
    /// has no request in flight (its round was settled, or is being looked up).
    static func costOfStopped(_ state: AppState, _ streams: [StreamState]) -> [Effect] {
        guard !state.demo else { return [] }
        return streams.flatMap { stream -> [Effect] in
            if stream.toolsSince != nil { return [] }
            let lookup = generationLookup(state, messageID: stream.messageID, spendKey: stream.spendKey)
            return lookup.isEmpty ? [.releaseSpend(replyID: stream.spendKey)] : lookup
        }
    }

    /// Stops the streams of these lanes (every lane for nil), marking each reply with
    /// `reason` and keeping its text and the timings measured so far; returns the
    /// `cancelStream` effects.
    static func stopStreams(_ state: inout AppState, _ lanes: [Int]? = nil, reason: ReplyFailure) -> [Effect] {
        var effects: [Effect] = []
        for lane in lanes ?? Array(state.lanes.indices) {
            guard state.lanes.indices.contains(lane), let stream = state.lanes[lane].stream else { continue }
            state.lanes[lane].stream = nil
            // A tool turn paused by the budget ends with its lane: the hold goes too.
            if let hold = state.budgetHold, case .toolRound(let held, _) = hold.pending, held == lane { state.budgetHold = nil }
            effects.append(.cancelStream(requestID: stream.requestID))
            // Esc ends the whole tool turn: calls still running are cancelled with it.
            if stream.toolsSince != nil { effects.append(.cancelTools(requestID: stream.requestID)) }
            guard let index = state.session.index(of: stream.messageID) else { continue }
            state.session.messages[index].status = .cancelled
            state.session.messages[index].failure = reason
            if let first = stream.firstTokenAt {
                var timings = state.session.messages[index].timings ?? ReplyTimings(startedAt: stream.startedAt)
                timings.totalMs = state.now.timeIntervalSince(stream.startedAt) * 1000
                timings.ttftMs = first.timeIntervalSince(stream.startedAt) * 1000
                state.session.messages[index].timings = timings
            }
        }
        return effects
    }

    /// Asks the focused lane's last prompt again: a new version of its reply, in that model's thread.
    static func regenerate(_ state: inout AppState, _ env: ReducerEnvironment, budget: BudgetPass = .check) -> [Effect] {
        let lane = state.focusedLane
        guard state.lanes[lane].stream == nil else {
            notify(&state, state.isComparing ? "this pane is still streaming: \(env.bindings.name(.cancelOrClear)) stops it" : "a reply is still streaming: \(env.bindings.name(.cancelOrClear)) stops it")
            return []
        }
        if budget == .check {
            var trial = state.session
            if let reply = trial.appendRetry(lane: lane, at: state.now, makeID: { "budget-check" }),
               let model = trial.laneModels[lane], let parent = trial.message(reply)?.parentID {
                let request = ChatRequest.build(model: model, session: trial, upTo: parent, catalog: state.catalog, maxTokensCap: env.maxTokensCap, routing: state.routing)
                guard budgetAllows(&state, [env.estimateCost(request, trial, parent)], pending: .regenerate(lane: lane), env) else { return [] }
            }
        }
        guard let reply = state.session.appendRetry(lane: lane, at: state.now, makeID: env.makeID) else {
            notify(&state, "nothing to regenerate yet")
            return []
        }
        return [.saveSession(state.session)] + startLane(&state, lane, replyID: reply, env, maxTokens: budget.maxTokens)
    }

    /// Queues a scroll on the focused lane, or on every lane while compare panes scroll together.
    static func scroll(_ state: inout AppState, _ intent: TranscriptViewState.ScrollIntent) {
        for lane in state.lanes.indices where lane == state.focusedLane || (state.scrollLocked && state.isComparing) {
            if intent == .bottom {
                state.lanes[lane].view.pendingScroll = [.bottom]
                state.lanes[lane].view.hasUnseenBelow = false
            } else {
                state.lanes[lane].view.pendingScroll.append(intent)
            }
        }
    }

    /// Moves focus to a lane (clamped).
    static func focusLane(_ state: inout AppState, _ lane: Int) {
        state.focusedLane = max(0, min(state.lanes.count - 1, lane))
    }
}
