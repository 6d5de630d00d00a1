import Foundation
import PrismCore
import PrismTerminal

/// The model picker: search line, sortable table of models with prices, context and badges.
enum PickerPane {
    static func render(_ state: AppState, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.width >= 10, rect.height >= 4 else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        var title = StyledLine("Models", theme.style(.accent, on: .surface))
        title.append(" · sort: \(state.picker.sort.rawValue) (Tab)", theme.style(.textMuted, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: title)
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard inner.height >= 2 else { return }

        // Search line.
        let field = state.picker.search.visibleLine(width: inner.width - 2)
        var search = StyledLine("› ", theme.style(.accent, on: .surface))
        search.append(state.picker.query.isEmpty ? "type to search" : field.text,
                      state.picker.query.isEmpty ? theme.style(.textMuted, on: .surface) : theme.style(.text, on: .surface))
        frame.put(search, at: Point(x: inner.x, y: inner.y), clip: inner)
        if state.focus == .picker {
            frame.cursor = Point(x: min(inner.maxX - 1, inner.x + 2 + field.caretColumn), y: inner.y)
        }

        let sets = state.pickerSets
        let models = state.picker.models(in: state.catalog)
        let listArea = inner.inset(top: 1, bottom: 1)
        let footer = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
        let modelCount = models.count
        renderFooter(state, count: modelCount, theme: theme, into: &frame, rect: footer)
        guard !listArea.isEmpty else { return }
        let emptyMessage = state.catalog.isEmpty ? (state.catalogError.map { "catalog unavailable: \($0)" } ?? "loading the catalog…") : "no model matches"
        if modelCount == 0, sets.isEmpty {
            frame.put(emptyMessage, at: Point(x: listArea.x + 1, y: listArea.y), style: theme.style(.textMuted, on: .surface), clip: listArea)
            return
        }
        let columns = Columns(width: listArea.width)
        frame.put(columns.header, at: Point(x: listArea.x, y: listArea.y), style: theme.style(.textMuted, on: .surface).adding(.bold), clip: listArea)
        let rows = listArea.inset(top: 1)
        let count = sets.count + modelCount
        let selection = min(state.picker.selection, count - 1)
        let top = max(0, min(selection - rows.height / 2, count - rows.height))
        let shown = models.models(max(0, top - sets.count)..<max(0, top + rows.height - sets.count))
        for i in (top..<count).prefix(rows.height) {
            let y = rows.y + i - top
            let selected = i == selection
            let rowStyle = selected ? theme.style(.selection, on: .surface) : theme.style(.text, on: .surface)
            if selected { frame.fill(Rect(x: rows.x, y: y, width: rows.width, height: 1), style: rowStyle) }
            let marker: String, markerStyle: Style, text: String
            if i < sets.count {
                let set = sets[i]
                let marked = state.picker.marked == set.models
                marker = marked ? "✓" : "◫"
                markerStyle = marked ? theme.style(.success, on: .surface).adding(.bold) : theme.style(.accent, on: .surface)
                text = columns.row(set, catalog: state.catalog, origin: state.modelSets.origin(of: set.name) ?? .saved)
            } else {
                let model = shown[i - sets.count - max(0, top - sets.count)]
                let marked = state.picker.marked.contains(model.id)
                marker = marked ? "✓" : state.picker.favourites.contains(model.id) ? "★" : (state.picker.recents.contains(model.id) ? "↺" : " ")
                markerStyle = marked ? theme.style(.success, on: .surface).adding(.bold) : theme.style(.warning, on: .surface)
                text = columns.row(model, current: model.id == state.session.model)
            }
            var line = StyledLine(marker + " ", selected ? rowStyle : markerStyle.background(rowStyle.background))
            line.append(text, rowStyle)
            frame.put(line, at: Point(x: rows.x, y: y), clip: rows)
        }
        if modelCount == 0, count - top < rows.height {
            frame.put(emptyMessage, at: Point(x: rows.x + 2, y: rows.y + count - top), style: theme.style(.textMuted, on: .surface), clip: rows)
        }
    }

    private static func renderFooter(_ state: AppState, count: Int, theme: Theme, into frame: inout Frame, rect: Rect) {
        let sets = state.pickerSets.count
        var text = (sets > 0 ? "\(sets) set\(sets == 1 ? "" : "s") · " : "") + "\(count) models"
        if let fetched = state.catalogFetchedAt {
            let age = state.now.timeIntervalSince(fetched)
            text += " · updated \(age < 90 ? "just now" : Formatting.duration(ms: age * 1000).replacingOccurrences(of: ".0s", with: "s") + " ago")"
        }
        let mark = ModelPickerState.markKeyName
        if case .set(let set)? = state.pickerSelectedRow {
            text += " · Enter compare set \(set.name) · \(mark) mark · Esc close"
        } else if state.picker.marked.isEmpty {
            text += " · Enter choose · \(mark) mark to compare · Ctrl-S favourite · Esc close"
        } else {
            text += " · \(state.picker.marked.count) marked · Enter compare · \(mark) mark · Esc close"
        }
        frame.put(text.truncated(to: rect.width), at: Point(x: rect.x, y: rect.y), style: theme.style(.textMuted, on: .surface), clip: rect)
    }

    /// Column widths that fit the pane; narrow panes drop columns from the right.
    struct Columns {
        let width: Int
        var showContext: Bool { width >= 44 }
        var showBadges: Bool { width >= 84 }
        var priceWidth: Int { 8 }
        var idWidth: Int {
            var rest = width - 2 - 2 * (priceWidth + 1)
            if showContext { rest -= 7 }
            if showBadges { rest -= 21 }
            return max(8, rest)
        }

        var header: String {
            var s = "  " + "MODEL".padded(to: idWidth) + " " + "$/M IN".leftPadded(to: priceWidth) + " " + "$/M OUT".leftPadded(to: priceWidth)
            if showContext { s += " " + "CTX".leftPadded(to: 6) }
            if showBadges { s += " " + "FEATURES" }
            return s
        }

        func row(_ m: ModelInfo, current: Bool) -> String {
            var s = (current ? "● " : "") + m.id
            s = s.padded(to: idWidth)
            s += " " + Formatting.perMillion(m.pricing.prompt).leftPadded(to: priceWidth)
            s += " " + Formatting.perMillion(m.pricing.completion).leftPadded(to: priceWidth)
            if showContext { s += " " + (m.contextLength.map(Formatting.tokens) ?? "?").leftPadded(to: 6) }
            if showBadges { s += " " + badges(m) }
            return s
        }

        func badges(_ m: ModelInfo) -> String {
            var b: [String] = []
            if m.pricing.isFree { b.append("free") }
            if m.acceptsImages || m.acceptsFiles { b.append("vision") }
            if m.supportsReasoning { b.append("think") }
            if m.supportsTools { b.append("tools") }
            return b.joined(separator: " ")
        }
    }
}
