/// Splits a growing markdown reply into finished blocks and an unfinished tail.
///
/// A streaming reply only ever grows at the end. Each complete line is classified once,
/// when its newline arrives; a block becomes finished when a later line proves it closed
/// (a blank line after a paragraph, list item or quote, a closing fence, a non-table line
/// after a table; a heading or rule at its own newline). Appending a delta therefore costs
/// O(delta), and previewing the tail costs O(tail), never O(whole text).
public struct MarkdownBlockSplitter: Sendable {
    /// Blocks no later text can change, in order.
    public private(set) var finishedBlocks: [MarkdownBlock] = []
    /// The whole text as UTF-8.
    public private(set) var utf8: [UInt8] = []
    private var state = MarkdownSplitState()
    /// Start of the line that has no newline yet.
    private var lineStart = 0

    public init(text: String = "") {
        append(text)
    }

    /// The whole text so far.
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// Adds a delta to the end of the text.
    public mutating func append(_ delta: String) {
        guard !delta.isEmpty else { return }
        var i = utf8.count
        utf8.append(contentsOf: delta.utf8)
        let end = utf8.count
        while i < end {
            if utf8[i] == 0x0A {
                state.consume(lineStart..<i, in: utf8, emit: &finishedBlocks)
                lineStart = i + 1
            }
            i += 1
        }
    }

    /// The blocks after the finished ones, as the text stands now (usually one, at most a few).
    ///
    /// The incomplete last line is treated as if its newline had arrived, on a copy of the
    /// state, so a reply that stops mid-line renders the same as one that ends there.
    public var pendingBlocks: [MarkdownBlock] {
        var preview = state
        var out: [MarkdownBlock] = []
        if lineStart < utf8.count {
            preview.consume(lineStart..<utf8.count, in: utf8, emit: &out)
        }
        if let open = preview.openBlock { out.append(open) }
        return out
    }

    /// Every block: the finished ones, then the pending ones.
    public var blocks: [MarkdownBlock] { finishedBlocks + pendingBlocks }

    /// The source text of a block.
    public func source(of block: MarkdownBlock) -> String {
        let r = block.range.clamped(to: 0..<utf8.count)
        return String(decoding: utf8[r], as: UTF8.self)
    }
}
