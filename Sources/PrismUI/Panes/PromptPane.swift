import Foundation
import PrismCore
import PrismTerminal

/// The prompt editor: a bordered box with the text wrapped to its width and the caret placed.
enum PromptPane {
    /// Rows the prompt text needs at this width (for the layout), counted only up to the
    /// screen's height: the prompt never grows past a third of the screen.
    static func lineCount(_ state: AppState, width: Int) -> Int {
        max(1, PromptRows.count(state.prompt.text, width: max(1, width), limit: max(1, state.size.height)))
    }

    static func render(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.height >= 2, rect.width >= 4 else { return }
        let focused = state.focus == .prompt
        let border = focused ? theme.style(.borderFocused) : theme.style(.border)
        var title = StyledLine()
        if state.editingPromptID != nil {
            title.append("editing last prompt", theme.style(.warning))
        } else {
            title.append("Prompt", focused ? theme.style(.accent) : theme.style(.textMuted))
        }
        if !state.pendingAttachments.isEmpty {
            let names = state.pendingAttachments.map { ($0.source as NSString).lastPathComponent }
            title.append(" · 📎 " + names.joined(separator: ", "), theme.style(.accent))
        }
        frame.drawBox(rect, style: border, title: title)
        if focused, let usage = SlashCompletion.hint(state.prompt.text, sets: state.modelSets) {
            let hint = " " + usage.truncated(to: max(1, rect.width - 6)) + " "
            frame.putRight(StyledLine(hint, theme.style(.accent)), row: rect.maxY - 1, in: rect.inset(right: 1))
        } else {
            let hint = KeyHints.focused(state, bindings, width: rect.width - 21)
            if !hint.isEmpty {
                frame.putRight(StyledLine(" " + hint + " ", theme.style(.textMuted)), row: rect.maxY - 1, in: rect.inset(right: 1))
            }
        }
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard !inner.isEmpty else { return }
        // Only the rows on screen are wrapped: those ending at the caret's row (the caret's
        // row at the bottom), or the first rows when the caret is near the start.
        let text = state.prompt.text
        let caret = state.prompt.caretOffset
        let shown = PromptRows.around(text, caret: caret, width: inner.width, height: inner.height)
        let textStyle = theme.style(.text)
        if state.prompt.isEmpty {
            let placeholder = state.comparedModels.map { $0.count == 2 ? "Ask both models" : "Ask all " + Formatting.count($0.count, "model") }
                ?? (state.session.model == nil ? "Choose a model with \(bindings.name(.togglePicker)), then type here" : "Ask anything")
            frame.put(placeholder, at: Point(x: inner.x, y: inner.y), style: theme.style(.textMuted), clip: inner)
        }
        for (i, row) in shown.rows.enumerated() {
            frame.put(PromptRows.text(of: row, in: text), at: Point(x: inner.x, y: inner.y + i), style: textStyle, clip: inner)
        }
        if focused {
            let row = shown.rows[shown.caretRow]
            let before = PromptRows.text(of: PromptRow(start: row.start, end: max(row.start, min(caret, row.end)), isLast: row.isLast), in: text)
            let x = min(inner.maxX - 1, inner.x + DisplayWidth.of(before))
            frame.cursor = Point(x: x, y: inner.y + shown.caretRow)
        }
    }
}
