import Foundation
import PrismCore
import PrismTerminal

extension Reducer {
    /// Keys of the model picker; nil lets the key fall through to the global bindings.
    static func pickerKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect]? {
        switch env.bindings.picker[key] {
        case .close? where pickingFallback(state):
            closeFallbackPicker(&state)
            return []
        case .close?:
            state.focus = .prompt
            return []
        case .choose? where pickingFallback(state):
            guard let id = state.pickerSelectedModel?.id else { return [] }
            return addPickedFallback(&state, id)
        case .mark? where pickingFallback(state):
            notify(&state, "adding a fallback: \(env.bindings.name(PickerCommand.choose)) adds the highlighted model")
            return []
        case .mark?:
            if case .set(let set) = state.pickerSelectedRow { markSet(&state, set, env.bindings) } else { toggleMark(&state) }
            return []
        case .choose? where state.pickerSelectedRow == .route && state.picker.marked.isEmpty:
            state.picker.query = ""
            state.focus = .prompt
            return setRouted(&state, true, env)
        case .choose?:
            if case .set(let set) = state.pickerSelectedRow {
                state.picker.marked = []
                state.picker.query = ""
                return useSet(&state, set.name, env)
            }
            return pickerEnter(&state, env)
        case .sort?:
            let all = ModelPickerState.Sort.allCases
            state.picker.sort = all[(all.firstIndex(of: state.picker.sort)! + 1) % all.count]
            state.picker.selection = 0
            return []
        case .providers?:
            guard let id = state.pickerSelectedModel?.id else {
                notify(&state, "highlight a model to see its providers", .error)
                return []
            }
            return openProviders(&state, model: id)
        case .variant?:
            return cycleVariant(&state, env.bindings)
        case .up?: movePicker(&state, -1); return []
        case .down?: movePicker(&state, 1); return []
        case .pageUp?: movePicker(&state, -10); return []
        case .pageDown?: movePicker(&state, 10); return []
        case .favourite?:
            guard let id = state.pickerSelectedModel?.id else { return [] }
            if state.picker.favourites.contains(id) { state.picker.favourites.remove(id) } else { state.picker.favourites.insert(id) }
            // Favourites sort first, so the model moves: the highlight follows it, not the row.
            if let position = state.pickerModels.position(of: id) {
                state.picker.selection = state.pickerHeadCount + position
            }
            return [.savePickerPreferences(favourites: state.picker.favourites.sorted(), recents: state.picker.recents)]
        case nil:
            break
        }
        let before = state.picker.query
        guard state.picker.search.applyEditingKey(key, keys: env.bindings.editor) else { return nil }
        if state.picker.query != before { state.picker.selection = 0 }
        return []
    }

    /// Enter on a model row: compare the marked models, or choose the selected one.
    static func pickerEnter(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        if state.isComparing || !state.picker.marked.isEmpty {
            let marked = state.picker.marked
            guard marked.count >= 2 else {
                notify(&state, "compare needs 2 to \(Lane.maxCount) models: \(env.bindings.name(PickerCommand.mark)) marks them")
                return []
            }
            state.picker.marked = []
            state.picker.query = ""
            return enterCompare(&state, models: marked, env)
        }
        guard let chosen = state.pickerSelectedChoice else { return [] }
        state.session.model = chosen
        state.session.routed = false
        state.picker.recents.removeAll { $0 == chosen }
        state.picker.recents.insert(chosen, at: 0)
        if state.picker.recents.count > 8 { state.picker.recents.removeLast() }
        state.picker.query = ""
        state.focus = .prompt
        notify(&state, "model: \(chosen)" + adaptChain(&state, to: chosen))
        var effects: [Effect] = [.savePickerPreferences(favourites: state.picker.favourites.sorted(), recents: state.picker.recents)]
        if !state.session.messages.isEmpty { effects.append(.saveSession(state.session)) }
        return effects
    }

    /// Marks or unmarks the selected model for compare mode (at most four).
    static func toggleMark(_ state: inout AppState) {
        guard let id = state.pickerSelectedChoice else { return }
        if let i = state.picker.marked.firstIndex(of: id) {
            state.picker.marked.remove(at: i)
        } else if state.picker.marked.count >= Lane.maxCount {
            notify(&state, "at most \(Lane.maxCount) models side by side", .error)
        } else {
            state.picker.marked.append(id)
        }
    }

    /// Opening the picker reads the cached catalog, unless one read in the last hours is loaded:
    /// decoding a 200,000-model catalog again takes seconds of a core, and a cached catalog
    /// read again brings nothing new (a refresh is due only when the cache is stale).
    static func catalogLoadEffects(_ state: AppState) -> [Effect] {
        if !state.catalog.isEmpty, let fetched = state.catalogFetchedAt, state.now.timeIntervalSince(fetched) < 6 * 3600 { return [] }
        return [.loadCatalog(refresh: false)]
    }

    static func movePicker(_ state: inout AppState, _ delta: Int) {
        let count = state.pickerRowCount
        state.picker.selection = max(0, min(count - 1, state.picker.selection + delta))
    }

    static func clampPicker(_ state: inout AppState) {
        let count = state.pickerRowCount
        state.picker.selection = max(0, min(max(0, count - 1), state.picker.selection))
        // A selection on a set row (from /sets) stays there when the catalog arrives.
        if state.focus == .picker, state.picker.query.isEmpty, state.picker.selection >= state.pickerHeadCount {
            selectCurrentModelInPicker(&state)
        }
    }

    static func selectCurrentModelInPicker(_ state: inout AppState) {
        if state.isRouted, state.pickerShowsRoute {
            state.picker.selection = 0
            return
        }
        guard let model = state.session.model else { return }
        _ = selectInPicker(&state, model)
    }

    /// Keys of the session browser.
    static func browserKey(_ state: inout AppState, _ key: Key, _ bindings: KeyBindings) -> [Effect]? {
        if let pending = state.browser.confirmingDelete {
            state.browser.confirmingDelete = nil
            if bindings.confirm[key] == .yes { return [.deleteSession(id: pending)] }
            notify(&state, "kept the session")
            return []
        }
        if state.browser.renaming != nil { return renameKey(&state, key, bindings) }
        let visible = state.browser.visible
        let selected = state.browser.selection < visible.count ? visible[state.browser.selection] : nil
        switch bindings.browser[key] {
        case .close?:
            state.focus = .prompt
            return []
        case .resume?:
            guard let selected else { return [] }
            state.focus = .prompt
            return [.loadSession(id: selected.id)]
        case .delete?:
            if let selected { state.browser.confirmingDelete = selected.id }
            return []
        case .rename?:
            // The old title with the caret at its end: Enter keeps it, Backspace trims it, Ctrl-U clears it.
            if let selected { state.browser.renaming = (selected.id, PromptEditor(text: selected.title)) }
            return []
        case .export?:
            if let selected { return [.exportSession(id: selected.id)] }
            return []
        case .up?: state.browser.selection = max(0, state.browser.selection - 1); return []
        case .down?: state.browser.selection = min(max(0, visible.count - 1), state.browser.selection + 1); return []
        case .pageUp?: state.browser.selection = max(0, state.browser.selection - 10); return []
        case .pageDown?: state.browser.selection = min(max(0, visible.count - 1), state.browser.selection + 10); return []
        case nil:
            break
        }
        let before = state.browser.filter
        guard state.browser.filterField.applyEditingKey(key, keys: bindings.editor) else { return nil }
        guard state.browser.filter != before else { return [] }
        state.browser.selection = 0
        return filterChanged(&state)
    }

    /// Keys of the rename field: the browser's resume key (Enter) renames, its close key (Esc)
    /// gives up, the rest edit the title.
    static func renameKey(_ state: inout AppState, _ key: Key, _ bindings: KeyBindings) -> [Effect] {
        guard var renaming = state.browser.renaming else { return [] }
        switch bindings.browser[key] {
        case .close?:
            state.browser.renaming = nil
        case .resume?:
            state.browser.renaming = nil
            let title = renaming.editor.text.trimmingCharacters(in: .whitespaces)
            guard !title.isEmpty else { return [] }
            if let i = state.browser.sessions.firstIndex(where: { $0.id == renaming.id }) { state.browser.sessions[i].title = title }
            if state.session.id == renaming.id { state.session.title = title }
            return [.renameSession(id: renaming.id, title: title)]
        default:
            renaming.editor.applyEditingKey(key, keys: bindings.editor)
            state.browser.renaming = renaming
        }
        return []
    }

    /// A new filter drops old content matches and asks for a search of message text.
    static func filterChanged(_ state: inout AppState) -> [Effect] {
        state.browser.contentMatches = []
        return state.browser.filter.trimmingCharacters(in: .whitespaces).count >= 2
            ? [.searchSessions(query: state.browser.filter)] : []
    }

    /// Keys of the theme switcher: move to preview, Enter to keep, Esc to leave.
    static func themeKey(_ state: inout AppState, _ key: Key, _ bindings: KeyBindings) -> [Effect]? {
        let names = state.availableThemes
        let current = names.firstIndex(of: state.theme) ?? 0
        switch bindings.themes[key] {
        case .keep?:
            // The theme on screen stays, and is the one the next run starts with.
            state.focus = .prompt
            return [.saveTheme(state.theme)]
        case let step?:
            guard !names.isEmpty else { return [] }
            let next = (current + (step == .previous ? names.count - 1 : 1)) % names.count
            return [.applyTheme(names[next])]
        case nil:
            return nil
        }
    }
}
