import Foundation
import PrismCore
import PrismTerminal

/// Draws the visible part of the conversation and resolves scroll requests.
///
/// Scrolling is an anchor (message, row) and the pane walks outward from it,
/// laying out only messages that reach the screen; following the bottom walks
/// backwards from the newest message. Queued scroll intents are resolved here
/// because only layout knows how tall messages are.
enum TranscriptPane {
    static func render(_ state: inout AppState, layout: TranscriptLayout, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard !rect.isEmpty else { return }
        frame.fill(rect, style: theme.style(.background))
        let ids = layout.branch(of: state.session)
        let width = rect.width
        if ids.isEmpty {
            welcome(state, theme: theme, into: &frame, rect: rect)
            state.transcript.pendingScroll = []
            return
        }
        let snapshot = state
        draw(ids: ids, view: &state.transcript, layout: layout, theme: theme, into: &frame, rect: rect) { id in
            layout.lines(of: id, in: snapshot, width: width, theme: theme)
        }
    }

    /// Draws the branch `ids` into `rect` from the view's anchor, resolving its queued scroll intents.
    ///
    /// Shared by the transcript and by each compare pane, which keeps its own view state.
    static func draw(ids: [String], view: inout TranscriptViewState, layout: TranscriptLayout, theme: Theme,
                     into frame: inout Frame, rect: Rect, lines: @escaping (String) -> [StyledLine]) {
        func height(_ i: Int) -> Int { lines(ids[i]).count }
        let scroller = Scroller(count: ids.count, viewport: rect.height, height: height)

        // Resolve queued intents into an anchor (index, row) or nil for "follow the bottom".
        var anchor: (index: Int, row: Int)? = view.anchor.flatMap { a in
            layout.position(of: a.messageID).map { ($0, a.row) }
        }
        for intent in view.pendingScroll {
            switch intent {
            case .bottom: anchor = nil
            case .top: anchor = (0, 0)
            case .message(let id): if let i = layout.position(of: id) { anchor = (i, 0) }
            case .lines(let n): anchor = scroller.move(anchor ?? scroller.topWhenFollowing(), by: n)
            case .pages(let n): anchor = scroller.move(anchor ?? scroller.topWhenFollowing(), by: n * max(1, rect.height - 2))
            }
            if let a = anchor, scroller.isAtBottom(from: a) { anchor = nil }
        }
        view.pendingScroll = []
        if let a = anchor, scroller.isAtBottom(from: a) { anchor = nil }
        view.anchor = anchor.map { .init(messageID: ids[$0.index], row: $0.row) }
        if anchor == nil { view.hasUnseenBelow = false }

        // Draw from the anchor (or from the top of the followed tail) downward.
        let start = anchor ?? scroller.topWhenFollowing()
        var y = rect.y // a conversation shorter than the screen is drawn from the top
        var index = start.index
        var skip = start.row
        let base = theme[.background]
        while index < ids.count, y < rect.maxY {
            for line in lines(ids[index]).dropFirst(skip) {
                guard y < rect.maxY else { break }
                frame.put(line, at: Point(x: rect.x, y: y), clip: rect, over: base)
                y += 1
            }
            skip = 0
            index += 1
        }
        if view.hasUnseenBelow, anchor != nil {
            let label = StyledLine(rect.width >= 30 ? " ↓ new text below · Ctrl-End " : " ↓ more ", theme.style(.badge))
            frame.putRight(label, row: rect.maxY - 1, in: rect)
        }
    }

    private static func welcome(_ state: AppState, theme: Theme, into frame: inout Frame, rect: Rect) {
        var lines: [StyledLine] = [
            StyledLine("Prism", theme.style(.accent).adding(.bold)),
            StyledLine(state.demo ? "Demo mode: simulated models, nothing leaves this machine." : "Chat with any model on OpenRouter.", theme.style(.textMuted)),
            StyledLine(),
        ]
        if let model = state.session.model {
            lines.append(StyledLine("Model: \(model)", theme.style(.text)))
        } else {
            lines.append(StyledLine("Pick a model with Ctrl-P.", theme.style(.warning)))
        }
        lines.append(StyledLine("Type below and press Enter. F1 lists every key.", theme.style(.textMuted)))
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            let w = DisplayWidth.of(line.text)
            frame.put(line, at: Point(x: rect.x + max(0, (rect.width - w) / 2), y: top + i), clip: rect)
        }
    }
}

/// Row arithmetic over messages of known (lazily computed) heights.
struct Scroller {
    let count: Int
    let viewport: Int
    let height: (Int) -> Int

    /// The top row when the newest line sits at the bottom of the viewport.
    func topWhenFollowing() -> (index: Int, row: Int) {
        var remaining = viewport
        var i = count - 1
        while i >= 0 {
            let h = height(i)
            if h >= remaining { return (i, h - remaining) }
            remaining -= h
            i -= 1
        }
        return (0, 0)
    }

    /// Moves an anchor by `rows` (negative is up), clamped to the top.
    func move(_ anchor: (index: Int, row: Int), by rows: Int) -> (index: Int, row: Int) {
        var (i, r) = anchor
        var n = rows
        while n < 0 {
            if r > 0 {
                let step = min(r, -n)
                r -= step
                n += step
            } else if i > 0 {
                i -= 1
                r = height(i)
            } else {
                break
            }
        }
        while n > 0, i < count {
            let h = height(i)
            let step = min(h - r, n)
            r += step
            n -= step
            if r >= h {
                if i == count - 1 { r = h; break }
                i += 1
                r = 0
            }
        }
        return (i, r)
    }

    /// Whether everything from the anchor down fits in the viewport (so the view is at the bottom).
    func isAtBottom(from anchor: (index: Int, row: Int)) -> Bool {
        var rows = -anchor.row
        var i = anchor.index
        while i < count {
            rows += height(i)
            if rows > viewport { return false }
            i += 1
        }
        return true
    }
}
