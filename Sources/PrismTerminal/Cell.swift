/// One terminal cell: a grapheme cluster (or a blank) and its style.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the first holds the
/// grapheme with `width == 2`, the second is a continuation cell with an empty
/// grapheme and `width == 0`, which backends skip when drawing. (A cluster with
/// spacing marks can be wider; it is followed by `width - 1` continuation cells.)
///
/// The grapheme is a `Glyph`, which holds no heap reference, so a cell is plain data:
/// frames are filled, copied, compared and freed at memory speed.
public struct Cell: Hashable, Sendable {
    public var glyph: Glyph
    public var width: UInt8
    public var style: Style

    public init(grapheme: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.init(glyph: Glyph(grapheme), width: width, style: style)
    }

    @inline(__always)
    public init(glyph: Glyph, width: UInt8, style: Style) {
        self.glyph = glyph
        self.width = width
        self.style = style
    }

    /// The grapheme cluster as a string (empty for a continuation cell).
    public var grapheme: String {
        get { glyph.string }
        set { glyph = Glyph(newValue) }
    }

    public static let blank = Cell()

    /// A blank cell with a background style.
    @inline(__always)
    public static func blank(_ style: Style) -> Cell { Cell(glyph: .space, width: 1, style: style) }

    /// The right half of a wide grapheme.
    @inline(__always)
    public static func continuation(_ style: Style) -> Cell { Cell(glyph: .empty, width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}

/// A run of text with one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A line of styled text, before it is laid out into cells.
public struct StyledLine: Hashable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    public init(_ text: String, _ style: Style = .plain) {
        self.spans = text.isEmpty ? [] : [Span(text, style)]
    }

    /// The text without styles.
    public var text: String { spans.map(\.text).joined() }

    public mutating func append(_ text: String, _ style: Style = .plain) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.style == style {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text, style))
        }
    }
}
