import PrismTerminal

/// The readline keys every text field shares: the prompt, the picker's search, the session
/// browser's filter and the rename field all call this, so a key edits the same way wherever
/// the caret is.
///
/// Which key does what is data (`KeyBindings.editor`, rebindable in `[keys.editor]`).
/// Up and Down are left to the caller (history in the prompt, the list in the overlays), and so
/// is every key that a field gives another meaning first (Ctrl-D deletes a session in the browser).
extension PromptEditor {
    /// Applies an editing key through `keys` (the `editor` bindings, `[keys.editor]`); printable
    /// characters always type. False when `key` is neither (the caller then tries its own keys).
    @discardableResult
    public mutating func applyEditingKey(_ key: Key, keys: [Key: EditorCommand] = KeyBindings.editorKeys) -> Bool {
        if let command = keys[key] {
            apply(command)
            return true
        }
        guard case .character(let c) = key.code, key.modifiers.isEmpty || key.modifiers == .shift else { return false }
        insert(String(c))
        return true
    }

    /// Does one editing command.
    public mutating func apply(_ command: EditorCommand) {
        switch command {
        case .lineStart: moveToLineStart()
        case .lineEnd: moveToLineEnd()
        case .left: moveLeft()
        case .right: moveRight()
        case .wordLeft: moveWordBackward()
        case .wordRight: moveWordForward()
        case .killToEnd: killToLineEnd()
        case .killToStart: killToLineStart()
        case .killWord: killWordBackward()
        case .yank: yank()
        case .backspace: backspace()
        case .deleteForward: deleteForward()
        }
    }

    /// Inserts pasted text into a one-line field: line breaks become spaces.
    public mutating func insertOnOneLine(_ text: String) {
        insert(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " "))
    }

    /// What a one-line field of `width` cells shows: the text from where the caret stays in
    /// view, and the caret's column in it.
    public func visibleLine(width: Int) -> (text: String, caretColumn: Int) {
        let caret = text.utf8.index(text.utf8.startIndex, offsetBy: caretOffset)
        var start = text.startIndex
        var column = DisplayWidth.of(String(text[..<caret]))
        while column >= max(1, width), start < caret {
            column -= DisplayWidth.of(text[start])
            start = text.index(after: start)
        }
        return (String(text[start...]), column)
    }
}
