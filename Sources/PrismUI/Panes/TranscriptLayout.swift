import Foundation
import PrismCore
import PrismTerminal

/// Lays out transcript messages on demand and remembers the result.
///
/// Only messages that reach the screen are ever laid out, and a message comes in parts:
/// its body's pieces (see `MarkdownDocument`), the first with the header and reasoning
/// before it, the last with the status line and gap after it. So a 50 MB reply is laid
/// out one piece at a time, where it is shown. A part is laid out again only when
/// something that shows in it changed (its piece's text, the status, the width,
/// selection, reasoning toggle, theme); a streaming reply's last piece is re-laid
/// through the incremental markdown document, so each chunk costs only the unfinished
/// tail. Laid-out parts are kept within a budget of lines, least recently used first out.
final class TranscriptLayout {
    struct Fingerprint: Equatable {
        var reasoningCount: Int
        var contentEmpty: Bool
        var status: Message.Status?
        var expanded: Bool
        var selected: Bool
        var width: Int
        var siblings: Int
        var siblingIndex: Int
        /// The figures the header shows (a tool turn's are every round's): a cost learnt later
        /// (`/generation`, a round's record) redraws it even when the reply already had usage.
        var usage: TokenUsage?
        var hasTimings: Bool
        var spinner: String
        var theme: String
        var provider: String?
        /// The model that served (with `provider`, what the "served by" line is told from).
        var served: String? = nil
        /// Attachments and tool calls shown under the body (they arrive with the finished reply).
        var extras = 0
        /// The route decision's line under the header (a routed reply).
        var routeLine: String? = nil
        /// The body piece's version, and whether this part carries the header or the footer.
        var piece = 0
        var first = true
        var last = true
        /// The tool rounds as drawn (calls, states, results, expanded, running times); 0 without tools.
        var tools = 0
    }

    /// What, besides the message, decides how it looks: the stream, selection, reasoning toggles.
    struct ViewContext {
        var streamingID: String?
        var selectedID: String?
        var expanded: Set<String>
        var spinnerFrame: Int
        /// Show "‹2/3›" on replies with siblings (off in compare panes, where the siblings are the other models).
        var showsSiblings = true
        /// How the folded reasoning line names the key that unfolds it. Not in the cache's
        /// fingerprint: the bindings are fixed for a run, and so for a renderer's layouts.
        var reasoningKey = "Ctrl-R"
        /// Replies whose tool results show whole.
        var expandedTools: Set<String> = []
        /// The streaming reply's running tool calls (by place in its last round), and the time now.
        var toolStarts: [Int: Date] = [:]
        var now = Date(timeIntervalSince1970: 0)

        /// A lane's context: its stream, its selection (while the transcript has the keys and
        /// the lane is focused) and its expanded reasoning. Compare panes hide "‹2/3›": there
        /// the siblings are the other models' replies.
        init(_ state: AppState, lane: Int) {
            let view = state.lanes[lane].view
            // A tool turn the budget holds is paused: no "waiting for the first token".
            streamingID = state.pausedToolLane == lane ? nil : state.lanes[lane].stream?.messageID
            selectedID = state.focus == .transcript && lane == state.focusedLane ? view.selectedMessageID : nil
            expanded = view.expandedReasoning
            spinnerFrame = state.spinnerFrame
            showsSiblings = !state.isComparing
            expandedTools = view.expandedTools
            toolStarts = state.lanes[lane].stream?.toolStarts ?? [:]
            now = state.now
        }
    }

    private struct PartKey: Hashable {
        var id: String
        var part: Int
    }

    private var parts: [PartKey: (fingerprint: Fingerprint, lines: [StyledLine], lastUse: UInt64)] = [:]
    private var cachedLines = 0
    private var clock: UInt64 = 0
    /// Lines of laid-out parts kept (a 200×60 screen shows 60; a 50 MB reply has millions).
    static let lineBudget = 60_000
    /// Word counts of reasoning seen so far, counted as the reasoning grows.
    private var reasoningWords: [String: (bytes: Int, words: Int, inWord: Bool)] = [:]
    /// The streaming reply's last part: its body lines and their indented copies, so each
    /// frame indents only the lines that changed (finished markdown blocks come back as the same values).
    private var streamingBody: (key: PartKey, selected: Bool, theme: String, source: [StyledLine], indented: [StyledLine])?
    private let bodies: MessageBodies
    /// Lines of laid-out parts kept before the least recently used are dropped.
    let lineBudget: Int

    init(pieces: MessageBodies.Pieces = .standard, lineBudget: Int = TranscriptLayout.lineBudget) {
        bodies = MessageBodies(pieces: pieces)
        self.lineBudget = lineBudget
    }

    /// Lines kept in laid-out parts right now (tests check the budget holds).
    var linesKept: Int { cachedLines }

