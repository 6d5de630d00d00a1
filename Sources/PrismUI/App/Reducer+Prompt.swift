import Foundation
import PrismTerminal

extension Reducer {
    /// Editing keys of the prompt: the readline keys every field shares, plus Up/Down, which
    /// move between lines and past the first or last line through history.
    static func editPrompt(_ state: inout AppState, _ key: Key, _ bindings: KeyBindings) {
        switch key.code {
        case .up:
            if !state.prompt.moveUp() { recallHistory(&state, by: -1) }
        case .down:
            if !state.prompt.moveDown() { recallHistory(&state, by: 1) }
        default:
            state.prompt.applyEditingKey(key, keys: bindings.editor)
        }
    }

    /// Steps through earlier prompts; stepping past the newest restores the draft.
    static func recallHistory(_ state: inout AppState, by step: Int) {
        let entries = state.history.entries
        guard !entries.isEmpty else { return }
        if state.history.cursor == nil {
            guard step < 0 else { return }
            state.history.draft = state.prompt.text
            state.history.cursor = entries.count
        }
        let next = (state.history.cursor ?? entries.count) + step
        if next >= entries.count {
            state.history.cursor = nil
            state.prompt.set(state.history.draft)
        } else if next >= 0 {
            state.history.cursor = next
            state.prompt.set(entries[next])
        }
    }
}
