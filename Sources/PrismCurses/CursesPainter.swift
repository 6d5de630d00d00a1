import CNcursesw
import PrismTerminal

/// Writes frame cells into a curses window with their colours and attributes.
///
/// Only the cells in the given runs are written; continuation cells (the right halves
/// of wide graphemes) are skipped because curses fills them itself. Curses keeps one
/// spacing character plus at most four combining ones per cell, so a ZWJ emoji sequence
/// shows its first emoji. Where the frame's idea of a width (PrismTerminal's
/// `DisplayWidth`) and the C library's `wcwidth` disagree, the cell is drawn so that
/// curses' grid still lines up with the frame.
struct CursesPainter {
    var support: ColorSupport
    var pairs: ColorPairCache
    /// The last style looked up in this paint, with its curses attributes and colour pair:
    /// neighbouring cells nearly always share a style, so most cells skip the pair table.
    private var lastStyle: (style: Style, attributes: attr_t, pair: Int32)?

    init(support: ColorSupport, pairs: ColorPairCache) {
        self.support = support
        self.pairs = pairs
    }

    /// Writes the runs (from `FrameDiff`, which the headless backend, the golden tests and
    /// the benchmarks use too) into `window`, clipped to `limit` (the window's size).
    mutating func paint(_ runs: [FrameDiff.Run], into window: UnsafeMutablePointer<WINDOW>?, limit: Size) {
        lastStyle = nil  // the pair table may have been reset since the last paint
        for run in runs where run.row < limit.height && run.column < limit.width {
            let end = min(run.endColumn, limit.width)
            // Through the run's buffer: subscripting the slice per cell retained and released
            // its storage for every cell.
            run.cells.withUnsafeBufferPointer { cells in
                for offset in 0..<(end - run.column) where !cells[offset].isContinuation {
                    put(cells[offset], x: run.column + offset, y: run.row, width: limit.width, window: window)
                }
            }
        }
    }

    private mutating func put(_ cell: Cell, x: Int, y: Int, width: Int, window: UnsafeMutablePointer<WINDOW>?) {
        if cell.width == 1, let ascii = cell.glyph.asciiValue {
            // Most cells: one ASCII character, no arrays.
            var glyph = cchar_t()
            var chars: (wchar_t, wchar_t) = (wchar_t(ascii), 0)
            let (attributes, pair) = resolve(cell.style)
            withUnsafePointer(to: &chars) {
                $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = prism_setcchar(&glyph, $0, attributes, pair) }
            }
            _ = prism_mvwadd_wch(window, Int32(y), Int32(x), &glyph)
            return
        }
        var text = Self.characters(of: cell)
        var curses = text.width
        if curses == 2, x + 1 >= width {
            // A wide grapheme in the last column would wrap: show a blank instead.
            text = ([0x20, 0], 1)
            curses = 1
        }
        var glyph = cchar_t()
        let (attributes, pair) = resolve(cell.style)
        text.chars.withUnsafeBufferPointer { buffer in
            _ = prism_setcchar(&glyph, buffer.baseAddress, attributes, pair)
        }
        // Writing the bottom-right cell reports ERR (the cursor cannot wrap), yet the cell is set.
        _ = prism_mvwadd_wch(window, Int32(y), Int32(x), &glyph)
        if cell.width == 2, curses == 1, x + 1 < width {
            // The frame reserved two cells but the C library draws one: blank the second.
            var blank = cchar_t()
            let space: [wchar_t] = [0x20, 0]
            space.withUnsafeBufferPointer { _ = prism_setcchar(&blank, $0.baseAddress, attributes, pair) }
            _ = prism_mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
        }
    }

    /// The curses attributes and colour pair of a style.
    @inline(__always)
    private mutating func resolve(_ style: Style) -> (attr_t, Int32) {
        if let last = lastStyle, last.style == style { return (last.attributes, last.pair) }
        let resolved = (Self.attributes(style.attributes), colorPair(for: style))
        lastStyle = (style, resolved.0, resolved.1)
        return resolved
    }

    private mutating func colorPair(for style: Style) -> Int32 {
        guard support != .none else { return 0 }
        return pairs.pair(
            foreground: ColorMapping.number(for: style.foreground, support: support),
            background: ColorMapping.number(for: style.background, support: support)
        )
    }

    /// The wide characters for a cell (NUL-terminated) and how many cells curses will give them.
    static func characters(of cell: Cell) -> (chars: [wchar_t], width: Int) {
        let scalars = Array(cell.grapheme.unicodeScalars)
        guard let first = scalars.first else { return ([0x20, 0], 1) }
        let firstWidth = Int(prism_wcwidth(first.value))
        // Unprintable, or wider in the C library than in the frame: a replacement character.
        if firstWidth <= 0 || (firstWidth == 2 && cell.width != 2) { return ([0xFFFD, 0], 1) }
        var chars: [wchar_t] = [wchar_t(bitPattern: first.value)]
        for scalar in scalars.dropFirst() {
            guard chars.count < 5, prism_wcwidth(scalar.value) == 0 else { break }
            chars.append(wchar_t(bitPattern: scalar.value))
        }
        chars.append(0)
        return (chars, firstWidth)
    }

    static func attributes(_ a: TextAttributes) -> attr_t {
        var value = prism_a_normal()
        if a.contains(.bold) { value |= prism_a_bold() }
        if a.contains(.dim) { value |= prism_a_dim() }
        if a.contains(.italic) { value |= prism_a_italic() }
        if a.contains(.underline) { value |= prism_a_underline() }
        if a.contains(.reverse) { value |= prism_a_reverse() }
        // Strikethrough has no curses attribute; it is dropped.
        return value
    }
}
