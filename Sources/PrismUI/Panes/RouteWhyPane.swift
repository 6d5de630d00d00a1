import Foundation
import PrismCore
import PrismTerminal

/// The route breakdown of one reply: its one line, then the full explanation (tag and why,
/// weights, each candidate's parts, those left out, confidence), wrapped and scrollable.
enum RouteWhyPane {
    static func render(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let why = state.route.why else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        var title = StyledLine("Why this model", theme.style(.accent, on: .surface))
        title.append(" · " + TerminalSanitizer.metadata(why.model), theme.style(.textMuted, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: title)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        guard inner.height >= 3, inner.width >= 10 else { return }
        let text = theme.style(.text, on: .surface), muted = theme.style(.textMuted, on: .surface)
        var lines = TextWrap.wrap(StyledLine(TerminalSanitizer.metadata(why.note.line), text.adding(.bold)), width: inner.width) + [StyledLine()]
        for entry in why.note.explanation {
            // A candidate's line wraps under its own text, so the numbers stay readable.
            let wrapped = TextWrap.wrap(StyledLine(TerminalSanitizer.metadata(entry), text), firstWidth: inner.width, width: max(1, inner.width - 3))
            for (i, line) in wrapped.enumerated() {
                lines.append(i == 0 ? line : StyledLine([Span("   ", text)] + line.spans))
            }
        }
        let footer = "\(bindings.name(RouteWhyCommand.up))/\(bindings.name(RouteWhyCommand.down)) scroll · \(bindings.name(RouteWhyCommand.close)) close"
        let visible = inner.height - 1
        let top = max(0, min(why.scroll, lines.count - visible))
        for (i, line) in lines.dropFirst(top).prefix(visible).enumerated() {
            frame.put(line, at: Point(x: inner.x, y: inner.y + i), clip: inner)
        }
        let more = top + visible < lines.count ? " · ↓ more" : ""
        frame.put(StyledLine(footer + more, muted), at: Point(x: inner.x, y: inner.maxY - 1), clip: inner)
    }
}
