import PrismTerminal

/// A streaming markdown reply with its rendered lines cached per width.
///
/// The hot path of the transcript: each chunk is appended, and asking for lines renders
/// only what changed. Finished blocks are laid out once per width and kept; only the
/// unfinished tail is laid out again after an append. A new width re-renders finished
/// blocks lazily at that width, and the two most recent widths are kept, so toggling a
/// side pane does not redo the whole reply. Per-block line counts and ranged access let
/// the transcript lay out only what is on screen.
public struct MarkdownDocument: Sendable {
    private var splitter: MarkdownBlockSplitter
    /// Draw everything dim in the reasoning colour.
    public let dimmed: Bool
    private var theme: Theme?
    /// Most recently used last; at most `maxWidths`.
    private var caches: [WidthCache] = []
    static let maxWidths = 2

    /// How many times a finished block was rendered (tests check each happens once per width).
    private(set) var finishedRenderCount = 0
    /// How many times the unfinished tail was rendered.
    private(set) var pendingRenderCount = 0

    private struct WidthCache: Sendable {
        let width: Int
        var blockLines: [[StyledLine]] = []
        /// `lineOffsets[i]` is the first line of finished block `i`; one extra entry for the end.
        var lineOffsets: [Int] = [0]
        var pending: [[StyledLine]] = []
        /// The text length the pending lines were rendered for; -1 when never rendered.
        var pendingLength = -1
        /// How far an open code block at the end has been rendered.
        var codeProgress: CodeProgress?
    }

    public init(text: String = "", dimmed: Bool = false) {
        splitter = MarkdownBlockSplitter(text: text)
        self.dimmed = dimmed
    }

    /// The whole text so far.
    public var text: String { splitter.text }

    /// Blocks no later text can change.
    public var finishedBlocks: [MarkdownBlock] { splitter.finishedBlocks }

    /// Adds a streamed delta to the end.
    public mutating func append(_ delta: String) {
        splitter.append(delta)
    }

    /// All rendered lines at a width.
    public mutating func lines(width: Int, theme: Theme) -> [StyledLine] {
        guard let c = prepare(width: width, theme: theme) else { return [] }
        var out: [StyledLine] = []
        out.reserveCapacity(caches[c].lineOffsets.last! + caches[c].pending.reduce(0) { $0 + $1.count })
        for block in caches[c].blockLines { out += block }
        for block in caches[c].pending { out += block }
        return out
    }

    /// How many lines each block takes at a width: the finished blocks, then the pending ones.
    public mutating func blockLineCounts(width: Int, theme: Theme) -> [Int] {
        guard let c = prepare(width: width, theme: theme) else { return [] }
        return (caches[c].blockLines + caches[c].pending).map(\.count)
    }

    /// The total number of lines at a width.
    public mutating func lineCount(width: Int, theme: Theme) -> Int {
        guard let c = prepare(width: width, theme: theme) else { return 0 }
        return caches[c].lineOffsets.last! + caches[c].pending.reduce(0) { $0 + $1.count }
    }

    /// Only the lines in `range` (clamped), for drawing the visible part of a long reply.
    public mutating func lines(in range: Range<Int>, width: Int, theme: Theme) -> [StyledLine] {
        guard let c = prepare(width: width, theme: theme), !range.isEmpty else { return [] }
        let cache = caches[c]
        let finishedEnd = cache.lineOffsets.last!
        var out: [StyledLine] = []
        // The last finished block starting at or before range.lowerBound.
        var lo = 0, hi = cache.blockLines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cache.lineOffsets[mid + 1] <= range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var block = lo
        while block < cache.blockLines.count, cache.lineOffsets[block] < range.upperBound {
            let start = cache.lineOffsets[block]
            for (i, line) in cache.blockLines[block].enumerated() where range.contains(start + i) { out.append(line) }
            block += 1
        }
        var start = finishedEnd
        for lines in cache.pending {
            for (i, line) in lines.enumerated() where range.contains(start + i) { out.append(line) }
            start += lines.count
            if start >= range.upperBound { break }
        }
        return out
    }

    /// Brings the cache for `width` up to date and returns its index (nil for a width below one).
    private mutating func prepare(width: Int, theme: Theme) -> Int? {
        guard width > 0 else { return nil }
        if self.theme != theme {
            self.theme = theme
            caches.removeAll()
        }
        if let i = caches.firstIndex(where: { $0.width == width }) {
            caches.append(caches.remove(at: i))
        } else {
            caches.append(WidthCache(width: width))
            if caches.count > Self.maxWidths { caches.removeFirst() }
        }
        let c = caches.count - 1
        let renderer = MarkdownRenderer(theme: theme, dimmed: dimmed)
        let finished = splitter.finishedBlocks
        if caches[c].blockLines.count < finished.count {
            for block in finished[caches[c].blockLines.count...] {
                let lines = renderer.render(block: block, source: splitter.source(of: block), width: width)
                finishedRenderCount += 1
                caches[c].blockLines.append(lines)
                caches[c].lineOffsets.append(caches[c].lineOffsets.last! + lines.count)
            }
            caches[c].pendingLength = -1
        }
        if caches[c].pendingLength != splitter.utf8.count {
            var progress = caches[c].codeProgress
            caches[c].pending = splitter.pendingBlocks.map {
                renderer.render(pending: $0, source: splitter.source(of: $0), width: width, progress: &progress)
            }
            caches[c].codeProgress = progress
            pendingRenderCount += 1
            caches[c].pendingLength = splitter.utf8.count
        }
        return c
    }
}
