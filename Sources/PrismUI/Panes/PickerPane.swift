import Foundation
import PrismCore
import PrismTerminal

/// The model picker: search line, sortable table of models with prices, context and badges.
enum PickerPane {
    static func render(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard rect.width >= 10, rect.height >= 4 else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        let adding = state.fallbackEditor?.adding == true
        var title = StyledLine(adding ? "Add a fallback" : "Models", theme.style(.accent, on: .surface))
        title.append(" · sort: \(state.picker.sort.label) (\(bindings.name(PickerCommand.sort)))", theme.style(.textMuted, on: .surface))
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
        let models = state.pickerModels
        let currentRow = state.pickerCurrentRowID
        let basis = CostPreview.pickerBasis(state)
        let modelCount = models.count
        // The footer takes a second line rather than cut its keys off when the picker is narrow.
        let footerLines = footer(state, bindings: bindings, count: modelCount, width: inner.width, maxLines: inner.height >= 8 ? 2 : 1)
        let listArea = inner.inset(top: 1, bottom: footerLines.count)
        for (i, line) in footerLines.enumerated() {
            let y = inner.maxY - footerLines.count + i
            frame.put(line, at: Point(x: inner.x, y: y), style: theme.style(.textMuted, on: .surface),
                      clip: Rect(x: inner.x, y: y, width: inner.width, height: 1))
        }
        guard !listArea.isEmpty else { return }
        let emptyMessage = state.catalog.isEmpty ? (state.catalogError.map { "catalog unavailable: \($0)" } ?? "loading the catalog…") : "no model matches"
        let route = state.pickerShowsRoute ? 1 : 0
        let head = route + sets.count
        if modelCount == 0, head == 0 {
            frame.put(emptyMessage, at: Point(x: listArea.x + 1, y: listArea.y), style: theme.style(.textMuted, on: .surface), clip: listArea)
            return
        }
        var columns = Columns(width: listArea.width, wantedID: wantedIDWidth(state), wantsEstimate: wantsEstimate(state, basis))
        columns.marksNoTools = state.tools.configured
        frame.put(columns.header, at: Point(x: listArea.x, y: listArea.y), style: theme.style(.textMuted, on: .surface).adding(.bold), clip: listArea)
        let rows = listArea.inset(top: 1)
        let count = head + modelCount
        let selection = min(state.picker.selection, count - 1)
        let top = max(0, min(selection - rows.height / 2, count - rows.height))
        let shown = models.models(max(0, top - head)..<max(0, top + rows.height - head))
        for i in (top..<count).prefix(rows.height) {
            let y = rows.y + i - top
            let selected = i == selection
            let rowStyle = selected ? theme.style(.selection, on: .surface) : theme.style(.text, on: .surface)
            if selected { frame.fill(Rect(x: rows.x, y: y, width: rows.width, height: 1), style: rowStyle) }
            let marker: String, markerStyle: Style, text: String
            var current = false, variants: VariantChips?
            if i < route {
                marker = "⇢"
                markerStyle = theme.style(.accent, on: .surface).adding(.bold)
                text = routeRow(state)
                current = state.isRouted
            } else if i < head {
                let set = sets[i - route]
                let marked = state.picker.marked == set.models
                marker = marked ? "✓" : "◫"
                markerStyle = marked ? theme.style(.success, on: .surface).adding(.bold) : theme.style(.accent, on: .surface)
                text = columns.row(set, catalog: state.catalog, origin: state.modelSets.origin(of: set.name) ?? .saved, basis: basis)
            } else {
                let model = shown[i - head - max(0, top - head)]
                let chips = VariantChips(state, model, offered: selected)
                let marked = state.picker.marked.contains(chips.choice.id)
                marker = marked ? "✓" : state.picker.favourites.contains(model.id) ? "★" : (state.picker.recents.contains { ModelVariant.parse($0).base == model.id || $0 == model.id } ? "↺" : " ")
                markerStyle = marked ? theme.style(.success, on: .surface).adding(.bold) : theme.style(.warning, on: .surface)
                text = columns.row(chips.choice, basis: basis, label: chips.label)
                current = model.id == currentRow && !state.isRouted
                variants = chips
            }
            // The current model's dot has a column of its own, so it never pushes the id aside.
            var line = StyledLine(marker + (current ? "●" : " ") + " ", selected ? rowStyle : markerStyle.background(rowStyle.background))
            line.append(text, rowStyle)
            frame.put(line, at: Point(x: rows.x, y: y), clip: rows)
            variants?.draw(into: &frame, row: Rect(x: rows.x + Columns.markerWidth, y: y, width: min(columns.idWidth, rows.width - Columns.markerWidth), height: 1),
                           style: theme.style(.textMuted, on: .surface).background(rowStyle.background))
        }
        if modelCount == 0, count - top < rows.height {
            frame.put(emptyMessage, at: Point(x: rows.x + 2, y: rows.y + count - top), style: theme.style(.textMuted, on: .surface), clip: rows)
        }
    }

