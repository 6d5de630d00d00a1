import Foundation
import PrismCore
import PrismTerminal

/// The provider table: a box over the screen with the model's providers, one per row, the
/// model's routing settings under them with the keys that change each, and the resulting
/// preferences in words. Columns drop, least useful first, until the provider name has room.
enum ProviderTablePane {
    /// The smallest box the table is drawn in; below it, a line says the terminal is too small.
    static let minimum = Size(width: 44, height: 11)

    struct Column: Sendable {
        var title: String
        var width: Int
        var right: Bool
        /// Lower numbers are dropped first when the width is short.
        var priority: Int
        var cell: @Sendable (ProviderEndpoint) -> String
    }

    static let columns: [Column] = [
        Column(title: "quant", width: 6, right: false, priority: 3) { $0.quantizationText },
        Column(title: "context", width: 7, right: true, priority: 1) { $0.contextText },
        Column(title: "max out", width: 7, right: true, priority: 0) { $0.maxOutText },
        Column(title: "$/M in", width: 7, right: true, priority: 9) { $0.promptPriceText },
        Column(title: "$/M out", width: 7, right: true, priority: 8) { $0.completionPriceText },
        Column(title: "up 30m", width: 6, right: true, priority: 5) { $0.uptimeText },
        Column(title: "p50 lat", width: 7, right: true, priority: 6) { $0.latencyText },
        Column(title: "p50 tok/s", width: 9, right: true, priority: 7) { $0.throughputText },
        Column(title: "status", width: 8, right: false, priority: 4) { e in e.status == nil ? "-" : e.isDegraded ? "degraded" : "ok" },
    ]

    /// The mark before the name ("1" to "9" pinned, "✗" excluded, "+" allowed) and the narrowest name.
    static let markWidth = 3
    static let nameMinimum = 16

    /// The columns that fit `width` beside the name, in table order.
    static func fitting(width: Int) -> [Column] {
        var kept = columns
        func needed(_ cols: [Column]) -> Int { markWidth + nameMinimum + cols.reduce(0) { $0 + $1.width + 1 } }
        while needed(kept) > width, let weakest = kept.min(by: { $0.priority < $1.priority }) {
            kept.removeAll { $0.title == weakest.title }
        }
        return kept
    }

    static func render(_ state: AppState, bindings: KeyBindings, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let table = state.providers else { return }
        let surface = theme.style(.surface, on: .surface)
        frame.fill(rect, style: surface)
        let model = TerminalSanitizer.metadata(table.model)
        let title = StyledLine("Providers · \(model) · \(table.sort.caption)", theme.style(.accent, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: title)
        let inner = rect.inset(top: 1, left: 1, bottom: 1, right: 1)
        guard rect.width >= minimum.width, rect.height >= minimum.height else {
            let text = "The terminal is too small for the provider table (\(minimum.width)×\(minimum.height + 1)); Esc closes it"
            for (i, line) in TextWrap.wrap(text, style: theme.style(.warning, on: .surface), width: max(1, inner.width)).prefix(max(0, inner.height)).enumerated() {
                frame.put(line, at: Point(x: inner.x, y: inner.y + i), clip: inner)
            }
            return
        }
        frame.put(loadLine(table, now: state.now, theme: theme), at: Point(x: inner.x + 1, y: inner.y), clip: inner)
        let footer = 3
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1 - footer)
        drawRows(table, theme: theme, into: &frame, rect: list)
        let bottom = inner.maxY - footer
        if let field = table.priceField {
            let label = "max price, USD per million tokens, IN OUT (- no cap, empty clears): "
            var line = StyledLine(" " + label, theme.style(.accent, on: .surface))
            let visible = field.visibleLine(width: max(4, inner.width - DisplayWidth.of(label) - 2))
            line.append(visible.text, theme.style(.text, on: .surface))
            frame.put(line, at: Point(x: inner.x, y: bottom), clip: inner)
            frame.cursor = Point(x: min(inner.maxX - 1, inner.x + 1 + DisplayWidth.of(label) + visible.caretColumn), y: bottom)
        } else {
            frame.put(settingsLine(table, bindings: bindings, theme: theme), at: Point(x: inner.x + 1, y: bottom), clip: inner)
        }
        frame.put(summaryLine(table, theme: theme, width: inner.width - 2), at: Point(x: inner.x + 1, y: bottom + 1), clip: inner)
        let hints = KeyHints.fit(KeyHints.providersHints(bindings, editingPrice: table.priceField != nil), width: inner.width - 2)
        frame.put(hints, at: Point(x: inner.x + 1, y: bottom + 2), style: theme.style(.textMuted, on: .surface), clip: inner)
    }

