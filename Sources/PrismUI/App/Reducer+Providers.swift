import Foundation
import PrismCore
import PrismTerminal

/// The provider table: opening it for a model (from the picker's row, the chat screen or
/// `/providers`), its keys, and the answers of its effects.
extension Reducer {
    /// Opens the table for `model`: providers fetched through the endpoint cache, the saved routing read.
    static func openProviders(_ state: inout AppState, model: String?) -> [Effect] {
        if blindRefuses(&state, "the provider table") { return [] }
        guard let model, !model.isEmpty else {
            notify(&state, "no model chosen: pick one first", .error)
            return []
        }
        let back: AppState.Focus = state.focus == .picker ? .picker : .prompt
        state.providers = ProviderTableState(model: model, returnFocus: back)
        state.focus = .providers
        return [.loadRouting, .loadProviders(model: model, refresh: false)]
    }

    /// The model the chat screen's key opens the table for: the focused pane's in compare mode.
    static func currentModel(_ state: AppState) -> String? {
        state.isComparing ? state.model(ofLane: state.focusedLane) : state.session.model
    }

    /// Keys of the provider table; every key stops here (none reaches the prompt).
    static func providersKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        guard var table = state.providers else {
            state.focus = .prompt
            return []
        }
        defer { if state.focus == .providers { state.providers = table } }
        if table.priceField != nil { return priceFieldKey(&state, &table, key, env) }
        guard let command = env.bindings.providers[key] else {
            // Stopping a reply and quitting work everywhere; nothing else leaves the table by accident.
            if let global = env.bindings.command(for: key), global == .cancel || global == .quit { return run(global, &state, env) }
            return []
        }
        let rows = table.rows
        func move(_ delta: Int) {
            table.selection = max(0, min(rows.count - 1, table.selection + delta))
        }
        // Edits wait for the saved routing, so reading it can never undo them.
        let edits: Set<ProvidersCommand> = [.pin, .moveUp, .moveDown, .exclude, .quantization, .fallbacks, .routingSort,
                                            .maxPrice, .dataCollection, .zdr, .save, .reset]
        if edits.contains(command), !table.routingRead {
            notify(&state, "reading the saved routing…")
            return []
        }
        switch command {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: move(-10)
        case .pageDown: move(10)
        case .sort:
            let selected = table.selectedRow
            table.sort = table.sort.next
            keepSelection(&table, on: selected)
            notify(&state, "listed \(table.sort.caption)")
        case .pin, .exclude, .quantization, .moveUp, .moveDown:
            guard let row = table.selectedRow else { return [] }
            rowEdit(&state, &table, command, row, env.bindings)
        case .fallbacks: table.toggleFallbacks()
        case .routingSort: table.cycleRoutingSort()
        case .dataCollection: table.toggleDataCollection()
        case .zdr: table.toggleZDR()
        case .maxPrice:
            table.priceField = PromptEditor(text: MaxPriceText.format(table.draft.maxPrice))
        case .save:
            let model = table.model
            let preferences = table.draft.isEmpty ? nil : table.draft
            closeProviders(&state, table)
            if !table.isDirty && preferences == nil {
                notify(&state, "routing for \(model) unchanged (none saved)")
                return []
            }
            return [.saveRouting(model: model, preferences: preferences)]
        case .close:
            closeProviders(&state, table)
            notify(&state, table.isDirty ? "routing for \(table.model) unchanged: edits discarded" : "routing for \(table.model) unchanged")
        case .reset:
            table.draft = ProviderPreferences()
            table.saved = nil
            return [.saveRouting(model: table.model, preferences: nil)]
        case .refresh:
            table.load = .loading
            return [.loadProviders(model: table.model, refresh: true)]
        }
        return []
    }

    /// Pin, exclude, quantization and reordering act on the highlighted provider.
    private static func rowEdit(_ state: inout AppState, _ table: inout ProviderTableState, _ command: ProvidersCommand,
                                _ row: ProviderEndpoint, _ bindings: KeyBindings) {
        switch command {
        case .pin:
            table.togglePin(row)
            keepSelection(&table, on: row)
        case .exclude:
            table.toggleExclude(row)
            keepSelection(&table, on: row)
        case .quantization:
            guard let q = row.quantization else {
                notify(&state, "\(TerminalSanitizer.metadata(row.providerName)) does not say its quantization", .error)
                return
            }
            table.toggleQuantization(q)
        case .moveUp, .moveDown:
            guard case .pinned? = table.draft.role(of: row) else {
                notify(&state, "only pinned providers move: \(bindings.name(ProvidersCommand.pin)) pins one", .error)
                return
            }
            if table.movePin(row, by: command == .moveUp ? -1 : 1) { keepSelection(&table, on: row) }
        default:
            break
        }
    }

    /// The highlight stays on the same provider when the rows move around it.
    private static func keepSelection(_ table: inout ProviderTableState, on row: ProviderEndpoint?) {
        guard let row, let i = table.rows.firstIndex(where: { $0.routingSlug == row.routingSlug }) else { return }
        table.selection = i
    }

    /// The max price field: Enter applies a valid value (a bad one stays, with the reason), Esc leaves it.
    private static func priceFieldKey(_ state: inout AppState, _ table: inout ProviderTableState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        guard var field = table.priceField else { return [] }
        switch env.bindings.providers[key] {
        case .close?:
            table.priceField = nil
            return []
        case .save?:
            switch MaxPriceText.parse(field.text, keeping: table.draft.maxPrice) {
            case .success(let price):
                table.draft.maxPrice = price
                table.priceField = nil
            case .failure(let error):
                notify(&state, error.message, .error)
            }
            return []
        default:
            _ = field.applyEditingKey(key, keys: env.bindings.editor)
            table.priceField = field
            return []
        }
    }

    private static func closeProviders(_ state: inout AppState, _ table: ProviderTableState) {
        state.providers = nil
        state.focus = table.returnFocus
    }

    // MARK: Answers of the effects

    static func providersLoaded(_ state: inout AppState, _ endpoints: ModelEndpoints, stale: Bool) -> [Effect] {
        if let range = PriceRange(endpoints) { state.priceRanges[ModelVariant.parse(endpoints.modelID).base] = range }
        guard var table = state.providers, table.model == endpoints.modelID else { return [] }
        let selected = table.selectedRow
        table.load = .loaded(endpoints, stale: stale)
        keepSelection(&table, on: selected)
        table.selection = min(table.selection, max(0, table.rows.count - 1))
        state.providers = table
        return []
    }

    static func providersFailed(_ state: inout AppState, model: String, reason: String) -> [Effect] {
        guard state.providers?.model == model else { return [] }
        state.providers?.load = .failed(TerminalSanitizer.metadata(reason))
        return []
    }

    /// Every model's saved routing, read again: requests use it from now on, and an open
    /// provider table that has not read its model's yet starts from it.
    static func routingLoaded(_ state: inout AppState, saved: [String: ProviderPreferences]) -> [Effect] {
        state.routing.saved = saved
        guard var table = state.providers, !table.routingRead else { return [] }
        let preferences = saved[table.model].flatMap { $0.isEmpty ? nil : $0 }
        table.saved = preferences
        table.draft = preferences ?? ProviderPreferences()
        table.routingRead = true
        state.providers = table
        return []
    }

    /// The table's choice is on disk: the next request for the model sends it, and the badge shows it.
    static func routingSaved(_ state: inout AppState, model: String, preferences: ProviderPreferences?) -> [Effect] {
        state.routing.saved[model] = preferences
        if var table = state.providers, table.model == model {
            table.saved = preferences
            state.providers = table
        }
        notify(&state, preferences == nil ? "routing for \(model) reset: OpenRouter's default" : "routing for \(model) saved")
        return []
    }
}

extension Reducer {
    /// The mouse wheel over the provider table moves its highlight.
    static func moveProviders(_ state: inout AppState, _ delta: Int) {
        guard var table = state.providers else { return }
        table.selection = max(0, min(table.rows.count - 1, table.selection + delta))
        state.providers = table
    }
}
