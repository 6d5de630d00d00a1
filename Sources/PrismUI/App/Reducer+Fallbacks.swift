import Foundation
import PrismCore
import PrismTerminal

/// The fallback chain: the editor's keys (`KeyBindings.fallbacks`), adding a model through
/// the picker, `/fallbacks` and its quick forms, and a model's saved default chain.
///
/// The chain is the session's (`settings.fallbackModels`, saved with it) and is sent as
/// `models` after the current model in single chat; compare panes send their own model only.
extension Reducer {
    /// Opens the editor on a draft of the session's chain.
    static func openFallbacks(_ state: inout AppState) -> [Effect] {
        state.fallbackEditor = FallbackEditorState(draft: state.session.settings.fallbackModels)
        state.focus = .fallbacks
        if state.isComparing { notify(&state, "compare panes send only their own model; this chain is for single chat") }
        return catalogLoadEffects(state)
    }

    /// Keys of the editor; nil lets a key it does not bind fall through to the global bindings.
    static func fallbacksKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect]? {
        guard var editor = state.fallbackEditor else {
            state.focus = .prompt
            return nil
        }
        guard let command = env.bindings.fallbacks[key] else { return nil }
        switch command {
        case .add:
            if editor.draft.count >= FallbackChain.maxFallbacks {
                notify(&state, FallbackChain.limitRefusal, .error)
                return []
            }
            editor.adding = true
            state.fallbackEditor = editor
            state.picker.query = ""
            state.picker.selection = 0
            state.focus = .picker
            return catalogLoadEffects(state)
        case .remove:
            guard editor.draft.indices.contains(editor.selection) else { return [] }
            editor.draft.remove(at: editor.selection)
            editor.clampSelection()
        case .moveUp, .moveDown:
            let target = editor.selection + (command == .moveUp ? -1 : 1)
            guard editor.draft.indices.contains(editor.selection), editor.draft.indices.contains(target) else { return [] }
            editor.draft.swapAt(editor.selection, target)
            editor.selection = target
        case .up: editor.selection = max(0, editor.selection - 1)
        case .down: editor.selection = min(max(0, editor.draft.count - 1), editor.selection + 1)
        case .save:
            state.fallbackEditor = nil
            state.focus = .prompt
            return setChain(&state, editor.draft)
        case .discard:
            state.fallbackEditor = nil
            state.focus = .prompt
            notify(&state, "fallback chain unchanged")
            return []
        case .saveDefault:
            guard let model = state.session.model else {
                notify(&state, "no model chosen: \(env.bindings.name(.togglePicker)) picks one", .error)
                return []
            }
            state.savedFallbacks[model] = editor.draft.isEmpty ? nil : editor.draft
            notify(&state, editor.draft.isEmpty ? "no default chain for \(model) now"
                : "default chain for \(model): " + editor.draft.joined(separator: ", ") + " (used when a session without one switches to it)")
            return [.saveFallbackDefault(model: model, chain: editor.draft)]
        }
        state.fallbackEditor = editor
        return []
    }

    /// The picker chose a model while adding to the chain: it joins the draft, unless the
    /// rules refuse it (the picker then stays open for another choice).
    static func addPickedFallback(_ state: inout AppState, _ model: String) -> [Effect] {
        guard var editor = state.fallbackEditor else { return [] }
        if let refusal = FallbackChain.refusal(adding: model, to: editor.draft, current: state.session.model) {
            notify(&state, refusal, .error)
            return []
        }
        editor.draft.append(model)
        editor.selection = editor.draft.count - 1
        editor.adding = false
        state.fallbackEditor = editor
        state.picker.query = ""
        state.focus = .fallbacks
        notify(&state, "added \(model) as fallback \(editor.draft.count)")
        return []
    }

    /// Leaves the picker for the editor without adding anything.
    static func closeFallbackPicker(_ state: inout AppState) {
        state.fallbackEditor?.adding = false
        state.picker.query = ""
        state.focus = .fallbacks
    }

    /// Whether the picker is open to add a model to the chain.
    static func pickingFallback(_ state: AppState) -> Bool {
        state.focus == .picker && state.fallbackEditor?.adding == true
    }

    /// The editor lives while it or its picker has the keys; anything else that took focus
    /// (help, a new session) closes it, forgetting the draft.
    static func dropStaleFallbackEditor(_ state: inout AppState) {
        guard let editor = state.fallbackEditor else { return }
        if state.focus == .fallbacks || state.focus == .picker && editor.adding { return }
        state.fallbackEditor = nil
    }

    /// Makes `chain` the session's, saved with it (once it has messages, as every setting is).
    static func setChain(_ state: inout AppState, _ chain: [String]) -> [Effect] {
        state.session.settings.fallbackModels = chain
        let unknown = state.catalog.isEmpty ? [] : chain.filter { state.catalogEntry($0) == nil }
        var text = chain.isEmpty ? "no fallback chain" : "fallbacks: " + chain.joined(separator: " → ")
        if !unknown.isEmpty { text += " (not in the catalog: " + unknown.joined(separator: ", ") + ")" }
        if state.isComparing, !chain.isEmpty { text += "; used in single chat" }
        notify(&state, text, unknown.isEmpty ? .info : .error)
        return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
    }

    /// `/fallbacks` opens the editor; `/fallbacks clear` empties the chain; `/fallbacks add
    /// MODEL…` appends; `/fallbacks MODEL…` replaces it. A chain the rules refuse is not set.
    static func fallbacksCommand(_ state: inout AppState, _ argument: String) -> [Effect] {
        var words = argument.split(separator: " ").map(String.init)
        guard let first = words.first else { return openFallbacks(&state) }
        if first == "clear", words.count == 1 { return setChain(&state, []) }
        var chain: [String] = []
        if first == "add" {
            words.removeFirst()
            chain = state.session.settings.fallbackModels
            guard !words.isEmpty else {
                notify(&state, "usage: /fallbacks add MODEL [MODEL]", .error)
                return []
            }
        }
        for model in words {
            if let refusal = FallbackChain.refusal(adding: model, to: chain, current: state.session.model) {
                notify(&state, "chain unchanged: " + refusal, .error)
                return []
            }
            chain.append(model)
        }
        return setChain(&state, chain)
    }

    /// After switching to `model`: a chain that named it loses it (it is asked first now), and
    /// a session with no chain takes the model's saved default. Returns what to add to the notice.
    static func adaptChain(_ state: inout AppState, to model: String) -> String {
        var chain = state.session.settings.fallbackModels
        if chain.contains(model) {
            chain.removeAll { $0 == model }
            state.session.settings.fallbackModels = chain
            return chain.isEmpty ? " · left the fallback chain, now empty" : " · left the fallback chain"
        }
        guard chain.isEmpty, !state.isComparing, let saved = state.savedFallbacks[model] else { return "" }
        let applied = Array(saved.filter { $0 != model }.prefix(FallbackChain.maxFallbacks))
        guard !applied.isEmpty else { return "" }
        state.session.settings.fallbackModels = applied
        return " · its default fallbacks: " + applied.joined(separator: ", ")
    }
}