    /// "loading…", the reason it failed, or how old the figures are (in the warning colour when an old copy stands in).
    static func loadLine(_ table: ProviderTableState, now: Date, theme: Theme) -> StyledLine {
        switch table.load {
        case .loading:
            return StyledLine("loading…", theme.style(.textMuted, on: .surface))
        case .failed(let reason):
            return StyledLine("could not fetch the providers: \(reason)", theme.style(.error, on: .surface))
        case .loaded(let loaded, let stale):
            let age = Formatting.age(seconds: now.timeIntervalSince(loaded.fetchedAt))
            let count = Formatting.count(loaded.endpoints.count, "provider")
            let skipped = loaded.skipped > 0 ? " (\(loaded.skipped) unreadable left out)" : ""
            if stale {
                return StyledLine("\(count)\(skipped) · offline: figures from \(age), could not refresh", theme.style(.warning, on: .surface))
            }
            return StyledLine("\(count)\(skipped) · fetched \(age) · figures of the last 30 min, - unknown", theme.style(.textMuted, on: .surface))
        }
    }

    static func drawRows(_ table: ProviderTableState, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.height >= 2 else { return }
        let columns = fitting(width: rect.width)
        let nameWidth = rect.width - markWidth - columns.reduce(0) { $0 + $1.width + 1 }
        func line(mark: String, name: String, cells: [String]) -> String {
            var text = mark.padded(to: markWidth) + name.padded(to: nameWidth)
            for (column, cell) in zip(columns, cells) {
                text += " " + (column.right ? cell.leftPadded(to: column.width) : cell.padded(to: column.width))
            }
            return text
        }
        frame.put(line(mark: "", name: "provider", cells: columns.map(\.title)), at: Point(x: rect.x, y: rect.y),
                  style: theme.style(.accent, on: .surface).adding(.bold), clip: rect)
        let rows = table.rows
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        if rows.isEmpty {
            if case .loaded = table.load {
                frame.put(" OpenRouter lists no provider for this model", at: Point(x: body.x, y: body.y), style: theme.style(.textMuted, on: .surface), clip: body)
            }
            return
        }
        let selection = min(table.selection, rows.count - 1)
        let first = max(0, min(selection - body.height / 2, rows.count - body.height))
        for (i, e) in rows.enumerated().dropFirst(first).prefix(body.height) {
            let y = body.y + i - first
            let mark: String
            switch table.draft.role(of: e) {
            case .pinned(let n)?: mark = " \(n)"
            case .excluded?: mark = " ✗"
            case .allowed?: mark = " +"
            case nil: mark = ""
            }
            var style = theme.style(.text, on: .surface)
            if table.isRuledOut(e) { style = theme.style(.textMuted, on: .surface) } else if e.isDegraded { style = theme.style(.warning, on: .surface) }
            if i == selection {
                style = theme.style(.selection, on: .surface)
                frame.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style)
            }
            frame.put(line(mark: mark, name: e.displayName, cells: columns.map { $0.cell(e) }), at: Point(x: body.x, y: y), style: style, clip: body)
        }
        if first + body.height < rows.count {
            frame.putRight(StyledLine(" ↓ \(rows.count - first - body.height) more ", theme.style(.accent, on: .surface)), row: body.maxY - 1, in: body)
        }
    }

    /// The model's settings, each after the key that changes it: "f fallbacks on · o sort none · …".
    static func settingsLine(_ table: ProviderTableState, bindings: KeyBindings, theme: Theme) -> StyledLine {
        let d = table.draft
        let price = MaxPriceText.format(d.maxPrice)
        let quant = (d.quantizations ?? []).isEmpty ? "any" : d.quantizations!.joined(separator: "/")
        let items: [(ProvidersCommand, String)] = [
            (.fallbacks, "fallbacks " + (d.allowFallbacks == false ? "off" : "on")),
            (.routingSort, "sort " + (d.sort ?? "none")),
            (.maxPrice, "max $/M " + (price.isEmpty ? "none" : price)),
            (.quantization, "quant " + quant),
            (.dataCollection, "data " + (d.dataCollection == "deny" ? "deny" : "allow")),
            (.zdr, "ZDR " + (d.zdr == true ? "on" : "off")),
        ]
        var line = StyledLine()
        for (i, (command, text)) in items.enumerated() {
            if i > 0 { line.append(" · ", theme.style(.textMuted, on: .surface)) }
            line.append(bindings.name(command) + " ", theme.style(.accent, on: .surface))
            line.append(text, theme.style(.text, on: .surface))
        }
        return line
    }

    /// "Saved: …" or "Unsaved: …" and the preferences in words, cut to the width.
    static func summaryLine(_ table: ProviderTableState, theme: Theme, width: Int) -> StyledLine {
        let label = !table.routingRead ? "Reading the saved routing…" : table.isDirty ? "Unsaved: " : table.saved == nil ? "Default: " : "Saved: "
        var line = StyledLine(label, (table.isDirty ? theme.style(.warning, on: .surface) : theme.style(.success, on: .surface)).adding(.bold))
        if table.routingRead {
            line.append(table.draft.summary.truncatedAtWord(to: max(1, width - DisplayWidth.of(label)), separators: "·,"), theme.style(.text, on: .surface))
        }
        return line
    }
}
