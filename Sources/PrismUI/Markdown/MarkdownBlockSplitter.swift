import Foundation

/// Splits a growing markdown reply into finished blocks and an unfinished tail.
///
/// A streaming reply only ever grows at the end. Each complete line is classified once,
/// when its newline arrives; a block becomes finished when a later line proves it closed
/// (a blank line after a paragraph, list item or quote, a closing fence, a non-table line
/// after a table; a heading or rule at its own newline). Appending a delta therefore costs
/// O(delta), and previewing the tail costs O(tail), never O(whole text): blocks and lines
/// are cut at `limits` (see `MarkdownSplitLimits`), so no tail is ever very long.
public struct MarkdownBlockSplitter: Sendable {
    /// Blocks no later text can change, in order, packed in 16 bytes each (a 50 MB reply has
    /// about a million blocks: as `MarkdownBlock`s they took more memory than the text).
    private var packed: [PackedMarkdownBlock] = []
    /// `head` of the finished blocks that have one (cut blocks), by index.
    private var heads: [Int: Range<Int>] = [:]
    /// Blocks the state machine has just finished, before they are packed.
    private var emitted: [MarkdownBlock] = []
    /// The whole text as UTF-8.
    public private(set) var utf8: [UInt8] = []
    public let limits: MarkdownSplitLimits
    private var state: MarkdownSplitState
    /// Start of the line (or of the rest of a long line) that has no newline yet.
    private var lineStart = 0
    /// The current line was too long and has been fed in pieces.
    private var inLongLine = false

    public init(text: String = "", limits: MarkdownSplitLimits = .standard) {
        self.limits = limits
        state = MarkdownSplitState(limit: limits.block)
        append(text)
    }

    /// The whole text so far.
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// How many blocks are finished.
    public var finishedCount: Int { packed.count }

    /// Finished block `i`.
    public func finishedBlock(_ i: Int) -> MarkdownBlock { packed[i].block(head: heads[i]) }

    /// Blocks no later text can change, in order (all of them unpacked: for tests and short texts).
    public var finishedBlocks: [MarkdownBlock] { packed.indices.map(finishedBlock) }

    /// Adds a delta to the end of the text.
    public mutating func append(_ delta: String) {
        guard !delta.isEmpty else { return }
        var i = utf8.count
        utf8.append(contentsOf: delta.utf8)
        let end = utf8.count
        let maxLine = limits.line
        while i < end {
            // The next newline, looked for only as far as the line may grow before it is cut.
            let stop = min(end, lineStart + maxLine + 1)
            if let newline = Self.firstNewline(in: utf8, from: i, to: stop) {
                consume(lineStart..<newline, complete: true)
                lineStart = newline + 1
                i = newline + 1
            } else if stop < end || lineStart + maxLine < end {
                // `maxLine` bytes and more to come on this line: feed it a piece.
                let at = lineStart + maxLine
                let cut = cutPoint(from: lineStart, before: at)
                consume(lineStart..<cut, complete: false)
                lineStart = cut
                i = at + 1
            } else {
                i = end
            }
        }
    }

    /// The first newline in `from..<to`, found with `memchr`.
    private static func firstNewline(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        return bytes.withUnsafeBufferPointer { b in
            memchr(b.baseAddress! + from, 0x0A, to - from).map { b.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    private mutating func consume(_ range: Range<Int>, complete: Bool) {
        if inLongLine {
            state.consumeContinuation(range, in: utf8, emit: &emitted)
        } else {
            state.consume(range, in: utf8, emit: &emitted)
        }
        inLongLine = !complete
        guard !emitted.isEmpty else { return }
        for block in emitted {
            if let head = block.head { heads[packed.count] = head }
            packed.append(PackedMarkdownBlock(block))
        }
        emitted.removeAll(keepingCapacity: true)
    }

    /// Where to cut a line that reached the limit at `end`: after the last space in its second
    /// half, else at `end` moved back to the start of a UTF-8 sequence. Depends only on the
    /// bytes before `end`, so the cut falls at the same place however the text arrived.
    private func cutPoint(from start: Int, before end: Int) -> Int {
        var j = end - 1
        let floor = start + (end - start) / 2
        while j > floor {
            if utf8[j] == 0x20 { return j + 1 }
            j -= 1
        }
        var cut = end
        while cut > start + 1, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// The blocks after the finished ones, as the text stands now (usually one, at most a few).
    ///
    /// The incomplete last line is treated as if its newline had arrived, on a copy of the
    /// state, so a reply that stops mid-line renders the same as one that ends there.
    public var pendingBlocks: [MarkdownBlock] {
        var preview = state
        var out: [MarkdownBlock] = []
        if lineStart < utf8.count {
            if inLongLine {
                preview.consumeContinuation(lineStart..<utf8.count, in: utf8, emit: &out)
            } else {
                preview.consume(lineStart..<utf8.count, in: utf8, emit: &out)
            }
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

    /// The source of the first lines of the block a cut block continues, if it is one.
    public func head(of block: MarkdownBlock) -> String? {
        block.head.map { String(decoding: utf8[$0.clamped(to: 0..<utf8.count)], as: UTF8.self) }
    }
}

/// A finished block in 16 bytes: its start, length (blocks are cut at a few kilobytes),
/// kind, heading level and spacing.
struct PackedMarkdownBlock: Sendable {
    let start: Int
    let length: UInt32
    let kind: UInt8
    let level: UInt8
    let spacedBefore: Bool

    init(_ block: MarkdownBlock) {
        start = block.range.lowerBound
        length = UInt32(clamping: block.range.count)
        spacedBefore = block.spacedBefore
        switch block.kind {
        case .paragraph: (kind, level) = (0, 0)
        case .heading(let l): (kind, level) = (1, UInt8(clamping: l))
        case .setextHeading(let l): (kind, level) = (2, UInt8(clamping: l))
        case .thematicBreak: (kind, level) = (3, 0)
        case .code: (kind, level) = (4, 0)
        case .listItem: (kind, level) = (5, 0)
        case .quote: (kind, level) = (6, 0)
        case .table: (kind, level) = (7, 0)
        }
    }

    func block(head: Range<Int>?) -> MarkdownBlock {
        let k: MarkdownBlockKind
        switch kind {
        case 1: k = .heading(level: Int(level))
        case 2: k = .setextHeading(level: Int(level))
        case 3: k = .thematicBreak
        case 4: k = .code
        case 5: k = .listItem
        case 6: k = .quote
        case 7: k = .table
        default: k = .paragraph
        }
        return MarkdownBlock(kind: k, range: start..<(start + Int(length)), spacedBefore: spacedBefore, head: head)
    }
}
