import Foundation
import PrismCore
import PrismTerminal

/// Draws one lane's thread (the transcript of single chat, or the body of a compare pane) and resolves its scroll requests.
///
/// Scrolling is an anchor (message, part, row) and the pane walks outward from it,
/// laying out only the message parts that reach the screen; following the bottom walks
/// backwards from the newest part. Queued scroll intents are resolved here because only
/// layout knows how tall parts are. Each lane has its own layout cache and view state,
/// so compare panes scroll independently and a streaming reply costs only its tail.
enum TranscriptPane {
    static func render(_ state: inout AppState, lane: Int, layout: TranscriptLayout, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard !rect.isEmpty, state.lanes.indices.contains(lane) else { return }
        frame.fill(rect, style: theme.style(.background))
        let ids = layout.branch(of: state.session, endingAt: state.session.leaf(ofLane: lane))
        if ids.isEmpty {
            if state.isComparing {
                frame.put("Type a prompt: it goes to every pane.".truncated(to: rect.width - 2), at: Point(x: rect.x + 2, y: rect.y + 1),
                          style: theme.style(.textMuted), clip: rect)
            } else {
                welcome(state, bindings: bindings, theme: theme, into: &frame, rect: rect)
            }
            state.lanes[lane].view.pendingScroll = []
            return
        }
        let session = state.session
        var context = TranscriptLayout.ViewContext(state, lane: lane)
        context.reasoningKey = bindings.name(.toggleReasoning)
        let width = rect.width
        draw(ids: ids, view: &state.lanes[lane].view, layout: layout, bindings: bindings, theme: theme, into: &frame, rect: rect,
             parts: { id in layout.partCount(of: id, in: session, theme: theme) },
             lines: { id, part in layout.lines(of: id, part: part, in: session, context: context, width: width, theme: theme) })
    }

    /// Draws the branch `ids` into `rect` from the view's anchor, resolving its queued scroll intents.
    static func draw(ids: [String], view: inout TranscriptViewState, layout: TranscriptLayout, bindings: KeyBindings = .defaults, theme: Theme,
                     into frame: inout Frame, rect: Rect, parts: @escaping (String) -> Int,
                     lines: @escaping (String, Int) -> [StyledLine]) {
        let scroller = Scroller(count: ids.count, viewport: rect.height, parts: { max(1, parts(ids[$0])) },
                                height: { lines(ids[$0.index], $0.part).count })

        // Resolve queued intents into an anchor or nil for "follow the bottom".
        var anchor: Scroller.Position? = view.anchor.flatMap { a in
            layout.position(of: a.messageID).map { i in
                Scroller.Position(item: .init(index: i, part: min(a.part, scroller.parts(i) - 1)), row: a.row)
            }
        }
        for intent in view.pendingScroll {
            switch intent {
            case .bottom: anchor = nil
            case .top: anchor = .init(item: .init(index: 0, part: 0), row: 0)
            case .message(let id): if let i = layout.position(of: id) { anchor = .init(item: .init(index: i, part: 0), row: 0) }
            case .lines(let n): anchor = scroller.move(anchor ?? scroller.topWhenFollowing(), by: n)
            case .pages(let n): anchor = scroller.move(anchor ?? scroller.topWhenFollowing(), by: n * max(1, rect.height - 2))
            }
            if let a = anchor, scroller.isAtBottom(from: a) { anchor = nil }
        }
        view.pendingScroll = []
        if let a = anchor, scroller.isAtBottom(from: a) { anchor = nil }
        view.anchor = anchor.map { .init(messageID: ids[$0.item.index], part: $0.item.part, row: $0.row) }
        if anchor == nil { view.hasUnseenBelow = false }

        // Draw from the anchor (or from the top of the followed tail) downward.
        let start = anchor ?? scroller.topWhenFollowing()
        var y = rect.y // a conversation shorter than the screen is drawn from the top
        var item: Scroller.Item? = start.item
        var skip = start.row
        let base = theme[.background]
        while let current = item, y < rect.maxY {
            for line in lines(ids[current.index], current.part).dropFirst(skip) {
                guard y < rect.maxY else { break }
                frame.put(line, at: Point(x: rect.x, y: y), clip: rect, over: base)
                y += 1
            }
            skip = 0
            item = scroller.next(current)
        }
        if view.hasUnseenBelow, anchor != nil {
            let label = StyledLine(rect.width >= 30 ? " ↓ new text below · \(bindings.name(.scrollBottom)) " : " ↓ more ", theme.style(.badge))
            frame.putRight(label, row: rect.maxY - 1, in: rect)
        }
    }

