import Foundation
import PrismTerminal

/// The prompt editor: a bordered box with the text wrapped to its width and the caret placed.
enum PromptPane {
    /// Rows the prompt text needs at this width (for the layout).
    static func lineCount(_ state: AppState, width: Int) -> Int {
        max(1, wrappedRows(state.prompt, width: max(1, width - 2)).count)
    }

    static func render(_ state: AppState, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.height >= 2, rect.width >= 4 else { return }
        let focused = state.focus == .prompt
        let border = focused ? theme.style(.borderFocused) : theme.style(.border)
        var title = StyledLine()
        if state.editingParentID != nil {
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
            let hint = state.isStreaming ? " Esc stop " : " Enter send · Alt-Enter newline · Ctrl-P model · F1 help "
            if rect.width > DisplayWidth.of(hint) + 20 {
                frame.putRight(StyledLine(hint, theme.style(.textMuted)), row: rect.maxY - 1, in: rect.inset(right: 1))
            }
        }
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard !inner.isEmpty else { return }
        let rows = wrappedRows(state.prompt, width: inner.width)
        // Keep the caret's row visible.
        let caretRow = rows.firstIndex { $0.range.contains(state.prompt.caret) || $0.range.upperBound == state.prompt.caret && $0.isLast } ?? rows.count - 1
        let first = max(0, min(caretRow - inner.height + 1, rows.count - inner.height))
        let textStyle = theme.style(.text)
        if state.prompt.isEmpty {
            let placeholder = state.compare.map { "Ask all \($0.panes.count) models" }
                ?? (state.session.model == nil ? "Choose a model with Ctrl-P, then type here" : "Ask anything")
            frame.put(placeholder, at: Point(x: inner.x, y: inner.y), style: theme.style(.textMuted), clip: inner)
        }
        for (i, row) in rows.enumerated().dropFirst(first).prefix(inner.height) {
            frame.put(row.text, at: Point(x: inner.x, y: inner.y + i - first), style: textStyle, clip: inner)
        }
        if focused {
            let row = rows[min(caretRow, rows.count - 1)]
            let before = String(Array(state.prompt.text)[row.range.lowerBound..<min(state.prompt.caret, row.range.upperBound)])
            let x = min(inner.maxX - 1, inner.x + DisplayWidth.of(before))
            frame.cursor = Point(x: x, y: inner.y + caretRow - first)
        }
    }

    struct Row {
        var text: String
        /// Character offsets of this row in the prompt text.
        var range: Range<Int>
        /// Last row of a logical line (the caret may sit at its end).
        var isLast: Bool
    }

    /// Splits the prompt into rows by newlines and display width, remembering offsets for the caret.
    static func wrappedRows(_ editor: PromptEditor, width: Int) -> [Row] {
        let chars = Array(editor.text)
        var rows: [Row] = []
        var start = 0, used = 0, i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "\n" {
                rows.append(Row(text: String(chars[start..<i]), range: start..<i, isLast: true))
                start = i + 1
                used = 0
                i += 1
                continue
            }
            let w = DisplayWidth.of(ch)
            if used + w > width, used > 0 {
                rows.append(Row(text: String(chars[start..<i]), range: start..<i, isLast: false))
                start = i
                used = 0
            }
            used += w
            i += 1
        }
        rows.append(Row(text: String(chars[start..<chars.count]), range: start..<chars.count, isLast: true))
        return rows
    }
}
