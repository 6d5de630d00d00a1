import Foundation
import PrismCore
import PrismTerminal

/// Help, the session browser and the theme switcher: boxes drawn over the screen.
enum OverlayPanes {
    static func help(_ state: AppState, bindings: KeyBindings, theme: Theme, into frame: inout Frame, rect: Rect) {
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        let lines = HelpText.lines(bindings, width: inner.width)
        let top = max(0, min(state.helpScroll, lines.count - inner.height))
        let title = lines.count > inner.height ? "Keys · ↑↓ PgUp PgDn scroll · any other key closes" : "Keys · any key closes"
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: StyledLine(title, theme.style(.accent, on: .surface)))
        for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            let styled: StyledLine
            switch line {
            case .binding(let keys, let summary):
                var s = StyledLine(keys.padded(to: HelpText.keysWidth), theme.style(.accent, on: .surface))
                // A description longer than the box ends in "…" rather than at the border.
                s.append(" " + summary.truncated(to: max(1, inner.width - HelpText.keysWidth - 1)), theme.style(.text, on: .surface))
                styled = s
            case .note(let text):
                styled = StyledLine(text, theme.style(.textMuted, on: .surface))
            }
            frame.put(styled, at: Point(x: inner.x, y: inner.y + i), clip: inner)
        }
        if top + inner.height < lines.count {
            frame.putRight(StyledLine(" ↓ more ", theme.style(.accent, on: .surface)), row: rect.maxY - 1, in: rect.inset(right: 2))
        }
    }

    /// Two lines for the compare-mode keys, from the bindings in effect.
    static func compareKeys(_ bindings: KeyBindings) -> [String] {
        func keys(_ commands: Command...) -> String {
            commands.map { bindings.name($0) }.joined(separator: "/")
        }
        let first = bindings.name(.focusPane1), last = bindings.name(.focusPane4)
        return [
            "Compare: \(keys(.previousPane, .nextPane)), \(first)…\(last) focus · \(keys(.toggleScrollLock)) lock scroll · \(keys(.pickPane)) pick a pane",
            "Compare: \(bindings.name(PickerCommand.mark)) marks models in the picker · \(bindings.name(.cancelOrClear)) stops the focused pane · \(keys(.cancel)) stops all",
            "Compare: \(keys(.tieRound)) tie · \(keys(.allBad)) all bad · a pick counts as a win over each other pane (your leaderboard)",
        ]
    }

    /// "Delete “Oslo trip” (20261120-100000-aaaa)? y/n": the title says which session, the id
    /// makes it exact, and the answer is the confirm key as bound now.
    static func deletePrompt(_ id: String, in sessions: [SessionSummary], width: Int, bindings: KeyBindings = .defaults) -> String {
        let answer = "? \(bindings.name(ConfirmCommand.yes))/n"
        let title = sessions.first { $0.id == id }.map { $0.title.isEmpty ? "(untitled)" : TerminalSanitizer.metadata($0.title) }
        guard let title else { return "Delete session \(id)\(answer)" }
        let fixed = "Delete “”" + " (\(id))\(answer)"
        return "Delete “\(title.truncatedAtWord(to: max(8, width - DisplayWidth.of(fixed))))” (\(id))\(answer)"
    }

    static func browser(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: StyledLine("Sessions", theme.style(.accent, on: .surface)))
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard inner.height >= 3 else { return }
        let b = state.browser
        var top = StyledLine("› ", theme.style(.accent, on: .surface))
        // The field being typed into, after a label of this many cells.
        var field: (editor: PromptEditor, label: Int)?
        if let pending = b.confirmingDelete {
            top = StyledLine(deletePrompt(pending, in: b.sessions, width: inner.width, bindings: bindings), theme.style(.error, on: .surface).adding(.bold))
        } else if let renaming = b.renaming {
            field = (renaming.editor, 2 + DisplayWidth.of("rename: "))
            top.append("rename: " + renaming.editor.visibleLine(width: inner.width - field!.label).text, theme.style(.text, on: .surface))
        } else {
            field = (b.filterField, 2)
            top.append(b.filter.isEmpty ? "type to filter" : b.filterField.visibleLine(width: inner.width - 2).text,
                       b.filter.isEmpty ? theme.style(.textMuted, on: .surface) : theme.style(.text, on: .surface))
        }
        frame.put(top, at: Point(x: inner.x, y: inner.y), clip: inner)
        if state.focus == .browser, let field {
            let column = field.editor.visibleLine(width: inner.width - field.label).caretColumn
            frame.cursor = Point(x: min(inner.maxX - 1, inner.x + field.label + column), y: inner.y)
        }
        let visible = b.visible
        let list = inner.inset(top: 1, bottom: 1)
        let counted = "\(visible.count) of \(b.sessions.count)"
        let hints = KeyHints.fit([counted] + KeyHints.browserHints(bindings), width: inner.width)
        frame.put((hints.isEmpty ? counted : hints).truncated(to: inner.width),
                  at: Point(x: inner.x, y: inner.maxY - 1), style: theme.style(.textMuted, on: .surface), clip: inner)
        guard !list.isEmpty else { return }
        if visible.isEmpty {
            frame.put(b.sessions.isEmpty ? "no saved sessions yet" : "no session matches", at: Point(x: list.x + 1, y: list.y), style: theme.style(.textMuted, on: .surface), clip: list)
            return
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let selection = min(b.selection, visible.count - 1)
        let first = max(0, min(selection - list.height / 2, visible.count - list.height))
        let right = 16 + 6 + 10 + 22
        for (i, s) in visible.enumerated().dropFirst(first).prefix(list.height) {
            let y = list.y + i - first
            let style = i == selection ? theme.style(.selection, on: .surface) : theme.style(.text, on: .surface)
            if i == selection { frame.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: style) }
            let title = s.title.isEmpty ? "(untitled)" : TerminalSanitizer.metadata(s.title)
            // Two spaces after the title, however long: a cut title never runs into the date.
            var text = title.padded(to: max(8, list.width - right - 2)) + "  "
            if list.width > right + 10 {
                text += formatter.string(from: s.updatedAt).padded(to: 17)
                text += "\(s.messageCount) msg".padded(to: 7)
                text += (s.totalCost.map { (s.costIsEstimate ? "~" : "") + Formatting.usd($0) } ?? "-").padded(to: 10)
                text += (s.model ?? "").truncated(to: 20)
            }
            frame.put(text, at: Point(x: list.x, y: y), style: style, clip: list)
        }
    }

    static func themes(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        let box = Rect(x: rect.x + max(0, (rect.width - 36) / 2), y: rect.y, width: min(36, rect.width),
                       height: min(rect.height, state.availableThemes.count + 4))
        frame.fill(box, style: theme.style(.surface, on: .surface))
        let title = "Theme · \(bindings.name(ThemesCommand.previous))\(bindings.name(ThemesCommand.next)) preview · \(bindings.name(ThemesCommand.keep))"
        frame.drawBox(box, style: theme.style(.borderFocused, on: .surface), title: StyledLine(title, theme.style(.accent, on: .surface)))
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        // Scrolled so the theme in use is always in view, marked.
        let names = state.availableThemes
        let inUse = names.firstIndex(of: state.theme) ?? 0
        let first = max(0, min(inUse - inner.height / 2, names.count - inner.height))
        for (i, name) in names.enumerated().dropFirst(first).prefix(inner.height).map({ ($0.offset - first, $0.element) }) {
            let current = name == state.theme
            frame.put((current ? "● " : "  ") + name, at: Point(x: inner.x, y: inner.y + i),
                      style: current ? theme.style(.selection, on: .surface) : theme.style(.text, on: .surface), clip: inner)
        }
    }
}