    /// The footer's pieces (counts, the catalog's age, the keys) packed into at most `maxLines`
    /// lines, after a line saying what a chosen variant's figures mean.
    static func footer(_ state: AppState, bindings: KeyBindings = .defaults, count: Int, width: Int, maxLines: Int) -> [String] {
        var pieces: [String] = []
        let sets = state.pickerSets.count
        if sets > 0 { pieces.append(Formatting.count(sets, "set")) }
        pieces.append(Formatting.count(count, "model"))
        if let fetched = state.catalogFetchedAt {
            pieces.append("updated " + Formatting.age(seconds: state.now.timeIntervalSince(fetched)))
        }
        let enter = bindings.name(PickerCommand.choose), mark = bindings.name(PickerCommand.mark)
        let close = bindings.name(PickerCommand.close)
        if state.fallbackEditor?.adding == true {
            pieces += ["\(enter) add to the chain", "\(close) back"]
        } else if state.pickerSelectedRow == .route {
            pieces += ["\(enter) route each prompt", "\(bindings.name(.routeWhy)) on a reply says why", "\(close) close"]
        } else if case .set(let set)? = state.pickerSelectedRow {
            pieces += ["\(enter) compare set \(set.name)", "\(mark) mark", "\(close) close"]
        } else if state.picker.marked.isEmpty {
            pieces += ["\(enter) choose", "\(mark) mark to compare", "\(bindings.name(PickerCommand.favourite)) favourite", "\(close) close"]
        } else {
            pieces += ["\(state.picker.marked.count) marked", "\(enter) compare", "\(mark) mark", "\(close) close"]
        }
        // The key that changes the highlighted row's variant, and on a line of its own what a chosen one's figures mean.
        var note: String?
        if let model = state.pickerSelectedModel {
            note = maxLines >= 2 ? state.pickerChoice(model).variantNote : nil
            if !state.offeredVariants(model).isEmpty { pieces.append("\(bindings.name(PickerCommand.variant)) variant") }
        }
        var lines: [String] = []
        for piece in pieces {
            if let last = lines.last, lines.count >= maxLines || DisplayWidth.of(last) + 3 + DisplayWidth.of(piece) <= width {
                lines[lines.count - 1] = last + " · " + piece
            } else {
                lines.append(piece)
            }
        }
        // On a model row, the provider table's key, only where it fits whole.
        if case .model? = state.pickerSelectedRow, state.picker.marked.isEmpty {
            let providers = "\(bindings.name(PickerCommand.providers)) providers"
            if let last = lines.last, DisplayWidth.of(last) + 3 + DisplayWidth.of(providers) <= width {
                lines[lines.count - 1] = last + " · " + providers
            } else if lines.count + (note == nil ? 0 : 1) < maxLines {
                lines.append(providers)
            }
        }
        return ((note.map { [$0] } ?? []) + lines).map { $0.truncated(to: width) }
    }

    /// How wide the id column would like to be: the longest id in the catalog (or set row,
    /// or id with its chosen variant's tag), within reason.
    static func wantedIDWidth(_ state: AppState) -> Int {
        let ids = state.catalog.isEmpty ? 30 : CatalogIndex.of(state.catalog).longestID
        let sets = state.pickerSets.map { DisplayWidth.of(Columns.setLabel($0)) }.max() ?? 0
        let tagged = state.picker.variants.map { DisplayWidth.of(VariantChips.label($0.key, $0.value)) }.max() ?? 0
        return min(Columns.maxIDWidth, max(ids, sets, tagged, 12))
    }

    /// The picker's width beside the transcript: its content's, between `minimum` and `limit`.
    ///
    /// With room for every column the box is as wide as they are; otherwise the features
    /// go first, so ids are not cut to make room for them.
    static func boxWidth(_ state: AppState, minimum: Int, limit: Int) -> Int {
        let id = wantedIDWidth(state)
        let estimate = wantsEstimate(state, CostPreview.pickerBasis(state))
        let full = 2 + Columns.fixedWidth(context: true, badges: true, estimate: estimate) + id
        let wanted = full <= limit ? full : 2 + Columns.fixedWidth(context: true, badges: false, estimate: estimate) + id
        return max(minimum, min(limit, wanted))
    }

    /// Whether the "≈ this prompt" column is shown: while there is something to price (a
    /// draft or a thread), and always when the picker is sorted by it.
    static func wantsEstimate(_ state: AppState, _ basis: EstimateBasis) -> Bool {
        state.picker.sort == .estimate || basis.draft.bytes > 0 || basis.thread.exactTokens > 0 || basis.thread.pending.bytes > 0
    }

