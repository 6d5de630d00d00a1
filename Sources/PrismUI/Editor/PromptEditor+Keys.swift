import PrismTerminal

/// The readline keys every text field shares: the prompt, the picker's search, the session
/// browser's filter and the rename field all call this, so a key edits the same way wherever
/// the caret is.
///
/// Up and Down are left to the caller (history in the prompt, the list in the overlays), and so
/// is every key that a field gives another meaning first (Ctrl-D deletes a session in the browser).
extension PromptEditor {
    /// Applies an editing key; false when `key` is not one (the caller then tries its own keys).
    @discardableResult
    public mutating func applyEditingKey(_ key: Key) -> Bool {
        let m = key.modifiers
        switch key.code {
        case .character(let c) where m.isEmpty || m == .shift: insert(String(c))
        case .character("a") where m == .control: moveToLineStart()
        case .character("e") where m == .control: moveToLineEnd()
        case .character("b") where m == .control: moveLeft()
        case .character("f") where m == .control: moveRight()
        case .character("k") where m == .control: killToLineEnd()
        case .character("u") where m == .control: killToLineStart()
        case .character("w") where m == .control: killWordBackward()
        case .character("y") where m == .control: yank()
        case .character("d") where m == .control: deleteForward()
        case .character("h") where m == .control: backspace()
        case .character("b") where m == .alt: moveWordBackward()
        case .character("f") where m == .alt: moveWordForward()
        case .backspace: backspace()
        case .delete: deleteForward()
        case .left: m.contains(.control) ? moveWordBackward() : moveLeft()
        case .right: m.contains(.control) ? moveWordForward() : moveRight()
        case .home where m.isEmpty: moveToLineStart()
        case .end where m.isEmpty: moveToLineEnd()
        default: return false
        }
        return true
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
