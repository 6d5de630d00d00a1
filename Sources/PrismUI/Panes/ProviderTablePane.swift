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
        Column(title: "up 1d", width: 6, right: true, priority: -2) { $0.uptimeDayText },
        Column(title: "latency", width: 7, right: true, priority: 6) { $0.latencyText },
        Column(title: "p90 lat", width: 7, right: true, priority: -1) { $0.latencyP90Text },
        Column(title: "tok/s", width: 5, right: true, priority: 7) { e in e.throughput?.p50.map { String(Int($0.rounded())) } ?? "-" },
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
        let settings = settingsLines(table, bindings: bindings, theme: theme, width: inner.width - 2)
        // Tall boxes also show every figure of the highlighted provider.
        let details = inner.height >= 22 ? detailLines(table.selectedRow, theme: theme) : []
        let summary = summaryLines(table, theme: theme, width: inner.width - 2)
        let footer = 1 + summary.count + (table.priceField == nil ? settings.count : 1) + details.count
        // The header and three rows at least, or a line saying so: never a table with no room for rows.
        guard rect.width >= minimum.width, rect.height >= minimum.height, inner.height - 1 - footer >= 4 else {
            let text = "The terminal is too small for the provider table (\(minimum.width)×\(minimum.height + 1) at least); Esc closes it"
            for (i, line) in TextWrap.wrap(text, style: theme.style(.warning, on: .surface), width: max(1, inner.width)).prefix(max(0, inner.height)).enumerated() {
                frame.put(line, at: Point(x: inner.x, y: inner.y + i), clip: inner)
            }
            return
        }
        frame.put(loadLine(table, now: state.now, theme: theme, width: inner.width - 2), at: Point(x: inner.x + 1, y: inner.y), clip: inner)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1 - footer)
        drawRows(table, theme: theme, into: &frame, rect: list)
        var bottom = inner.maxY - footer
        for line in details {
            frame.put(line, at: Point(x: inner.x + 1, y: bottom), clip: inner)
            bottom += 1
        }
        if let field = table.priceField {
            let label = "max price, USD per million tokens, IN OUT (- no cap, empty clears): "
            var line = StyledLine(" " + label, theme.style(.accent, on: .surface))
            let visible = field.visibleLine(width: max(4, inner.width - DisplayWidth.of(label) - 2))
            line.append(visible.text, theme.style(.text, on: .surface))
            frame.put(line, at: Point(x: inner.x, y: bottom), clip: inner)
            frame.cursor = Point(x: min(inner.maxX - 1, inner.x + 1 + DisplayWidth.of(label) + visible.caretColumn), y: bottom)
        } else {
            for (i, line) in settings.enumerated() {
                frame.put(line, at: Point(x: inner.x + 1, y: bottom + i), clip: inner)
            }
            bottom += settings.count - 1
        }
        for (i, line) in summary.enumerated() {
            frame.put(line, at: Point(x: inner.x + 1, y: bottom + 1 + i), clip: inner)
        }
        let hints = KeyHints.fit(KeyHints.providersHints(bindings, editingPrice: table.priceField != nil), width: inner.width - 2)
        frame.put(hints, at: Point(x: inner.x + 1, y: bottom + 1 + summary.count), style: theme.style(.textMuted, on: .surface), clip: inner)
    }

    /// "loading…", the reason it failed, or how old the figures are (in the warning colour when an old copy stands in).
    static func loadLine(_ table: ProviderTableState, now: Date, theme: Theme, width: Int) -> StyledLine {
        switch table.load {
        case .loading:
            return StyledLine("loading…", theme.style(.textMuted, on: .surface))
        case .failed(let reason):
            return StyledLine("could not fetch the providers: \(reason)", theme.style(.error, on: .surface))
        case .loaded(let loaded, let stale):
            let age = Formatting.age(seconds: now.timeIntervalSince(loaded.fetchedAt))
            // Most important first; what does not fit is left out whole.
            var parts = [Formatting.count(loaded.endpoints.count, "provider")]
            parts.append(stale ? "offline: figures from \(age), could not refresh" : "fetched \(age)")
            if loaded.skipped > 0 { parts.append("\(loaded.skipped) unreadable skipped") }
            parts += ["medians of the last 30 min", "- = unknown"]
            return StyledLine(KeyHints.fit(parts, width: width), theme.style(stale ? .warning : .textMuted, on: .surface))
        }
    }

    static func drawRows(_ table: ProviderTableState, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.height >= 2 else { return }
        let columns = fitting(width: rect.width)
        let rows = table.rows
        // The name takes what it needs; room left over spreads the columns apart.
        let room = rect.width - markWidth - columns.reduce(0) { $0 + $1.width + 1 }
        let longest = rows.map { DisplayWidth.of($0.displayName) }.max() ?? 0
        let nameWidth = min(room, max(nameMinimum, longest + 1))
        let gap = 1 + (columns.isEmpty ? 0 : min(3, (room - nameWidth) / columns.count))
        func line(mark: String, name: String, cells: [String]) -> String {
            var text = mark.padded(to: markWidth) + name.padded(to: nameWidth)
            for (column, cell) in zip(columns, cells) {
                text += String(repeating: " ", count: gap) + (column.right ? cell.leftPadded(to: column.width) : cell.padded(to: column.width))
            }
            return text
        }
        frame.put(line(mark: "", name: "provider", cells: columns.map(\.title)), at: Point(x: rect.x, y: rect.y),
                  style: theme.style(.accent, on: .surface).adding(.bold), clip: rect)
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

    /// The model's settings, each after the key that changes it: "f fallbacks on · o sort none · …",
    /// on as many lines as `width` needs (a setting is never split).
    static func settingsLines(_ table: ProviderTableState, bindings: KeyBindings, theme: Theme, width: Int) -> [StyledLine] {
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
        var lines: [StyledLine] = []
        var line = StyledLine()
        for (command, text) in items {
            let key = bindings.name(command) + " "
            let separator = line.spans.isEmpty ? "" : " · "
            if !line.spans.isEmpty, DisplayWidth.of(line.text + separator + key + text) > width {
                lines.append(line)
                line = StyledLine()
            }
            if !line.spans.isEmpty { line.append(" · ", theme.style(.textMuted, on: .surface)) }
            line.append(key, theme.style(.accent, on: .surface))
            line.append(text, theme.style(.text, on: .surface))
        }
        return lines + [line]
    }

    /// Every figure of one provider, for tall boxes: percentiles, uptimes, limits.
    static func detailLines(_ e: ProviderEndpoint?, theme: Theme) -> [StyledLine] {
        guard let e else { return [] }
        func ms(_ v: Double?) -> String { v.map { Formatting.duration(ms: $0) } ?? "-" }
        func speed(_ v: Double?) -> String { v.map { String(Int($0.rounded())) } ?? "-" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0) } ?? "-" }
        let l = e.latency, t = e.throughput
        var first = StyledLine(e.displayName + ": ", theme.style(.accent, on: .surface))
        first.append("first token p50 \(ms(l?.p50)) · p75 \(ms(l?.p75)) · p90 \(ms(l?.p90)) · p99 \(ms(l?.p99))"
            + " · tok/s p50 \(speed(t?.p50)) · p75 \(speed(t?.p75)) · p90 \(speed(t?.p90)) · p99 \(speed(t?.p99))", theme.style(.text, on: .surface))
        let caching = e.supportsImplicitCaching.map { $0 ? "yes" : "no" } ?? "-"
        let second = StyledLine("  uptime 5 min \(percent(e.uptime5m)) · 30 min \(percent(e.uptime30m)) · 1 day \(percent(e.uptime1d))"
            + " · context \(e.contextText) · max out \(e.maxOutText) · caching \(caching) · status \(e.statusText)",
            theme.style(.textMuted, on: .surface))
        return [first, second]
    }

    /// "Saved: …" or "Unsaved: …" and the preferences in words, on at most two lines (cut at a word with "…").
    static func summaryLines(_ table: ProviderTableState, theme: Theme, width: Int) -> [StyledLine] {
        let label = !table.routingRead ? "Reading the saved routing…" : table.isDirty ? "Unsaved: " : table.saved == nil ? "Default: " : "Saved: "
        var line = StyledLine(label, (table.isDirty ? theme.style(.warning, on: .surface) : theme.style(.success, on: .surface)).adding(.bold))
        guard table.routingRead else { return [line] }
        let text = theme.style(.text, on: .surface)
        line.append(table.draft.summary, text)
        let wrapped = TextWrap.wrap(line, width: max(1, width))
        guard wrapped.count > 2 else { return wrapped }
        let rest = wrapped.dropFirst().map(\.text).joined(separator: " ")
        return [wrapped[0], StyledLine(rest.truncatedAtWord(to: width, separators: "·,"), text)]
    }
}
