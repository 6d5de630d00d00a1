import Foundation
import PrismCore
import PrismTerminal

/// The fallback chain editor: the current model (fixed, first), then the chain numbered in
/// the order OpenRouter tries it, each with the catalog's prices and context, a fallback
/// dearer than the current model marked, a model the catalog does not know marked too.
enum FallbacksPane {
    /// The note column: "current", "pricier" or nothing (a model not in the catalog says so
    /// in its row), with two spaces before and one after.
    static let noteWidth = 10

    static func render(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect area: Rect) {
        guard let editor = state.fallbackEditor else { return }
        // As tall as its rows (borders, header, current model, chain, a gap, footer), centred in the overlay's area.
        let footer = footerLines(state, editor: editor, bindings: bindings, width: area.width - 2)
        let height = min(area.height, 2 + 2 + max(1, editor.draft.count) + 1 + footer.count)
        let rect = Rect(x: area.x, y: area.y + (area.height - height) / 2, width: area.width, height: height)
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        var title = StyledLine("Fallback chain", theme.style(.accent, on: .surface))
        title.append(" · tried in order when the model fails", theme.style(.textMuted, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: title)
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard inner.height >= 4, inner.width >= 20 else { return }
        let muted = theme.style(.textMuted, on: .surface)
        let columns = PickerPane.Columns(width: inner.width - noteWidth, wantedID: PickerPane.Columns.idFloor)
        var y = inner.y
        frame.put(columns.header, at: Point(x: inner.x, y: y), style: muted.adding(.bold), clip: inner)
        y += 1
        let current = state.session.model
        let currentInfo = current.flatMap(state.catalogEntry)
        if let current {
            row(label: "● ", model: current, note: "current", selected: false, state: state, columns: columns,
                theme: theme, into: &frame, at: Point(x: inner.x, y: y), clip: inner)
        } else {
            frame.put("   no model chosen yet: \(bindings.name(.togglePicker)) picks one", at: Point(x: inner.x, y: y), style: muted, clip: inner)
        }
        y += 1
        let listEnd = inner.maxY - footer.count - 1
        if editor.draft.isEmpty, y < listEnd {
            frame.put("   no fallbacks: \(bindings.name(FallbacksCommand.add)) adds one", at: Point(x: inner.x, y: y), style: muted, clip: inner)
        }
        for (i, model) in editor.draft.enumerated() where y < listEnd {
            let info = state.catalogEntry(model)
            let pricier = info.map { isPricier($0.pricing, than: currentInfo?.pricing) } ?? false
            row(label: "\(i + 1) ", model: model, note: pricier ? "pricier" : nil, selected: i == editor.selection, state: state,
                columns: columns, theme: theme, into: &frame, at: Point(x: inner.x, y: y), clip: inner)
            y += 1
        }
        for (i, line) in footer.enumerated() {
            frame.put(line.truncated(to: inner.width), at: Point(x: inner.x, y: inner.maxY - footer.count + i), style: muted, clip: inner)
        }
    }

    /// One model's row: a label (● or its place in the chain), the picker's columns, a note.
    private static func row(label: String, model: String, note: String?, selected: Bool, state: AppState, columns: PickerPane.Columns,
                            theme: Theme, into frame: inout Frame, at point: Point, clip: Rect) {
        let base = selected ? theme.style(.selection, on: .surface) : theme.style(.text, on: .surface)
        if selected { frame.fill(Rect(x: clip.x, y: point.y, width: clip.width, height: 1), style: base) }
        var line = StyledLine(" " + label, selected ? base : theme.style(.accent, on: .surface))
        if let info = state.catalogEntry(model) {
            var shown = info
            shown.id = TerminalSanitizer.metadata(model)
            line.append(columns.row(shown, basis: ModelPickerState.emptyBasis), base)
            if let note {
                let style = note == "pricier" && !selected ? theme.style(.warning, on: .surface) : base
                line.append("  " + note, style)
            }
        } else {
            line.append(TerminalSanitizer.metadata(model).padded(to: columns.idWidth) + " ", base)
            let warning = selected ? base : theme.style(.warning, on: .surface)
            line.append(state.catalog.isEmpty ? "catalog not loaded" : "not in the catalog", warning)
        }
        frame.put(line, at: point, clip: clip)
    }

    /// A fallback is pricier when either of its token prices is above the current model's
    /// (a paid fallback behind a free model counts); unknown prices are not compared.
    static func isPricier(_ pricing: ModelPricing, than current: ModelPricing?) -> Bool {
        guard let current else { return false }
        func above(_ a: Decimal?, _ b: Decimal?) -> Bool { a.flatMap { a in b.map { a > $0 } } ?? false }
        return above(pricing.prompt, current.prompt) || above(pricing.completion, current.completion)
    }

    /// The count against the limit, a note in compare mode, then the keys as bound now.
    static func footerLines(_ state: AppState, editor: FallbackEditorState, bindings: KeyBindings, width: Int) -> [String] {
        var lines = ["\(editor.draft.count) of \(FallbackChain.maxFallbacks) fallbacks (OpenRouter takes \(FallbackChain.maxModels) models, the current one first)"]
        if state.isComparing { lines.append("compare panes send only their own model: this chain is for single chat") }
        let hints = KeyHints.fallbacksHints(bindings)
        let first = KeyHints.fit(hints, width: width)
        lines.append(first)
        let rest = KeyHints.fit(hints.filter { !first.contains($0) }, width: width)
        if !rest.isEmpty { lines.append(rest) }
        return lines
    }
}