    /// Finished markdown blocks of a reply laid out so far (tests check laziness with it).
    func blocksRendered(for id: String) -> Int { bodies.blocksRendered(for: id) }
    private var branchKey: (count: Int, leaf: String?, last: String?)?
    private var branchIDs: [String] = []
    private var branchIndex: [String: Int] = [:]
    /// Children of each parent ("" for roots), in creation order, to show "‹2/3›" without scanning.
    private var children: [String: [String]] = [:]
    private var childrenCount: Int?
    private var childrenLast: String?
    /// The roles of `children`, in the same order.
    private var childRoles: [String: [Message.Role]] = [:]
    /// Where each message sits in `session.messages` (they are only ever appended).
    private var indexByID: [String: Int] = [:]

    /// Ids of the current branch, root first (cached until messages are added or the branch changes).
    func branch(of session: Session) -> [String] {
        branch(of: session, endingAt: session.currentLeafID)
    }

    /// Ids of the branch ending at `leaf`, root first (one compare pane's thread, say).
    func branch(of session: Session, endingAt leaf: String?) -> [String] {
        refreshChildren(session)
        if let key = branchKey, key.count == session.messages.count, key.leaf == leaf, key.last == session.messages.last?.id {
            return branchIDs
        }
        branchIDs = session.branch(endingAt: leaf).map(\.id)
        branchIndex = Dictionary(uniqueKeysWithValues: branchIDs.enumerated().map { ($1, $0) })
        branchKey = (session.messages.count, leaf, session.messages.last?.id)
        return branchIDs
    }

    /// The message's versions: its siblings of the same role (a prompt's edits, a reply's regenerations).
    private func versions(of message: Message) -> [String] {
        let all = children[message.parentID ?? ""] ?? []
        guard all.count > 1, let roles = childRoles[message.parentID ?? ""] else { return all }
        return zip(all, roles).filter { $0.1 == message.role }.map(\.0)
    }

    private func refreshChildren(_ session: Session) {
        // Deleting messages shrinks the list, so the count alone could match again after new ones; the newest id cannot.
        guard childrenCount != session.messages.count || childrenLast != session.messages.last?.id else { return }
        // One pass over the messages (a 10,000-message session is laid out cold when opened).
        children = [:]
        childRoles = [:]
        indexByID = [:]
        indexByID.reserveCapacity(session.messages.count)
        for (i, m) in session.messages.enumerated() {
            let parent = m.parentID ?? ""
            children[parent, default: []].append(m.id)
            childRoles[parent, default: []].append(m.role)
            if indexByID[m.id] == nil { indexByID[m.id] = i }
        }
        childrenLast = session.messages.last?.id
        childrenCount = session.messages.count
    }

    func position(of id: String) -> Int? { branchIndex[id] }

    private func findMessage(_ id: String, in session: Session) -> Message? {
        refreshChildren(session)
        if let i = indexByID[id], i < session.messages.count, session.messages[i].id == id { return session.messages[i] }
        return session.message(id)
    }

    /// How many parts a message is laid out in (at least one).
    func partCount(of id: String, in session: Session, theme: Theme) -> Int {
        guard let message = findMessage(id, in: session) else { return 1 }
        return max(1, bodies.pieceCount(for: message, theme: theme))
    }

    /// The laid-out rows of one message, all parts, drawn in a given context.
    func lines(of id: String, in session: Session, context: ViewContext, width: Int, theme: Theme) -> [StyledLine] {
        (0..<partCount(of: id, in: session, theme: theme)).flatMap {
            lines(of: id, part: $0, in: session, context: context, width: width, theme: theme)
        }
    }

