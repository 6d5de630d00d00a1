/// One source line seen as bytes, with the block-level questions markdown asks of it.
///
/// The splitter classifies every line of a streaming reply exactly once, so this works
/// on UTF-8 bytes (all markdown syntax is ASCII) and never builds a `String`. Indents
/// are measured in columns with tabs advancing to the next multiple of four.
struct MarkdownLine {
    let bytes: ArraySlice<UInt8>
    /// Leading whitespace in columns.
    let indent: Int
    /// Absolute index of the first byte that is not a space or tab (or `endIndex`).
    let firstNonSpace: Int

    init(_ bytes: ArraySlice<UInt8>) {
        var end = bytes.endIndex
        if end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        self.bytes = bytes[bytes.startIndex..<end]
        var col = 0
        var i = bytes.startIndex
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: " ") { col += 1 } else if b == UInt8(ascii: "\t") { col = (col / 4 + 1) * 4 } else { break }
            i += 1
        }
        indent = col
        firstNonSpace = i
    }

    init(_ text: Substring) { self.init(ArraySlice(Array(text.utf8))) }

    var isBlank: Bool { firstNonSpace == bytes.endIndex }

    private func byte(_ i: Int) -> UInt8? { i < bytes.endIndex ? bytes[i] : nil }

    /// How many times `b` repeats from `i`.
    private func run(of b: UInt8, from i: Int) -> Int {
        var j = i
        while j < bytes.endIndex, bytes[j] == b { j += 1 }
        return j - i
    }

    private func onlySpaces(from i: Int) -> Bool {
        bytes[i...].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// A code fence opener: three or more backticks or tildes, at most three columns past `base`.
    func fence(base: Int = 0) -> MarkdownFence? {
        guard indent - base <= 3, indent >= base, let c = byte(firstNonSpace),
              c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
        let n = run(of: c, from: firstNonSpace)
        guard n >= 3 else { return nil }
        if c == UInt8(ascii: "`"), bytes[(firstNonSpace + n)...].contains(UInt8(ascii: "`")) { return nil }
        return MarkdownFence(marker: c, length: n)
    }

    /// Whether this line closes `fence` (same marker, at least as long, nothing after but spaces).
    func closes(_ fence: MarkdownFence, base: Int = 0) -> Bool {
        guard indent >= base, indent - base <= 3, byte(firstNonSpace) == fence.marker else { return false }
        let n = run(of: fence.marker, from: firstNonSpace)
        return n >= fence.length && onlySpaces(from: firstNonSpace + n)
    }

    /// The level of an ATX heading (`#` to `######` followed by a space or the line end).
    var atxLevel: Int? {
        guard indent <= 3, byte(firstNonSpace) == UInt8(ascii: "#") else { return nil }
        let n = run(of: UInt8(ascii: "#"), from: firstNonSpace)
        guard n <= 6 else { return nil }
        let next = byte(firstNonSpace + n)
        return next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") ? n : nil
    }

    /// Three or more `-`, `*` or `_` (spaces between allowed) and nothing else.
    var isThematicBreak: Bool {
        guard indent <= 3, let c = byte(firstNonSpace),
              c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") else { return false }
        var count = 0
        for b in bytes[firstNonSpace...] {
            if b == c { count += 1 } else if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { return false }
        }
        return count >= 3
    }

    /// 1 for a line of `=`, 2 for a line of `-` (a setext underline under a paragraph).
    var setextLevel: Int? {
        guard indent <= 3, let c = byte(firstNonSpace), c == UInt8(ascii: "=") || c == UInt8(ascii: "-") else { return nil }
        let n = run(of: c, from: firstNonSpace)
        guard onlySpaces(from: firstNonSpace + n) else { return nil }
        return c == UInt8(ascii: "=") ? 1 : 2
    }

    var isQuote: Bool { indent <= 3 && byte(firstNonSpace) == UInt8(ascii: ">") }

    /// A list item marker (`-`, `*`, `+`, or 1–9 digits and `.` or `)`), followed by a space or the line end.
    var listMarker: MarkdownListMarker? {
        guard let c = byte(firstNonSpace) else { return nil }
        var markerEnd = firstNonSpace + 1
        var number: Int? = nil
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
            if isThematicBreak { return nil }
        } else if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            var j = firstNonSpace
            var value = 0
            while j < bytes.endIndex, j - firstNonSpace < 9, let d = byte(j), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") {
                value = value * 10 + Int(d - UInt8(ascii: "0"))
                j += 1
            }
            guard let d = byte(j), d == UInt8(ascii: ".") || d == UInt8(ascii: ")") else { return nil }
            number = value
            markerEnd = j + 1
        } else {
            return nil
        }
        let markerColumns = indent + (markerEnd - firstNonSpace)
        guard let after = byte(markerEnd) else {
            return MarkdownListMarker(number: number, markerEnd: markerEnd, contentIndent: markerColumns + 1, isEmpty: true)
        }
        guard after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") else { return nil }
        var spaces = 0
        var j = markerEnd
        while let b = byte(j), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") {
            spaces += b == UInt8(ascii: "\t") ? 4 - (markerColumns + spaces) % 4 : 1
            j += 1
        }
        let empty = j == bytes.endIndex
        let padding = (spaces > 4 || empty) ? 1 : spaces
        return MarkdownListMarker(number: number, markerEnd: markerEnd, contentIndent: markerColumns + padding, isEmpty: empty)
    }

    /// Cells of a table row: the text between unescaped pipes, outer pipes dropped. Nil without a pipe.
    var tableCells: [ArraySlice<UInt8>]? {
        guard !isBlank else { return nil }
        var end = bytes.endIndex
        while end > firstNonSpace, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        var start = firstNonSpace
        var cells: [ArraySlice<UInt8>] = []
        var sawPipe = false
        if bytes[start] == UInt8(ascii: "|") { start += 1; sawPipe = true }
        var cellStart = start
        var i = start
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b == UInt8(ascii: "|") {
                cells.append(bytes[cellStart..<i])
                sawPipe = true
                cellStart = i + 1
            }
            i += 1
        }
        guard sawPipe else { return nil }
        if cellStart < end || !(end > start && bytes[end - 1] == UInt8(ascii: "|")) {
            cells.append(bytes[min(cellStart, end)..<end])
        }
        return cells
    }

    /// Column alignments when this is a table delimiter row (`| --- | :-: |`), else nil.
    var tableAlignments: [MarkdownTableAlignment]? {
        guard indent <= 3, let cells = tableCells, !cells.isEmpty else { return nil }
        var result: [MarkdownTableAlignment] = []
        for cell in cells {
            let t = cell.drop { $0 == UInt8(ascii: " ") }.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()
            guard t.contains(UInt8(ascii: "-")),
                  t.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") }) else { return nil }
            let left = t.first == UInt8(ascii: ":")
            let right = t.last == UInt8(ascii: ":") && t.count > 1
            if t.dropFirst().dropLast().contains(UInt8(ascii: ":")) { return nil }
            result.append(left && right ? .center : right ? .right : .left)
        }
        return result
    }
}

/// A code fence: its marker byte and how many of them opened it.
struct MarkdownFence: Hashable, Sendable {
    let marker: UInt8
    let length: Int
}

/// What a list item line starts with.
struct MarkdownListMarker: Hashable, Sendable {
    /// The number of an ordered item; nil for a bullet.
    let number: Int?
    /// Absolute index just past the marker.
    let markerEnd: Int
    /// Column where the item's content starts; continuation lines indented this far belong to it.
    let contentIndent: Int
    /// The marker is alone on its line.
    let isEmpty: Bool
}

/// How a table column's text lines up.
public enum MarkdownTableAlignment: Hashable, Sendable {
    case left, center, right
}
