import PrismTerminal

/// One screen row of the prompt: UTF-8 offsets into the text.
struct PromptRow: Equatable {
    var start: Int
    var end: Int
    /// Last row of a logical line (the caret may sit at its end).
    var isLast: Bool
}

/// Wraps the prompt's text into rows, only as much of it as the pane shows.
///
/// Lines break at newlines and at the width by display width, at any character (the
/// prompt is not word-wrapped). A line of ASCII wraps every `width` bytes, so its rows
/// are arithmetic; other lines are walked character by character. The pane asks only
/// for the rows around the caret and the layout only for a row count up to a limit, so
/// a megabyte of pasted text costs the lines near the caret, not the whole draft.
enum PromptRows {
    /// The rows the pane shows: those ending at the caret's row, or the first `height`
    /// rows when the caret is nearer the start; with the caret's index among them.
    static func around(_ text: String, caret: Int, width: Int, height: Int) -> (rows: [PromptRow], caretRow: Int) {
        let width = max(1, width), height = max(1, height)
        let total = text.utf8.count
        let lineStart = PromptText.lineStart(in: text, before: caret)
        let lineEnd = PromptText.lineEnd(in: text, from: caret)
        let line = rows(text, lineStart..<lineEnd, width: width)
        let index = line.firstIndex { ($0.start <= caret && caret < $0.end) || ($0.end == caret && $0.isLast) } ?? line.count - 1
        var before = Array(line[..<index])
        var start = lineStart
        while before.count < height - 1, start > 0 {
            let previousStart = PromptText.lineStart(in: text, before: start - 1)
            before = rows(text, previousStart..<(start - 1), width: width, last: height - 1 - before.count) + before
            start = previousStart
        }
        var shown = Array(before.suffix(height - 1))
        let caretRow = shown.count
        shown.append(line[index])
        if shown.count < height {
            shown += line[(index + 1)...].prefix(height - shown.count)
            var end = lineEnd
            while shown.count < height, end < total {
                let next = PromptText.lineEnd(in: text, from: end + 1)
                shown += rows(text, (end + 1)..<next, width: width, first: height - shown.count)
                end = next
            }
        }
        return (shown, caretRow)
    }

    /// How many rows the whole text takes, counting no further than `limit`.
    static func count(_ text: String, width: Int, limit: Int) -> Int {
        let total = text.utf8.count
        var rowsSoFar = 0, start = 0
        while rowsSoFar < limit {
            let end = PromptText.lineEnd(in: text, from: start)
            rowsSoFar += rows(text, start..<end, width: width, first: limit - rowsSoFar).count
            if end >= total { break }
            start = end + 1
        }
        return min(rowsSoFar, limit)
    }

    /// Every row of the text (for tests and small texts).
    static func all(_ text: String, width: Int) -> [PromptRow] {
        var out: [PromptRow] = []
        var start = 0
        while true {
            let end = PromptText.lineEnd(in: text, from: start)
            out += rows(text, start..<end, width: width)
            if end >= text.utf8.count { return out }
            start = end + 1
        }
    }

    /// The text of a row.
    static func text(of row: PromptRow, in text: String) -> String {
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: row.start)..<utf8.index(utf8.startIndex, offsetBy: row.end)])
    }

    /// The rows of one line (`line` excludes its newline): all of them, the first `first`, or the last `last`.
    static func rows(_ text: String, _ line: Range<Int>, width: Int, first: Int = .max, last: Int = .max) -> [PromptRow] {
        let width = max(1, width)
        if line.isEmpty { return [PromptRow(start: line.lowerBound, end: line.lowerBound, isLast: true)] }
        if PromptText.withBytes(text, { PromptText.isSimple($0, line) }) {
            // One cell and one character per byte: a row every `width` bytes.
            let count = (line.count + width - 1) / width
            var range = 0..<min(count, first)
            if last < count { range = max(range.lowerBound, count - last)..<range.upperBound }
            return range.map { k in
                PromptRow(start: line.lowerBound + k * width, end: min(line.upperBound, line.lowerBound + (k + 1) * width), isLast: k == count - 1)
            }
        }
        var out: [PromptRow] = []
        let utf8 = text.utf8
        var i = utf8.index(utf8.startIndex, offsetBy: line.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: line.upperBound)
        var start = line.lowerBound, used = 0
        while i < end {
            let next = text.index(after: i)
            let w = DisplayWidth.of(text[i])
            if used + w > width, used > 0 {
                let offset = utf8.distance(from: utf8.startIndex, to: i)
                out.append(PromptRow(start: start, end: offset, isLast: false))
                if out.count >= first { return out }
                start = offset
                used = 0
            }
            used += w
            i = next
        }
        out.append(PromptRow(start: start, end: line.upperBound, isLast: true))
        return last < out.count ? Array(out.suffix(last)) : out
    }
}
