import Foundation
import PrismCore

extension Reducer {
    /// The selected message of the focused lane, or the last one of its thread.
    static func selectedOrLast(_ state: AppState) -> Message? {
        let thread = state.session.thread(ofLane: state.focusedLane)
        return thread.last { $0.id == state.lane.view.selectedMessageID } ?? thread.last
    }

    /// The selected reply of the focused lane, or the last reply of its thread.
    static func selectedOrLastReply(_ state: AppState) -> Message? {
        if let m = selectedOrLast(state), m.role == .assistant { return m }
        return state.session.lastReply(inLane: state.focusedLane)
    }

    /// Selects the previous or next message of the focused lane's thread and scrolls to it.
    static func jumpMessage(_ state: inout AppState, by step: Int) {
        let thread = state.session.thread(ofLane: state.focusedLane)
        guard !thread.isEmpty else { return }
        let current = state.lane.view.selectedMessageID.flatMap { id in thread.firstIndex { $0.id == id } } ?? thread.count
        let next = max(0, min(thread.count - 1, current + step))
        state.lane.view.selectedMessageID = thread[next].id
        state.lane.view.pendingScroll.append(.message(thread[next].id))
    }

    /// Shows another version (sibling) of the selected reply, and the thread under it.
    ///
    /// In a compare pane the versions are that model's own, never the other panes' replies.
    static func flipSibling(_ state: inout AppState, by step: Int) -> [Effect] {
        let lane = state.focusedLane
        guard state.lanes[lane].stream == nil, let message = selectedOrLastReply(state) else { return [] }
        let model = state.isComparing ? state.model(ofLane: lane) : nil
        let versions = state.session.siblings(of: message.id).filter { $0.role == .assistant && (model == nil || $0.modelRequested == model) }
        guard versions.count > 1, let i = versions.firstIndex(where: { $0.id == message.id }) else {
            notify(&state, "this reply has no other versions")
            return []
        }
        let next = (i + step + versions.count) % versions.count
        state.session.showVersion(versions[next].id, inLane: lane)
        state.lane.view.selectedMessageID = versions[next].id
        notify(&state, "version \(next + 1) of \(versions.count)")
        return [.saveSession(state.session)]
    }

    /// Puts the last prompt back in the editor; sending it makes a sibling of the old prompt.
    static func editLast(_ state: inout AppState) -> [Effect] {
        guard !state.isComparing else {
            notify(&state, "in compare mode, type the next prompt; Alt-P picks one model to branch with")
            return []
        }
        guard !state.isStreaming, let last = state.session.currentBranch.last(where: { $0.role == .user }) else { return [] }
        state.prompt.set(last.content)
        state.editingPromptID = last.id
        state.focus = .prompt
        notify(&state, "editing the last prompt: Enter sends it as a new branch")
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
