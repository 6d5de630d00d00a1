import Foundation
import PrismTerminal

extension Reducer {
    /// Editing keys of the prompt (readline/emacs basics, history).
    static func editPrompt(_ state: inout AppState, _ key: Key) {
        let p = key.modifiers
        switch key.code {
        case .character(let c) where p.isEmpty || p == .shift:
            state.prompt.insert(String(c))
        case .character("a") where p == .control: state.prompt.moveToLineStart()
        case .character("e") where p == .control: state.prompt.moveToLineEnd()
        case .character("k") where p == .control: state.prompt.killToLineEnd()
        case .character("u") where p == .control: state.prompt.killToLineStart()
        case .character("w") where p == .control: state.prompt.killWordBackward()
        case .character("b") where p == .control: state.prompt.moveLeft()
        case .character("f") where p == .control: state.prompt.moveRight()
        case .character("d") where p == .control: state.prompt.deleteForward()
        case .character("h") where p == .control: state.prompt.backspace()
        case .character("b") where p == .alt: state.prompt.moveWordBackward()
        case .character("f") where p == .alt: state.prompt.moveWordForward()
        case .backspace: state.prompt.backspace()
        case .delete: state.prompt.deleteForward()
        case .left: p.contains(.control) ? state.prompt.moveWordBackward() : state.prompt.moveLeft()
        case .right: p.contains(.control) ? state.prompt.moveWordForward() : state.prompt.moveRight()
        case .home: state.prompt.moveToLineStart()
        case .end: state.prompt.moveToLineEnd()
        case .up:
            if !state.prompt.moveUp() { recallHistory(&state, by: -1) }
        case .down:
            if !state.prompt.moveDown() { recallHistory(&state, by: 1) }
        default:
            break
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
