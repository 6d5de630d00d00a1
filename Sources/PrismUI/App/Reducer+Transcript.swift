import Foundation
import PrismCore

extension Reducer {
    /// The message commands such as copy act on. In transcript focus it is the selected
    /// message of the focused lane, which the transcript marks with a bar; anywhere else it
    /// is that lane's newest reply, whatever was selected when the transcript last had the keys.
    static func selectedOrLast(_ state: AppState) -> Message? {
        let lane = state.focusedLane
        guard state.focus == .transcript else { return state.session.lastReply(inLane: lane) ?? state.session.thread(ofLane: lane).last }
        let thread = state.session.thread(ofLane: lane)
        return thread.last { $0.id == state.lane.view.selectedMessageID } ?? thread.last
    }

    /// The reply commands about replies (reasoning, code, versions) act on: in transcript focus
    /// the selected reply, or the reply to the selected prompt; anywhere else the newest reply.
    static func selectedOrLastReply(_ state: AppState) -> Message? {
        let lane = state.focusedLane
        let newest = state.session.lastReply(inLane: lane)
        guard state.focus == .transcript else { return newest }
        let thread = state.session.thread(ofLane: lane)
        guard let i = thread.lastIndex(where: { $0.id == state.lane.view.selectedMessageID }) else { return newest }
        if thread[i].role == .assistant { return thread[i] }
        if i + 1 < thread.count, thread[i + 1].role == .assistant { return thread[i + 1] }
        return newest
    }

    /// Gives the transcript the keys, selecting what is in view: the message at the top of
    /// the screen when scrolled up, else the newest one. An earlier selection is not kept.
    static func enterTranscript(_ state: inout AppState) {
        state.focus = .transcript
        let thread = state.session.thread(ofLane: state.focusedLane)
        let view = state.lane.view
        let inView = view.isFollowing ? nil : view.anchor.flatMap { anchor in thread.last { $0.id == anchor.messageID } }
        state.lane.view.selectedMessageID = (inView ?? thread.last)?.id
    }

    /// Keeps the rule "what the keys act on is marked": in transcript focus the focused lane
    /// always has a selected message of its own thread (after a pane change, a regenerated
    /// reply that replaced the selected one, a merge from another window).
    static func keepSelectionInThread(_ state: inout AppState) {
        guard state.focus == .transcript else { return }
        let thread = state.session.thread(ofLane: state.focusedLane)
        if let id = state.lane.view.selectedMessageID, thread.contains(where: { $0.id == id }) { return }
        state.lane.view.selectedMessageID = thread.last?.id
    }

    /// Selects the previous or next message of the focused lane's thread and scrolls to it,
    /// giving the transcript the keys (from the prompt, the first step selects the newest message).
    static func jumpMessage(_ state: inout AppState, by step: Int) {
        let thread = state.session.thread(ofLane: state.focusedLane)
        guard !thread.isEmpty else { return }
        let current: Int
        if state.focus == .transcript {
            current = state.lane.view.selectedMessageID.flatMap { id in thread.firstIndex { $0.id == id } } ?? thread.count
        } else {
            state.focus = .transcript
            current = thread.count - 1 - step
        }
        let next = max(0, min(thread.count - 1, current + step))
        state.lane.view.selectedMessageID = thread[next].id
        state.lane.view.pendingScroll.append(.message(thread[next].id))
    }

    /// Shows another version (sibling) of the selected message, and the thread under it.
    ///
    /// A selected prompt flips between its edits (each with its own replies); anything
    /// else flips the selected or newest reply between its regenerations. In a compare pane
    /// the versions are that model's own replies, never the other panes'.
    static func flipSibling(_ state: inout AppState, by step: Int, _ bindings: KeyBindings) -> [Effect] {
        let lane = state.focusedLane
        guard state.lanes[lane].stream == nil else { return [] }
        if !state.isComparing, let prompt = selectedPrompt(state) {
            let versions = state.session.siblings(of: prompt.id).filter { $0.role == .user }
            guard versions.count > 1 else {
                notify(&state, "this prompt has no other versions (\(bindings.name(.editLast)) edits it)")
                return []
            }
            return showVersion(&state, versions, from: prompt.id, by: step)
        }
        guard let message = selectedOrLastReply(state) else { return [] }
        let model = state.isComparing ? state.model(ofLane: lane) : nil
        let versions = state.session.siblings(of: message.id).filter { $0.role == .assistant && (model == nil || $0.modelRequested == model) }
        guard versions.count > 1 else {
            notify(&state, "this reply has no other versions")
            return []
        }
        return showVersion(&state, versions, from: message.id, by: step)
    }

    private static func showVersion(_ state: inout AppState, _ versions: [Message], from id: String, by step: Int) -> [Effect] {
        guard let i = versions.firstIndex(where: { $0.id == id }) else { return [] }
        let next = (i + step + versions.count) % versions.count
        state.session.showVersion(versions[next].id, inLane: state.focusedLane)
        state.lane.view.selectedMessageID = versions[next].id
        notify(&state, "version \(next + 1) of \(versions.count)")
        return [.saveSession(state.session)]
    }

    /// The prompt selected in the transcript, if the selection is one.
    static func selectedPrompt(_ state: AppState) -> Message? {
        guard state.focus == .transcript, let id = state.lane.view.selectedMessageID else { return nil }
        return state.session.thread(ofLane: state.focusedLane).last { $0.id == id && $0.role == .user }
    }

    /// Puts a prompt back in the editor; sending it makes a new version (a sibling) of it.
    ///
    /// In transcript focus it is the selected prompt (or the prompt of the selected reply),
    /// anywhere else the last one.
    static func editLast(_ state: inout AppState, _ bindings: KeyBindings) -> [Effect] {
        guard !state.isComparing else {
            notify(&state, "in compare mode, type the next prompt; \(bindings.name(.pickPane)) picks one model to branch with")
            return []
        }
        guard !state.isStreaming else { return [] }
        let thread = state.session.currentBranch
        var target = thread.last { $0.role == .user }
        var which = "the last prompt"
        if state.focus == .transcript, let id = state.lane.view.selectedMessageID, let i = thread.lastIndex(where: { $0.id == id }) {
            if let prompt = thread[...i].last(where: { $0.role == .user }), prompt.id != target?.id {
                which = "an earlier prompt"
                target = prompt
            }
        }
        guard let target else { return [] }
        state.prompt.set(target.content)
        state.editingPromptID = target.id
        state.focus = .prompt
        notify(&state, "editing \(which): \(bindings.name(.send)) sends it as a new version")
        return []
    }
}

/// Finds fenced code blocks in markdown text.
public enum CodeBlocks {
    /// The contents of the last fenced code block, without its fences.
    public static func last(in text: String) -> String? {
        var blocks: [String] = []
        var current: [Substring]?
        var fence = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if current == nil, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                current = []
            } else if current != nil, trimmed.hasPrefix(fence), trimmed.drop(while: { String($0) == String(fence.first!) }).allSatisfy(\.isWhitespace) {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        if let open = current { blocks.append(open.joined(separator: "\n")) }
        return blocks.last
    }
}