    /// `boxWidth` for `Layout`, asked only when the picker is beside the transcript.
    static func sizer(_ state: AppState) -> (Int, Int) -> Int {
        { boxWidth(state, minimum: $0, limit: $1) }
    }

    /// Column widths that fit the pane: the id column takes what it wants first, then the
    /// features column shows whenever it fits beside it; narrow panes drop columns from the right.
    struct Columns {
        let width: Int
        /// What the id column would like (see `wantedIDWidth`).
        var wantedID = 30
        /// Whether the "≈ this prompt" column would like to show (see `PickerPane.wantsEstimate`).
        var wantsEstimate = false

        static let maxIDWidth = 50
        static let priceWidth = 8
        static let contextWidth = 6
        /// "≈ this prompt": the input cost of the draft and its thread on the model.
        static let estimateWidth = 9
        /// The id width the estimate column (and the context beside it) leaves at least.
        static let idFloor = 24
        /// "free vision think tools", the longest badge list.
        static let badgesWidth = 22
        /// The marker (✓ ★ ↺ ◫), the current model's dot and a space.
        static let markerWidth = 3
        /// Tool servers are configured: a model the catalog lists without `tools` says "no tools" (it is sent without them).
        var marksNoTools = false

        /// Every column but the id's, with the spaces between them.
        static func fixedWidth(context: Bool, badges: Bool, estimate: Bool = false) -> Int {
            markerWidth + 2 * (priceWidth + 1) + (estimate ? estimateWidth + 1 : 0) + (context ? contextWidth + 1 : 0) + (badges ? badgesWidth + 1 : 0)
        }

        var priceWidth: Int { Self.priceWidth }
        /// The estimate comes before the context: shown while the id keeps `idFloor` (or its whole width if shorter).
        var showEstimate: Bool {
            wantsEstimate && width - Self.fixedWidth(context: false, badges: false, estimate: true) >= min(wantedID, Self.idFloor)
        }
        var showContext: Bool {
            width >= 44 && (!showEstimate || width - Self.fixedWidth(context: true, badges: false, estimate: true) >= min(wantedID, Self.idFloor))
        }
        var showBadges: Bool {
            showContext && width - Self.fixedWidth(context: true, badges: true, estimate: showEstimate) >= wantedID
        }
        var idWidth: Int { max(8, width - Self.fixedWidth(context: showContext, badges: showBadges, estimate: showEstimate)) }

        var header: String {
            var s = String(repeating: " ", count: Self.markerWidth) + "MODEL".padded(to: idWidth)
            s += " " + "$/M IN".leftPadded(to: priceWidth) + " " + "$/M OUT".leftPadded(to: priceWidth)
            if showEstimate { s += " " + "≈ PROMPT".leftPadded(to: Self.estimateWidth) }
            if showContext { s += " " + "CTX".leftPadded(to: Self.contextWidth) }
            if showBadges { s += " " + "FEATURES" }
            return s
        }

        /// A model's row; `label` replaces the id in its column (a chosen variant's tag).
        func row(_ m: ModelInfo, basis: EstimateBasis, label: String? = nil) -> String {
            var s = (label ?? m.id).padded(to: idWidth)
            s += " " + Formatting.perMillion(m.pricing.prompt).leftPadded(to: priceWidth)
            s += " " + Formatting.perMillion(m.pricing.completion).leftPadded(to: priceWidth)
            if showEstimate { s += " " + Self.estimate(CostEstimator.estimate(model: m.id, info: m, basis: basis).inputCost) }
            if showContext { s += " " + (m.contextLength.map(Formatting.tokens) ?? "?").leftPadded(to: Self.contextWidth) }
            if showBadges { s += " " + badges(m) }
            return s
        }

        /// An input estimate in the column: "$0.0031", "<$0.00001", or "?" when the price is unknown.
        static func estimate(_ cost: Decimal?) -> String {
            guard let cost else { return "?".leftPadded(to: estimateWidth) }
            // Below a millionth of a dollar, Formatting.usd needs more digits than the column has.
            let text = cost > 0 && cost < Decimal(string: "0.000001")! ? "<$0.00001" : Formatting.usd(cost)
            return text.truncated(to: estimateWidth).leftPadded(to: estimateWidth)
        }

        func badges(_ m: ModelInfo) -> String {
            var b: [String] = []
            if m.pricing.isFree { b.append("free") }
            if m.acceptsImages || m.acceptsFiles { b.append("vision") }
            if m.supportsReasoning { b.append("think") }
            if m.supportsTools { b.append("tools") } else if marksNoTools { b.append("no tools") }
            return b.joined(separator: " ")
        }
    }
}
