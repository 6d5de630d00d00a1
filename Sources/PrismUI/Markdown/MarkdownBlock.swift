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

    public init(kind: MarkdownBlockKind, range: Range<Int>, spacedBefore: Bool) {
        self.kind = kind
        self.range = range
        self.spacedBefore = spacedBefore
    }
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
