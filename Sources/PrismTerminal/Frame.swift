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
            for x in r.x..<r.maxX { cells[row + x] = cell }
        }
    }

    /// Writes text from `point`, clipped to `clip` (and the frame); returns the column after the last cell written.
    ///
    /// Graphemes are placed by display width. A wide grapheme that does not fit
    /// before the clip edge is replaced by a blank rather than cut in half. Control
    /// characters are never written: callers sanitise model text first, and this
    /// replaces anything left with `�`.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return point.x }
        var x = point.x
        let row = point.y * size.width
        for grapheme in text {
            let w = DisplayWidth.of(grapheme)
            if w == 0 {
                // A lone combining mark or zero-width character: attach to the previous cell if any.
                if x - 1 >= area.x, x - 1 < area.maxX {
                    var prev = x - 1
                    if cells[row + prev].isContinuation, prev > area.x { prev -= 1 }
                    cells[row + prev].grapheme.append(contentsOf: String(grapheme))
                }
                continue
            }
            if x >= area.maxX { break }
            let shown = grapheme.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
                ? "\u{FFFD}" : String(grapheme)
            if x >= area.x {
                if w == 2 {
                    if x + 1 < area.maxX {
                        cells[row + x] = Cell(grapheme: shown, width: 2, style: style)
                        cells[row + x + 1] = .continuation(style)
                    } else {
                        cells[row + x] = .blank(style)
                    }
                } else {
                    cells[row + x] = Cell(grapheme: shown, width: 1, style: style)
                }
            }
            x += w
        }
        return min(x, area.maxX)
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