    /// Who the prompt goes to: the demo, OpenRouter, or the server `--base-url` or a profile named.
    static func welcomeLine(_ state: AppState) -> String {
        if state.demo { return "Demo mode: simulated models, nothing leaves this machine." }
        guard let server = state.serverLabel else { return "Chat with any model on OpenRouter." }
        return "Chat with the models on \(TerminalSanitizer.metadata(server))."
    }

    private static func welcome(_ state: AppState, bindings: KeyBindings, theme: Theme, into frame: inout Frame, rect: Rect) {
        var lines: [StyledLine] = [
            StyledLine("Prism", theme.style(.accent).adding(.bold)),
            StyledLine(welcomeLine(state), theme.style(.textMuted)),
            StyledLine(),
        ]
        if let model = state.session.model {
            lines.append(StyledLine("Model: \(model)", theme.style(.text)))
        } else {
            lines.append(StyledLine("Pick a model with \(bindings.name(.togglePicker)).", theme.style(.warning)))
        }
        lines.append(StyledLine("Type below and press \(bindings.name(.send)). \(bindings.name(.help)) lists every key.", theme.style(.textMuted)))
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            let w = DisplayWidth.of(line.text)
            frame.put(line, at: Point(x: rect.x + max(0, (rect.width - w) / 2), y: top + i), clip: rect)
        }
    }
}

/// Row arithmetic over the parts of messages, each of a known (lazily computed) height.
struct Scroller {
    /// One part of one message.
    struct Item: Equatable {
        var index: Int
        var part: Int
    }

    /// A row of a part.
    struct Position {
        var item: Item
        var row: Int
    }

    let count: Int
    let viewport: Int
    /// How many parts message `index` has (at least one).
    let parts: (Int) -> Int
    let height: (Item) -> Int

    func next(_ item: Item) -> Item? {
        if item.part + 1 < parts(item.index) { return Item(index: item.index, part: item.part + 1) }
        return item.index + 1 < count ? Item(index: item.index + 1, part: 0) : nil
    }

    func previous(_ item: Item) -> Item? {
        if item.part > 0 { return Item(index: item.index, part: item.part - 1) }
        return item.index > 0 ? Item(index: item.index - 1, part: parts(item.index - 1) - 1) : nil
    }

    private var last: Item? { count > 0 ? Item(index: count - 1, part: parts(count - 1) - 1) : nil }

    /// The top row when the newest line sits at the bottom of the viewport.
    func topWhenFollowing() -> Position {
        var remaining = viewport
        var item = last
        while let current = item {
            let h = height(current)
            if h >= remaining { return Position(item: current, row: h - remaining) }
            remaining -= h
            item = previous(current)
        }
        return Position(item: Item(index: 0, part: 0), row: 0)
    }

    /// Moves a position by `rows` (negative is up), clamped to the top.
    func move(_ position: Position, by rows: Int) -> Position {
        var item = position.item, r = position.row
        var n = rows
        while n < 0 {
            if r > 0 {
                let step = min(r, -n)
                r -= step
                n += step
            } else if let before = previous(item) {
                item = before
                r = height(item)
            } else {
                break
            }
        }
        while n > 0 {
            let h = height(item)
            let step = min(h - r, n)
            r += step
            n -= step
            if r >= h {
                guard let after = next(item) else { r = h; break }
                item = after
                r = 0
            }
        }
        return Position(item: item, row: r)
    }

    /// Whether everything from the position down fits in the viewport (so the view is at the bottom).
    func isAtBottom(from position: Position) -> Bool {
        var rows = -position.row
        var item: Item? = position.item
        while let current = item {
            rows += height(current)
            if rows > viewport { return false }
            item = next(current)
        }
        return true
    }
}
