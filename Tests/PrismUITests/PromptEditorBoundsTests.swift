import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The prompt editor works on UTF-8 offsets and the pane wraps only the rows it shows;
/// both must behave exactly as the straightforward versions over arrays of Characters did.
@Suite struct PromptEditorBoundsTests {
    /// The editor as it was: every edit over `Array(text)`.
    struct Reference {
        var chars: [Character]
        var caret: Int
        var kill = ""

        init(_ text: String) { chars = Array(text); caret = chars.count }
        var text: String { String(chars) }

        mutating func apply(_ op: Op) {
            switch op {
            case .insert(let s):
                let ins = Array(s)
                chars.insert(contentsOf: ins, at: caret)
                caret += ins.count
            case .backspace: if caret > 0 { chars.remove(at: caret - 1); caret -= 1 }
            case .delete: if caret < chars.count { chars.remove(at: caret) }
            case .left: caret = max(0, caret - 1)
            case .right: caret = min(chars.count, caret + 1)
            case .home: while caret > 0, chars[caret - 1] != "\n" { caret -= 1 }
            case .end: while caret < chars.count, chars[caret] != "\n" { caret += 1 }
            case .killEnd:
                var end = caret
                while end < chars.count, chars[end] != "\n" { end += 1 }
                if end == caret, end < chars.count { end += 1 }
                kill = String(chars[caret..<end])
                chars.removeSubrange(caret..<end)
            case .killStart:
                var start = caret
                while start > 0, chars[start - 1] != "\n" { start -= 1 }
                kill = String(chars[start..<caret])
                chars.removeSubrange(start..<caret)
                caret = start
            case .killWord:
                var start = caret
                while start > 0, chars[start - 1].isWhitespace { start -= 1 }
                while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
                kill = String(chars[start..<caret])
                chars.removeSubrange(start..<caret)
                caret = start
            case .yank: apply(.insert(kill))
            case .wordBack:
                while caret > 0, !word(chars[caret - 1]) { caret -= 1 }
                while caret > 0, word(chars[caret - 1]) { caret -= 1 }
            case .wordForward:
                while caret < chars.count, !word(chars[caret]) { caret += 1 }
                while caret < chars.count, word(chars[caret]) { caret += 1 }
            case .up, .down:
                var line = 0, column = 0
                for ch in chars[..<caret] { if ch == "\n" { line += 1; column = 0 } else { column += 1 } }
                let lines = chars.filter { $0 == "\n" }.count + 1
                let target = op == .up ? line - 1 : line + 1
                guard target >= 0, target < lines else { return }
                var i = 0, l = 0
                while i < chars.count, l < target { if chars[i] == "\n" { l += 1 }; i += 1 }
                var c = 0
                while i < chars.count, chars[i] != "\n", c < column { i += 1; c += 1 }
                caret = i
            }
        }

        private func word(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }
    }

    enum Op: Equatable {
        case insert(String), backspace, delete, left, right, home, end, killEnd, killStart, killWord, yank
        case wordBack, wordForward, up, down
    }

    static func apply(_ op: Op, to e: inout PromptEditor) {
        switch op {
        case .insert(let s): e.insert(s)
        case .backspace: e.backspace()
        case .delete: e.deleteForward()
        case .left: e.moveLeft()
        case .right: e.moveRight()
        case .home: e.moveToLineStart()
        case .end: e.moveToLineEnd()
        case .killEnd: e.killToLineEnd()
        case .killStart: e.killToLineStart()
        case .killWord: e.killWordBackward()
        case .yank: e.yank()
        case .wordBack: e.moveWordBackward()
        case .wordForward: e.moveWordForward()
        case .up: e.moveUp()
        case .down: e.moveDown()
        }
    }

    /// Pieces that stay separate characters whatever they are inserted next to.
    static let pieces = ["a", "b", "Z", " ", "\n", "東", "京", "👋🏽", "👩‍💻", "é", "_", "9", "  ", "word ", "\t", "ok\nno", "🇳🇴"]