    /// The laid-out rows of one part of a message, drawn in a given context.
    func lines(of id: String, part: Int, in session: Session, context: ViewContext, width: Int, theme: Theme) -> [StyledLine] {
        guard let message = findMessage(id, in: session) else { return [] }
        let count = max(1, bodies.pieceCount(for: message, theme: theme))
        guard part >= 0, part < count else { return [] }
        let streaming = context.streamingID == id
        let siblings = message.role != .system && context.showsSiblings ? versions(of: message) : []
        let siblingIndex = siblings.firstIndex(of: id) ?? 0
        let spinner = streaming ? StatusBar.spinner[context.spinnerFrame % StatusBar.spinner.count] : ""
        let selected = context.selectedID == id
        var fingerprint = Fingerprint(
            reasoningCount: message.reasoning?.utf8.count ?? 0, contentEmpty: message.content.isEmpty,
            status: message.status, expanded: context.expanded.contains(id),
            selected: selected, width: width,
            siblings: siblings.count, siblingIndex: siblingIndex, usage: message.turnUsage,
            hasTimings: message.timings != nil, spinner: spinner, theme: theme.name, provider: message.provider,
            served: message.modelServed, extras: message.attachments.count + (message.toolCalls?.count ?? 0),
            routeLine: message.routeDecision?.line, piece: bodies.version(of: part, for: message, theme: theme), first: part == 0, last: part == count - 1)
        let tools = part != 0 ? nil : message.toolRounds.map { toolLines($0, message: message, streaming: streaming, context: context, width: width, theme: theme) }
        if part == 0, let tools {
            var hasher = Hasher()
            hasher.combine(tools.map(\.text))
            fingerprint.tools = hasher.finalize() | 1
        }
        if !fingerprint.first && !fingerprint.last {
            // A middle part is body only: the header's and footer's facts do not show in it.
            fingerprint = Fingerprint(reasoningCount: 0, contentEmpty: false, status: nil, expanded: false, selected: selected,
                                      width: width, siblings: 0, siblingIndex: 0, usage: nil, hasTimings: false, spinner: "",
                                      theme: theme.name, provider: nil, piece: fingerprint.piece, first: false, last: false)
        }
        let key = PartKey(id: id, part: part)
        clock += 1
        if let cached = parts[key], cached.fingerprint == fingerprint {
            parts[key]?.lastUse = clock
            return cached.lines
        }
        let bodyWidth = max(1, width - MessageBlock.gutter)
        let body = bodies.lines(for: message, piece: part, width: bodyWidth, theme: theme)
        let block = MessageBlock(message: message, width: width, theme: theme, expanded: fingerprint.expanded,
                                 selected: selected, streaming: streaming, siblingIndex: siblingIndex,
                                 siblingCount: siblings.count, spinner: spinner, reasoningKey: context.reasoningKey,
                                 toolLines: fingerprint.first ? tools ?? [] : [])
        var lines = fingerprint.first ? block.top(reasoningWords: words(in: message)) : []
        if streaming && fingerprint.last {
            lines += indentStreaming(body, key: key, selected: selected, theme: theme)
        } else {
            if streamingBody?.key == key { streamingBody = nil }
            lines += body.map { MessageBlock.indent($0, selected: selected, theme: theme) }
        }
        if fingerprint.last { lines += block.bottom() }
        store(lines, fingerprint: fingerprint, as: key)
        return lines
    }

    /// A reply's tool rounds as the transcript draws them (`ToolLines`).
    private func toolLines(_ rounds: [ToolRound], message: Message, streaming: Bool, context: ViewContext, width: Int, theme: Theme) -> [StyledLine] {
        ToolLines(rounds: rounds, width: width, theme: theme, expanded: context.expandedTools.contains(message.id), live: streaming,
                  starts: streaming ? context.toolStarts : [:], now: context.now).lines()
    }

    private func store(_ lines: [StyledLine], fingerprint: Fingerprint, as key: PartKey) {
        cachedLines += lines.count - (parts[key]?.lines.count ?? 0)
        parts[key] = (fingerprint, lines, clock)
        guard cachedLines > lineBudget else { return }
        // Drop the least recently used parts (never the one just laid out) down to three quarters
        // of the budget, so this sort happens once in a while rather than on every part.
        let byAge = parts.filter { $0.key != key }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (old, entry) in byAge {
            cachedLines -= entry.lines.count
            parts[old] = nil
            if cachedLines <= lineBudget * 3 / 4 { break }
        }
    }

    /// The reasoning's word count, counting only what was added since the last call.
    private func words(in message: Message) -> Int? {
        guard let reasoning = message.reasoning, !reasoning.isEmpty else { return nil }
        let utf8 = reasoning.utf8
        var entry = reasoningWords[message.id] ?? (0, 0, false)
        if entry.bytes > utf8.count { entry = (0, 0, false) }
        guard entry.bytes < utf8.count else { return entry.words }
        let start = utf8.index(utf8.startIndex, offsetBy: entry.bytes)
        // Only whole characters were appended (deltas are Strings), so the new text starts at one.
        for ch in reasoning[start...] {
            let inWord = !ch.isWhitespace
            if inWord && !entry.inWord { entry.words += 1 }
            entry.inWord = inWord
        }
        entry.bytes = utf8.count
        reasoningWords[message.id] = entry
        return entry.words
    }

    /// Indents a streaming reply's last part, reusing the indented lines of every leading line
    /// that is unchanged since the last frame. Unchanged lines share their storage with the
    /// markdown document's cache, so telling them apart costs next to nothing.
    private func indentStreaming(_ body: [StyledLine], key: PartKey, selected: Bool, theme: Theme) -> [StyledLine] {
        var entry = streamingBody ?? (key, selected, theme.name, [], [])
        streamingBody = nil  // keep the arrays uniquely referenced while they change
        if entry.key != key || entry.selected != selected || entry.theme != theme.name {
            entry = (key, selected, theme.name, [], [])
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
        parts.removeAll()
        cachedLines = 0
        reasoningWords.removeAll()
        streamingBody = nil
        bodies.reset()
        branchKey = nil
        childrenCount = nil
    }
}
