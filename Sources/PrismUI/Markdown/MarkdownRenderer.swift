import PrismTerminal

/// Lays out markdown blocks as styled terminal lines at a given width.
///
/// Works one block at a time so `MarkdownDocument` can cache finished blocks and only
/// re-render the streaming tail. Every line it returns fits the width by display width
/// (CJK, emoji and combining marks included), and no input makes it crash: a width
/// below one gives no lines, and nesting deeper than `maxDepth` falls back to plain text.
public struct MarkdownRenderer: Sendable {
    public let theme: Theme

    /// Containers nested deeper than this are shown as plain text.
    static let maxDepth = 12

    /// Where a block sits: how deeply nested, and the style of its plain text.
    struct Context {
        var depth = 0
        var base: Style
    }

    public init(theme: Theme) {
        self.theme = theme
    }

    /// Renders a whole text in one go with `theme`.
    public static func render(text: String, width: Int, theme: Theme) -> [StyledLine] {
        MarkdownRenderer(theme: theme).render(text: text, width: width)
    }

    /// Renders a whole text in one go.
    public func render(text: String, width: Int) -> [StyledLine] {
        render(text: text, width: width, context: rootContext)
    }

    /// Renders a whole text in one go, its top-level blocks cut at `limits`.
    func render(text: String, width: Int, limits: MarkdownSplitLimits) -> [StyledLine] {
        render(text: text, width: width, context: rootContext, limits: limits)
    }

    /// Renders one block of a splitter's text, with a blank line before it when it is spaced.
    ///
    /// `head` is the source of `block.head` for a block that continues a cut one.
    public func render(block: MarkdownBlock, source: String, width: Int, head: String? = nil) -> [StyledLine] {
        render(block: block, source: source, width: width, context: rootContext, head: head)
    }

    /// Renders a block that is still streaming; an open code block picks up where
    /// `progress` left off instead of being laid out again from its first line.
    func render(pending block: MarkdownBlock, source: String, width: Int, head: String? = nil, progress: inout CodeProgress?) -> [StyledLine] {
        guard case .code = block.kind, width > 0 else { return render(block: block, source: source, width: width, head: head) }
        return (block.spacedBefore ? [StyledLine()] : [])
            + streamingCodeBlock(source, blockStart: block.range.lowerBound, width: width, opener: head, progress: &progress)
    }

    private var rootContext: Context { Context(base: theme[.text]) }

    func render(text: String, width: Int, context: Context, limits: MarkdownSplitLimits = .standard) -> [StyledLine] {
        guard width > 0 else { return [] }
        let splitter = MarkdownBlockSplitter(text: text, limits: limits)
        var out: [StyledLine] = []
        for block in splitter.blocks {
            out += render(block: block, source: splitter.source(of: block), width: width, context: context, head: splitter.head(of: block))
        }
        return out
    }

    func render(block: MarkdownBlock, source: String, width: Int, context: Context, head: String? = nil) -> [StyledLine] {
        guard width > 0 else { return [] }
        var out: [StyledLine] = block.spacedBefore ? [StyledLine()] : []
        if context.depth > Self.maxDepth {
            out += MarkdownLayout.lines(source).flatMap {
                MarkdownLayout.wrap(StyledLine(MarkdownLayout.expandTabs($0), context.base), width: width)
            }
            return out
        }
        switch block.kind {
        case .paragraph:
            out += paragraph(MarkdownLayout.lines(source), width: width, base: context.base)
        case .heading(let level):
            out += heading(atxText(source), level: level, width: width, context: context)
        case .setextHeading(let level):
            let lines = MarkdownLayout.lines(source)
            out += heading(lines.dropLast().map { $0.markdownTrimmed }.joined(separator: "\n"), level: level, width: width, context: context)
        case .thematicBreak:
            out.append(StyledLine(String(repeating: "─", count: width), MarkdownLayout.overlay(context.base, theme[.textMuted])))
        case .code:
            out += codeBlock(source, width: width, opener: head)
        case .listItem:
            out += head.map { listItemContinuation(source, head: $0, width: width, context: context) }
                ?? listItem(source, width: width, context: context)
        case .quote:
            out += quote(source, width: width, context: context)
        case .table:
            out += MarkdownTable(source: head.map { $0 + "\n" + source } ?? source, theme: theme, base: context.base)
                .render(width: width, continuing: head != nil)
        }
        return out
    }

    /// Paragraph lines (indentation dropped) with inline markdown, wrapped.
    func paragraph(_ lines: [Substring], width: Int, base: Style) -> [StyledLine] {
        let text = lines.map { $0.markdownTrimmed }.joined(separator: "\n")
        return MarkdownInline.lines(text, base: base, theme: theme).flatMap { MarkdownLayout.wrap($0, width: width) }
    }

    /// The text of an ATX heading: `#` markers and an optional closing `#` run removed.
    private func atxText(_ source: String) -> String {
        var text = Substring(source).markdownTrimmed.drop(while: { $0 == "#" })
        text = text.markdownTrimmed
        if let lastNonHash = text.lastIndex(where: { $0 != "#" }), lastNonHash < text.index(before: text.endIndex) {
            if text[lastNonHash] == " " { text = text[...lastNonHash].markdownTrimmed }
        } else if text.allSatisfy({ $0 == "#" }) {
            text = ""
        }
        return String(text)
    }

    /// A heading in the heading style; levels 1 and 2 are underlined with a rule as wide as the text.
    private func heading(_ text: String, level: Int, width: Int, context: Context) -> [StyledLine] {
        var base = MarkdownLayout.overlay(context.base, theme[.heading])
        base = level <= 3 ? base.adding(.bold) : base.adding(.italic)
        var lines = MarkdownInline.lines(text, base: base, theme: theme).flatMap { MarkdownLayout.wrap($0, width: width) }
        if level <= 2 {
            let textWidth = lines.map { DisplayWidth.of($0.text) }.max() ?? 0
            let rule = String(repeating: level == 1 ? "═" : "─", count: min(width, max(1, textWidth)))
            lines.append(StyledLine(rule, MarkdownLayout.overlay(context.base, theme[.heading])))
        }
        return lines
    }
}
