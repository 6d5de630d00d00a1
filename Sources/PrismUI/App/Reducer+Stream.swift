import Foundation
import PrismCore

extension Reducer {
    /// Sends the prompt: records it, adds an empty reply to stream into, and starts the request.
    static func send(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        let text = state.prompt.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        if let effects = slashCommand(&state, text, env) { return effects }
        if state.compare != nil { return compareSend(&state, text, env) }
        guard !state.isStreaming else {
            notify(&state, "a reply is still streaming: Esc stops it")
            return []
        }
        guard state.session.model != nil else {
            notify(&state, "choose a model first")
            state.focus = .picker
            return []
        }
        let parent: String?
        if let editing = state.editingParentID {
            parent = editing.isEmpty ? nil : editing
        } else {
            parent = state.session.currentLeafID
        }
        let user = Message(id: env.makeID(), parentID: parent, role: .user, content: text,
                           attachments: state.pendingAttachments, createdAt: state.now)
        state.pendingAttachments = []
        if state.session.messages.isEmpty, state.session.id.isEmpty {
            state.session.id = env.makeSessionID(state.now)
        }
        state.session.append(user)
        state.history.record(text)
        state.prompt.clear()
        state.editingParentID = nil
        return [.appendHistory(text)] + startReply(&state, parentID: user.id, env)
    }

    /// Adds an empty assistant message under `parentID` and starts streaming into it.
    static func startReply(_ state: inout AppState, parentID: String, _ env: ReducerEnvironment) -> [Effect] {
        guard let model = state.session.model else { return [] }
        var reply = Message(id: env.makeID(), parentID: parentID, role: .assistant, content: "", createdAt: state.now)
        reply.modelRequested = model
        reply.status = .streaming
        state.session.append(reply)
        state.nextRequestID += 1
        state.stream = StreamState(requestID: state.nextRequestID, messageID: reply.id, startedAt: state.now)
        state.transcript.anchor = nil
        state.transcript.pendingScroll = []
        state.transcript.hasUnseenBelow = false

        let request = ChatRequest.build(model: model, session: state.session, upTo: parentID, catalog: state.catalog,
                                        maxTokensCap: env.maxTokensCap)
        return [.saveSession(state.session),
                .startStream(requestID: state.nextRequestID, request: request, journal: journalTarget(state, replyID: reply.id))]
    }

    /// Applies one event of the running request; events of older requests are ignored.
    static func completion(_ state: inout AppState, requestID: Int, _ event: CompletionEvent, _ env: ReducerEnvironment) -> [Effect] {
        if let pane = state.compare?.pane(streaming: requestID) { return compareCompletion(&state, pane: pane, event) }
        guard var stream = state.stream, stream.requestID == requestID,
              let index = state.session.index(of: stream.messageID) else { return [] }
        defer { if state.stream != nil { state.stream = stream } }
        switch fold(event, into: index, stream: &stream, &state) {
        case .nothing:
            return []
        case .arrived:
            if !state.transcript.isFollowing { state.transcript.hasUnseenBelow = true }
            return []
        case .finished(let reply):
            state.stream = nil
            if let failure = reply.failure, failure.kind != .cancelled {
                notify(&state, failure.oneLine, .error)
            } else if let warning = skippedWarning(reply) {
                notify(&state, warning, .error)
            }
            var effects: [Effect] = [.saveSession(state.session)]
            if let cost = reply.usage?.cost, cost > 0, !state.demo { effects.append(.recordSpend(cost)) }
            if !state.demo { effects.append(.fetchKeyInfo) }
            return effects
        }
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

    /// Applies a stream event to the reply at `index`, whichever pane (or the transcript) shows it.
    static func fold(_ event: CompletionEvent, into index: Int, stream: inout StreamState, _ state: inout AppState) -> Folded {
        switch event {
        case .requestSent(let attempt):
            stream.attempt = attempt
        case .retrying(let attempt, let delay, let reason):
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
            return .arrived
        case .reasoningDelta(let text):
            // Appended in place: building a new string per delta made long reasoning quadratic.
            if state.session.messages[index].reasoning == nil { state.session.messages[index].reasoning = "" }
            state.session.messages[index].reasoning!.append(text)
            if stream.firstTokenAt == nil { stream.firstTokenAt = state.now }
            return .arrived
        case .toolCall:
            break
        case .usage(let usage):
            state.session.messages[index].usage = usage
        case .finished(let reply):
            var message = state.session.messages[index]
            message.apply(reply)
            state.session.update(message, at: state.now)
            state.spentToday += reply.usage?.cost ?? 0
            return .finished(reply)
        }
        return .nothing
    }

    /// Stops the running reply now: the message keeps its text, is marked cancelled and saved.
    ///
    /// The reducer does not wait for the stream's own `finished` event: by the time it
    /// arrives the request id no longer matches, so it is ignored.
    static func cancelStream(_ state: inout AppState, _ stream: StreamState) -> [Effect] {
        state.stream = nil
        markCancelled(&state, stream)
        notify(&state, "cancelled: the text so far is kept")
        return [.cancelStream(requestID: stream.requestID), .saveSession(state.session)]
    }

    /// Marks a stream's reply cancelled, keeping its text and the timings measured so far.
    static func markCancelled(_ state: inout AppState, _ stream: StreamState) {
        if let index = state.session.index(of: stream.messageID) {
            state.session.messages[index].status = .cancelled
            state.session.messages[index].failure = .cancelled
            if stream.firstTokenAt != nil {
                var timings = state.session.messages[index].timings ?? ReplyTimings(startedAt: stream.startedAt)
                timings.totalMs = state.now.timeIntervalSince(stream.startedAt) * 1000
                if let first = stream.firstTokenAt { timings.ttftMs = first.timeIntervalSince(stream.startedAt) * 1000 }
                state.session.messages[index].timings = timings
            }
        }
    }

    /// Asks the last reply again; the new reply is a sibling of the old one.
    static func regenerate(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        guard !state.isStreaming else { return [] }
        guard let last = state.session.currentBranch.last(where: { $0.role == .assistant }),
              let parent = last.parentID else {
            notify(&state, "nothing to regenerate yet")
            return []
        }
        return startReply(&state, parentID: parent, env)
    }

    /// Puts the last prompt back in the editor; sending it makes a sibling of the old prompt.
    static func editLast(_ state: inout AppState) -> [Effect] {
        guard !state.isStreaming,
              let last = state.session.currentBranch.last(where: { $0.role == .user }) else { return [] }
        state.prompt.set(last.content)
        state.editingParentID = last.parentID ?? ""
        state.focus = .prompt
        notify(&state, "editing the last prompt: Enter sends it as a new branch")
        return []
    }
}
