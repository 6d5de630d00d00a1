import Foundation
import PrismCore
import PrismTerminal

/// Lays out transcript messages on demand and remembers the result.
///
/// Only messages that reach the screen are ever laid out. A message is laid out
/// again only when something that shows changed (its text grew, its status,
/// the width, selection, reasoning toggle, theme); a streaming reply's body is
/// re-laid through an incremental markdown document, so each chunk costs only
/// the unfinished tail.
final class TranscriptLayout {
    struct Fingerprint: Equatable {
        var contentCount: Int
        var reasoningCount: Int
        var status: Message.Status?
        var expanded: Bool
        var selected: Bool
        var width: Int
        var siblings: Int
        var siblingIndex: Int
        var hasUsage: Bool
        var hasTimings: Bool
        var spinner: String
        var theme: String
        var provider: String?
    }

    /// What, besides the message, decides how it looks: the stream, selection, reasoning toggles.
    struct ViewContext {
        var streamingID: String?
        var selectedID: String?
        var expanded: Set<String>
        var spinnerFrame: Int
        /// Show "‹2/3›" on replies with siblings (off in compare panes, where the siblings are the other models).
        var showsSiblings = true

        /// The main transcript's context.
        init(_ state: AppState) {
            streamingID = state.stream?.messageID
            selectedID = state.focus == .transcript ? state.transcript.selectedMessageID : nil
            expanded = state.transcript.expandedReasoning
            spinnerFrame = state.spinnerFrame
        }

        init(streamingID: String?, selectedID: String? = nil, expanded: Set<String>, spinnerFrame: Int, showsSiblings: Bool = true) {
            self.showsSiblings = showsSiblings
            self.streamingID = streamingID
            self.selectedID = selectedID
            self.expanded = expanded
            self.spinnerFrame = spinnerFrame
        }
    }

    private var blocks: [String: (fingerprint: Fingerprint, lines: [StyledLine])] = [:]
    /// The streaming reply's body lines and their indented copies, so each frame indents
    /// only the lines that changed (finished markdown blocks come back as the same values).
    private var streamingBody: (id: String, selected: Bool, theme: String, source: [StyledLine], indented: [StyledLine])?
    private let bodies = MessageBodies()
    private var branchKey: (count: Int, leaf: String?)?
    private var branchIDs: [String] = []
    private var branchIndex: [String: Int] = [:]
    /// Children of each parent ("" for roots), in creation order, to show "‹2/3›" without scanning.
    private var children: [String: [String]] = [:]
    private var childrenCount: Int?
    /// Where each message sits in `session.messages` (they are only ever appended).
    private var indexByID: [String: Int] = [:]

    /// Ids of the current branch, root first (cached until messages are added or the branch changes).
    func branch(of session: Session) -> [String] {
        branch(of: session, endingAt: session.currentLeafID)
    }

    /// Ids of the branch ending at `leaf`, root first (one compare pane's thread, say).
    func branch(of session: Session, endingAt leaf: String?) -> [String] {
        refreshChildren(session)
        if let key = branchKey, key.count == session.messages.count, key.leaf == leaf {
            return branchIDs
        }
        branchIDs = session.branch(endingAt: leaf).map(\.id)
        branchIndex = Dictionary(uniqueKeysWithValues: branchIDs.enumerated().map { ($1, $0) })
        branchKey = (session.messages.count, leaf)
        return branchIDs
    }

    private func refreshChildren(_ session: Session) {
        guard childrenCount != session.messages.count else { return }
        children = Dictionary(grouping: session.messages, by: { $0.parentID ?? "" }).mapValues { $0.map(\.id) }
        indexByID = Dictionary(session.messages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        childrenCount = session.messages.count
    }

    func position(of id: String) -> Int? { branchIndex[id] }

    /// The laid-out rows of one message.
    func lines(of id: String, in state: AppState, width: Int, theme: Theme) -> [StyledLine] {
        lines(of: id, in: state.session, context: ViewContext(state), width: width, theme: theme)
    }

    /// The laid-out rows of one message, drawn in a given context.
    func lines(of id: String, in session: Session, context: ViewContext, width: Int, theme: Theme) -> [StyledLine] {
        refreshChildren(session)
        let message: Message
        if let i = indexByID[id], i < session.messages.count, session.messages[i].id == id {
            message = session.messages[i]
        } else if let found = session.message(id) {
            message = found
        } else {
            return []
        }
        let streaming = context.streamingID == id
        let siblings = message.role == .assistant && context.showsSiblings ? children[message.parentID ?? ""] ?? [] : []
        let siblingIndex = siblings.firstIndex(of: id) ?? 0
        let spinner = streaming ? StatusBar.spinner[context.spinnerFrame % StatusBar.spinner.count] : ""
        let fingerprint = Fingerprint(
            contentCount: message.content.utf8.count, reasoningCount: message.reasoning?.utf8.count ?? 0,
            status: message.status, expanded: context.expanded.contains(id),
            selected: context.selectedID == id, width: width,
            siblings: siblings.count, siblingIndex: siblingIndex, hasUsage: message.usage != nil,
            hasTimings: message.timings != nil, spinner: spinner, theme: theme.name, provider: message.provider)
        if let cached = blocks[id], cached.fingerprint == fingerprint { return cached.lines }
        let bodyWidth = max(1, width - MessageBlock.gutter)
        let body = bodies.lines(for: message, width: bodyWidth, theme: theme)
        let block = MessageBlock(message: message, width: width, theme: theme, expanded: fingerprint.expanded,
                                 selected: fingerprint.selected, streaming: streaming, siblingIndex: siblingIndex,
                                 siblingCount: siblings.count, spinner: spinner)
        let lines: [StyledLine]
        if streaming {
            lines = block.lines(indentedBody: indentStreaming(body, id: id, selected: fingerprint.selected, theme: theme))
        } else {
            if streamingBody?.id == id { streamingBody = nil }
            lines = block.lines(body: body)
        }
        blocks[id] = (fingerprint, lines)
        return lines
    }

    /// Indents a streaming reply's body, reusing the indented lines of every leading line
    /// that is unchanged since the last frame. Unchanged lines share their storage with the
    /// markdown document's cache, so telling them apart costs next to nothing.
    private func indentStreaming(_ body: [StyledLine], id: String, selected: Bool, theme: Theme) -> [StyledLine] {
        var entry = streamingBody ?? (id, selected, theme.name, [], [])
        streamingBody = nil  // keep the arrays uniquely referenced while they change
        if entry.id != id || entry.selected != selected || entry.theme != theme.name {
            entry = (id, selected, theme.name, [], [])
        }
        var kept = 0
        let limit = min(entry.source.count, body.count)
        while kept < limit, entry.source[kept] == body[kept] { kept += 1 }
        entry.source.removeSubrange(kept...)
        entry.indented.removeSubrange(kept...)
        for line in body[kept...] {
            entry.source.append(line)
            entry.indented.append(MessageBlock.indent(line, selected: selected, theme: theme))
        }
        streamingBody = entry
        return entry.indented
    }

    /// Forgets everything (a new session was loaded).
    func reset() {
        blocks.removeAll()
        streamingBody = nil
        bodies.reset()
        branchKey = nil
        childrenCount = nil
    }
}
