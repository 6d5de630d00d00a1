/// One top-level block of a markdown reply: what it is and where its source lies.
///
/// The splitter hands these out and the renderer lays each one out on its own, so a
/// finished block can be rendered once and cached while the reply keeps growing.
public struct MarkdownBlock: Hashable, Sendable {
    public var kind: MarkdownBlockKind
    /// UTF-8 byte offsets of the block's lines in the whole text (the last line's newline excluded).
    public var range: Range<Int>
    /// Whether a blank line separates this block from the one before it when rendered.
    ///
    /// Decided when the block starts, so a finished block's layout never depends on what follows.
    public var spacedBefore: Bool
    /// Set on a block that continues a longer one, cut at `MarkdownSplitLimits.block` bytes:
    /// the first lines of the block it continues (a code block's opening fence, a list
    /// item's marker line, a table's header and delimiter rows), which say how to lay it out.
    public var head: Range<Int>?

    public init(kind: MarkdownBlockKind, range: Range<Int>, spacedBefore: Bool, head: Range<Int>? = nil) {
        self.kind = kind
        self.range = range
        self.spacedBefore = spacedBefore
        self.head = head
    }
}

/// How long a block and a line may grow before the splitter cuts them.
///
/// A reply can be one 50 MB paragraph, code block or line. Uncut, such a block would be
/// laid out whole whenever any of it is shown, and an unfinished one again for every
/// chunk. Cut, every block is at most about `block + line` bytes: a block that reaches
/// `block` bytes is finished at its next line and the rest continues in a block of the
/// same kind (no blank line between, laid out from the original's first lines); a line
/// longer than `line` bytes is fed to the block in pieces, cut after a space where there
/// is one. Only text longer than these limits looks different: a row break where a block
/// was cut, emphasis that spans the cut left as written, a code block's highlighting
/// starting afresh, a long table's columns fitted per piece.
public struct MarkdownSplitLimits: Hashable, Sendable {
    public var block: Int
    public var line: Int

    public init(block: Int, line: Int) {
        self.block = max(1, block)
        self.line = max(2, line)
    }

    public static let standard = MarkdownSplitLimits(block: 8_192, line: 4_096)
}

/// The kinds of block the splitter recognises.
///
/// Lists are split per top-level item (nested content stays inside its item), so a long
/// list streams item by item instead of staying one ever-growing unfinished block.
public enum MarkdownBlockKind: Hashable, Sendable {
    case paragraph
    /// `#` to `######`.
    case heading(level: Int)
    /// Text underlined with `===` (level 1) or `---` (level 2).
    case setextHeading(level: Int)
    case thematicBreak
    /// A ``` or ~~~ fenced code block, possibly not closed yet.
    case code
    /// One top-level list item with its nested content.
    case listItem
    case quote
    /// A GFM pipe table.
    case table
}