    @Test func randomEditsMatchTheCharacterArrayEditor() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<60 {
            var start = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) { start += Self.pieces.randomElement(using: &rng)! }
            var editor = PromptEditor(text: start)
            var reference = Reference(start)
            let ops: [Op] = [.backspace, .delete, .left, .right, .home, .end, .killEnd, .killStart, .killWord, .yank,
                             .wordBack, .wordForward, .up, .down, .left, .up]
            for step in 0..<120 {
                let op: Op = Int.random(in: 0..<4, using: &rng) == 0
                    ? .insert(Self.pieces.randomElement(using: &rng)!) : ops.randomElement(using: &rng)!
                Self.apply(op, to: &editor)
                reference.apply(op)
                #expect(editor.text == reference.text, "round \(round) step \(step) \(op)")
                #expect(editor.caret == reference.caret, "round \(round) step \(step) \(op): \(editor.text.debugDescription)")
                #expect(editor.killBuffer == reference.kill)
                if editor.text != reference.text || editor.caret != reference.caret { return }
            }
        }
    }

    @Test func caretLineColumnAndLineCountCountCharactersAndNewlines() {
        var e = PromptEditor(text: "ab\n東京👋🏽x\n")
        #expect(e.lineCount == 3)
        #expect(e.caretLineColumn == (2, 0))
        e.moveUp()
        #expect(e.caretLineColumn == (1, 0))
        e.moveToLineEnd()
        #expect(e.caretLineColumn == (1, 4))
        #expect(e.caret == 7)
    }

    @Test func lineEndsBecomeNewlinesSoTheCaretNeverSplitsCRLF() {
        var e = PromptEditor()
        e.insert("one\r\ntwo\rthree")
        #expect(e.text == "one\ntwo\nthree")
        e.set("a\r\nb")
        #expect(e.text == "a\nb")
        #expect(e.isCaretAtEnd)
    }

    @Test func aCombiningMarkTypedAfterALetterKeepsTheCaretAfterTheCluster() {
        var e = PromptEditor(text: "e")
        e.insert("\u{301}")
        #expect(e.text == "e\u{301}")
        #expect(e.caret == 1)
        #expect(e.isCaretAtEnd)
        e.backspace()
        #expect(e.text.isEmpty)
    }

    @Test func aMegabyteDraftEditsAtTheCaretLikeASmallOne() {
        let line = String(repeating: "0123456789 abcdefghij ", count: 40)
        let big = Array(repeating: line, count: 1_200).joined(separator: "\n")
        var e = PromptEditor(text: big)
        e.moveUp()
        e.moveToLineStart()
        e.insert("X")
        e.moveWordForward()
        e.killWordBackward()
        #expect(e.killBuffer == "X0123456789")
        #expect(e.caretLineColumn == (1_198, 0))
        e.moveDown()
        #expect(e.caretLineColumn == (1_199, 0))
        #expect(e.text.utf8.count == big.utf8.count - 10)
    }

    // MARK: - Rows

    /// The rows as the pane used to compute them: the whole text, Character by Character.
    static func referenceRows(_ text: String, width: Int) -> [(text: String, range: Range<Int>, isLast: Bool)] {
        let chars = Array(text)
        var rows: [(String, Range<Int>, Bool)] = []
        var start = 0, used = 0, i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "\n" {
                rows.append((String(chars[start..<i]), start..<i, true))
                start = i + 1
                used = 0
                i += 1
                continue
            }
            let w = DisplayWidth.of(ch)
            if used + w > width, used > 0 {
                rows.append((String(chars[start..<i]), start..<i, false))
                start = i
                used = 0
            }
            used += w
            i += 1
        }
        rows.append((String(chars[start..<chars.count]), start..<chars.count, true))
        return rows
    }

    @Test func rowsAroundTheCaretAreTheSliceTheWholeWrapShowed() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<80 {
            var text = ""
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                text += Self.pieces.randomElement(using: &rng)!
                if Int.random(in: 0..<6, using: &rng) == 0 { text += String(repeating: "x", count: Int.random(in: 1...30, using: &rng)) }
            }
            var editor = PromptEditor(text: text)
            for _ in 0..<Int.random(in: 0...30, using: &rng) { editor.moveLeft() }
            if Bool.random(using: &rng) { editor.moveUp() }
            let width = Int.random(in: 1...12, using: &rng), height = Int.random(in: 1...6, using: &rng)
            let reference = Self.referenceRows(editor.text, width: width)
            let caret = editor.caret
            let caretRow = reference.firstIndex { $0.range.contains(caret) || $0.range.upperBound == caret && $0.isLast } ?? reference.count - 1
            let first = max(0, min(caretRow - height + 1, reference.count - height))
            let expected = reference.dropFirst(first).prefix(height).map(\.text)
            let shown = PromptRows.around(editor.text, caret: editor.caretOffset, width: width, height: height)
            #expect(shown.rows.map { PromptRows.text(of: $0, in: editor.text) } == Array(expected), "\(editor.text.debugDescription) w\(width) h\(height)")
            #expect(shown.caretRow == caretRow - first)
            #expect(PromptRows.count(editor.text, width: width, limit: 1_000) == reference.count)
            #expect(PromptRows.count(editor.text, width: width, limit: 3) == min(3, reference.count))
            #expect(PromptRows.all(editor.text, width: width).map { PromptRows.text(of: $0, in: editor.text) } == reference.map(\.text))
        }
    }

    @Test func theCaretOfAMegabyteLineIsDrawnWhereTheWholeWrapPutsIt() {
        let text = String(repeating: "abcdefghij", count: 100_000) + "\n" + String(repeating: "東京", count: 50) + "\nend"
        var editor = PromptEditor(text: text)
        editor.moveUp()
        editor.moveUp()
        #expect(editor.caretOffset == 3)
        let shown = PromptRows.around(editor.text, caret: editor.caretOffset, width: 37, height: 4)
        // The caret is 3 characters into the first line, which has 1,000,000 ASCII characters.
        #expect(shown.caretRow == 0)
        #expect(shown.rows == (0..<4).map { PromptRow(start: $0 * 37, end: ($0 + 1) * 37, isLast: false) })
        editor.moveToLineEnd()
        let end = PromptRows.around(editor.text, caret: editor.caretOffset, width: 37, height: 4)
        #expect(end.caretRow == 3)
        #expect(end.rows[3] == PromptRow(start: 27_027 * 37, end: 1_000_000, isLast: true))
        // 27,028 rows of ASCII, 6 of 东京 (18 wide characters a row), 1 for "end".
        #expect(PromptRows.count(editor.text, width: 37, limit: .max) == 27_028 + 6 + 1)
    }
}
