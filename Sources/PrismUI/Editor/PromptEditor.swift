import PrismTerminal

/// The multi-line prompt being typed, with a caret and readline-style editing.
///
/// Pure value type: every edit is a method, so the reducer can apply keys and tests
/// can check the result. The caret is an index into `text` counted in Characters
/// (grapheme clusters), so a caret can never sit inside an emoji.
public struct PromptEditor: Sendable, Equatable {
    public private(set) var text: String = ""
    /// Caret position in characters, 0...text.count.
    public private(set) var caret: Int = 0
    /// What Ctrl-K / Ctrl-U / Ctrl-W removed last, for Ctrl-Y.
    public private(set) var killBuffer: String = ""

    public init(text: String = "") {
        self.text = text
        self.caret = text.count
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func set(_ newText: String) {
        text = newText
        caret = newText.count
    }

    public mutating func clear() { set("") }

    private var chars: [Character] { Array(text) }

    public mutating func insert(_ s: String) {
        var c = chars
        let insertion = Array(s)
        c.insert(contentsOf: insertion, at: caret)
        text = String(c)
        caret += insertion.count
    }

    public mutating func backspace() {
        guard caret > 0 else { return }
        var c = chars
        c.remove(at: caret - 1)
        text = String(c)
        caret -= 1
    }

    public mutating func deleteForward() {
        var c = chars
        guard caret < c.count else { return }
        c.remove(at: caret)
        text = String(c)
    }

    public mutating func moveLeft() { caret = max(0, caret - 1) }
    public mutating func moveRight() { caret = min(text.count, caret + 1) }

    /// Start of the current line (Ctrl-A / Home).
    public mutating func moveToLineStart() {
        let c = chars
        var i = caret
        while i > 0, c[i - 1] != "\n" { i -= 1 }
        caret = i
    }

    /// End of the current line (Ctrl-E / End).
    public mutating func moveToLineEnd() {
        let c = chars
        var i = caret
        while i < c.count, c[i] != "\n" { i += 1 }
        caret = i
    }

    /// Deletes from the caret to the end of the line (Ctrl-K); at a line end, joins the next line.
    public mutating func killToLineEnd() {
        var c = chars
        var end = caret
        while end < c.count, c[end] != "\n" { end += 1 }
        if end == caret, end < c.count { end += 1 }
        killBuffer = String(c[caret..<end])
        c.removeSubrange(caret..<end)
        text = String(c)
    }

    /// Deletes from the start of the line to the caret (Ctrl-U).
    public mutating func killToLineStart() {
        var c = chars
        var start = caret
        while start > 0, c[start - 1] != "\n" { start -= 1 }
        killBuffer = String(c[start..<caret])
        c.removeSubrange(start..<caret)
        text = String(c)
        caret = start
    }

    /// Deletes the word before the caret (Ctrl-W): trailing spaces, then non-spaces.
    public mutating func killWordBackward() {
        var c = chars
        var start = caret
        while start > 0, c[start - 1].isWhitespace { start -= 1 }
        while start > 0, !c[start - 1].isWhitespace { start -= 1 }
        killBuffer = String(c[start..<caret])
        c.removeSubrange(start..<caret)
        text = String(c)
        caret = start
    }

    /// Inserts what was last killed (Ctrl-Y).
    public mutating func yank() { insert(killBuffer) }

    /// Moves to the start of the previous word (Alt-B).
    public mutating func moveWordBackward() {
        let c = chars
        var i = caret
        while i > 0, !isWordCharacter(c[i - 1]) { i -= 1 }
        while i > 0, isWordCharacter(c[i - 1]) { i -= 1 }
        caret = i
    }

    /// Moves to the end of the next word (Alt-F).
    public mutating func moveWordForward() {
        let c = chars
        var i = caret
        while i < c.count, !isWordCharacter(c[i]) { i += 1 }
        while i < c.count, isWordCharacter(c[i]) { i += 1 }
        caret = i
    }

    private func isWordCharacter(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }

    /// Line and column (in characters) of the caret.
    public var caretLineColumn: (line: Int, column: Int) {
        var line = 0, column = 0
        for (i, ch) in text.enumerated() where i < caret {
            if ch == "\n" { line += 1; column = 0 } else { column += 1 }
        }
        return (line, column)
    }

    public var lineCount: Int { text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) } }

    /// Moves the caret one line up, keeping the column where possible; false when already on the first line.
    @discardableResult
    public mutating func moveUp() -> Bool {
        let (line, column) = caretLineColumn
        guard line > 0 else { return false }
        caret = index(line: line - 1, column: column)
        return true
    }

    /// Moves the caret one line down; false when already on the last line.
    @discardableResult
    public mutating func moveDown() -> Bool {
        let (line, column) = caretLineColumn
        guard line < lineCount - 1 else { return false }
        caret = index(line: line + 1, column: column)
        return true
    }

    private func index(line target: Int, column: Int) -> Int {
        var line = 0, i = 0
        let c = chars
        while i < c.count, line < target {
            if c[i] == "\n" { line += 1 }
            i += 1
        }
        var col = 0
        while i < c.count, c[i] != "\n", col < column { i += 1; col += 1 }
        return i
    }
}
