/// A full screen of cells: what one render produces and one draw shows.
///
/// Rendering writes into a fresh frame every time; the backend diffs it against
/// the previous frame, so panes never track what they drew before.
public struct Frame: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (the prompt editor's caret), or nil to hide it.
    public var cursor: Point?

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Fills a rectangle (clipped to the frame) with blanks of a style.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let cell = Cell.blank(style)
        for y in r.y..<r.maxY {
            let row = y * size.width
            detachWideCells(row: row, from: r.x, width: r.width)
            for x in r.x..<r.maxX { cells[row + x] = cell }
        }
    }

    /// Before cells `x..<x+width` of a row are overwritten, blanks the rest of any
    /// wide grapheme that the write would cut.
    ///
    /// Otherwise a wide cell could lose its continuation (or a continuation its wide
    /// cell) and the terminal would show half a character next to stale text.
    mutating func detachWideCells(row: Int, from x: Int, width: Int) {
        guard width > 0, x >= 0, x + width <= size.width else { return }
        if cells[row + x].isContinuation {
            var i = x - 1
            while i >= 0, cells[row + i].isContinuation {
                cells[row + i] = .blank(cells[row + i].style)
                i -= 1
            }
            if i >= 0 { cells[row + i] = .blank(cells[row + i].style) }
        }
        var i = x + width
        while i < size.width, cells[row + i].isContinuation {
            cells[row + i] = .blank(cells[row + i].style)
            i += 1
        }
    }

    /// Writes text from `point`, clipped to `clip` (and the frame); returns the column after the last cell written.
    ///
    /// Graphemes are placed by display width. A wide grapheme cut by a clip edge is
    /// replaced by blanks rather than cut in half, and a wide grapheme that was there
    /// before and is partly overwritten is blanked whole. Control characters are never
    /// written: callers sanitise model text first, and this replaces anything left with
    /// `�`. A span that starts with a combining mark adds it to the cell before.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return point.x }
        let row = point.y * size.width
        var text = text
        if let end = text.withUTF8({ putASCII($0, x: point.x, row: row, area: area, style: style) }) { return end }
        if let end = putSimple(text, x: point.x, row: row, area: area, style: style) { return end }
        var x = point.x
        for grapheme in text {
            let w: Int
            let shown: Glyph
            if let ascii = grapheme.asciiValue {
                w = 1
                shown = ascii < 0x20 || ascii == 0x7F ? .replacement : Glyph(ascii: ascii)
            } else {
                w = DisplayWidth.of(grapheme)
                if w == 0 {
                    attachZeroWidth(grapheme, before: x, row: row, area: area)
                    continue
                }
                shown = grapheme.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                    ? .replacement : Glyph(String(grapheme))
            }
            if x >= area.maxX { break }
            place(shown, width: w, x: x, row: row, area: area, style: style)
            x += w
        }
        return min(x, area.maxX)
    }

    /// Writes one grapheme of width `w` at column `x`, clipped to `area`.
    ///
    /// A wide grapheme cut by a clip edge shows as blanks, and any wide grapheme it
    /// partly overwrites is blanked whole.
    @inline(__always)
    private mutating func place(_ glyph: Glyph, width w: Int, x: Int, row: Int, area: Rect, style: Style) {
        if x >= area.x {
            if w == 1 {
                detachWideCells(row: row, from: x, width: 1)
                cells[row + x] = Cell(glyph: glyph, width: 1, style: style)
            } else if x + w <= area.maxX {
                detachWideCells(row: row, from: x, width: w)
                cells[row + x] = Cell(glyph: glyph, width: UInt8(w), style: style)
                for i in 1..<w { cells[row + x + i] = .continuation(style) }
            } else {
                // A wide grapheme cut by the right clip edge: blanks stand in.
                detachWideCells(row: row, from: x, width: area.maxX - x)
                for i in x..<area.maxX { cells[row + i] = .blank(style) }
            }
        } else if x + w > area.x {
            // A wide grapheme cut by the left clip edge: its visible part shows as blanks.
            let end = min(x + w, area.maxX)
            detachWideCells(row: row, from: area.x, width: end - area.x)
            for i in area.x..<end { cells[row + i] = .blank(style) }
        }
    }

    /// `put` for text of printable ASCII only (the common case): one cell per byte, no
    /// grapheme breaking. Returns nil, having written nothing, for any other text.
    private mutating func putASCII(_ bytes: UnsafeBufferPointer<UInt8>, x: Int, row: Int, area: Rect, style: Style) -> Int? {
        for b in bytes where b < 0x20 || b >= 0x7F { return nil }
        let start = max(x, area.x), end = min(x + bytes.count, area.maxX)
        if start < end {
            detachWideCells(row: row, from: start, width: end - start)
            cells.withUnsafeMutableBufferPointer { cells in
                for column in start..<end {
                    cells[row + column] = Cell(glyph: Glyph(ascii: bytes[column - x]), width: 1, style: style)
                }
            }
        }
        return min(x + bytes.count, area.maxX)
    }

    /// `put` for text made only of scalars that are clusters of their own
    /// (`DisplayWidth.simpleWidth`): drawn scalar by scalar. Returns nil, having written
    /// nothing, for any other text.
    private mutating func putSimple(_ text: String, x: Int, row: Int, area: Rect, style: Style) -> Int? {
        for scalar in text.unicodeScalars where DisplayWidth.simpleWidth(scalar.value) == 0 { return nil }
        var x = x
        for scalar in text.unicodeScalars {
            if x >= area.maxX { break }
            let w = DisplayWidth.simpleWidth(scalar.value)
            place(Glyph(scalar: scalar), width: w, x: x, row: row, area: area, style: style)
            x += w
        }
        return min(x, area.maxX)
    }

    /// Adds a zero-width cluster (a combining mark that starts a span) to the cell before `x`.
    ///
    /// Only marks are kept: a lone joiner, zero-width space, bidi control or line
    /// separator is dropped, since terminals disagree about all of them.
    private mutating func attachZeroWidth(_ grapheme: Character, before x: Int, row: Int, area: Rect) {
        guard let first = grapheme.unicodeScalars.first else { return }
        let category = first.properties.generalCategory
        guard category == .nonspacingMark || category == .enclosingMark else { return }
        guard x - 1 >= area.x, x - 1 < area.maxX else { return }
        var lead = x - 1
        while cells[row + lead].isContinuation, lead > area.x { lead -= 1 }
        guard !cells[row + lead].isContinuation else { return }
        cells[row + lead].glyph = Glyph(cells[row + lead].glyph.string + String(grapheme))
    }

    /// Writes a styled line from `point`, clipped; returns the column after it.
    @discardableResult
    public mutating func put(_ line: StyledLine, at point: Point, clip: Rect? = nil) -> Int {
        var x = point.x
        for span in line.spans {
            x = put(span.text, at: Point(x: x, y: point.y), style: span.style, clip: clip)
        }
        return x
    }

    /// The frame as plain text, one line per row with trailing spaces removed (for golden tests).
    public func text() -> String {
        var lines: [String] = []
        lines.reserveCapacity(size.height)
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width {
                let c = self[x, y]
                if !c.isContinuation { line += c.grapheme }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
