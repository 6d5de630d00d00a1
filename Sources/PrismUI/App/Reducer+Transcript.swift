import Foundation
import PrismCore

extension Reducer {
    /// The selected message, or the last one of the branch.
    static func selectedOrLast(_ state: AppState) -> Message? {
        if let compare = state.compare {
            let thread = state.session.compareThread(compare.focused)
            return thread.first { $0.id == state.transcript.selectedMessageID } ?? thread.last
        }
        if let id = state.transcript.selectedMessageID, let m = state.session.message(id) { return m }
        return state.session.currentBranch.last
    }

    /// The selected reply, or the last reply of the branch.
    static func selectedOrLastReply(_ state: AppState) -> Message? {
        if state.compare != nil, let m = selectedOrLast(state), m.role == .assistant { return m }
        if let compare = state.compare { return state.session.compareThread(compare.focused).last { $0.role == .assistant } }
        if let m = selectedOrLast(state), m.role == .assistant { return m }
        return state.session.currentBranch.last { $0.role == .assistant }
    }

    /// Selects the previous or next message of the branch and scrolls to it.
    static func jumpMessage(_ state: inout AppState, by step: Int) {
        let branch = state.compare.map { state.session.compareThread($0.focused) } ?? state.session.currentBranch
        guard !branch.isEmpty else { return }
        let current = state.transcript.selectedMessageID.flatMap { id in branch.firstIndex { $0.id == id } } ?? branch.count
        let next = max(0, min(branch.count - 1, current + step))
        state.transcript.selectedMessageID = branch[next].id
        if let compare = state.compare {
            state.compare?.panes[compare.focused].view.pendingScroll.append(.message(branch[next].id))
        } else {
            state.transcript.pendingScroll.append(.message(branch[next].id))
        }
    }

    /// Shows another version (sibling) of the selected reply, and the branch under it.
    static func flipSibling(_ state: inout AppState, by step: Int) -> [Effect] {
        if state.compare != nil { return compareFlip(&state, by: step) }
        guard !state.isStreaming, let message = selectedOrLastReply(state) else { return [] }
        let siblings = state.session.siblings(of: message.id)
        guard siblings.count > 1, let i = siblings.firstIndex(where: { $0.id == message.id }) else {
            notify(&state, "this reply has no other versions")
            return []
        }
        let target = siblings[(i + step + siblings.count) % siblings.count]
        state.session.select(target.id)
        state.transcript.selectedMessageID = target.id
        notify(&state, "version \((i + step + siblings.count) % siblings.count + 1) of \(siblings.count)")
        return [.saveSession(state.session)]
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
