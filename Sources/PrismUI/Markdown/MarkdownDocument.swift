import PrismTerminal

/// A streaming markdown reply, laid out piece by piece and only where it is looked at.
///
/// The hot path of the transcript. Finished blocks are grouped, in order, into pieces of
/// about `pieceBytes` of source; a piece, once closed, never changes. The last piece (the
/// tail) holds the finished blocks after the last closed piece and the unfinished blocks.
/// Asking for a closed piece lays out its blocks at that width and keeps the lines, within
/// a budget of lines per width (least recently used pieces are dropped and laid out again
/// if asked for); asking for the tail lays out each of its finished blocks once and only
/// the unfinished blocks again after an append (an open code block only from its first
/// incomplete line). The two most recent widths are kept. So a 50 MB reply costs its
/// splitting (linear, once) plus the pieces on screen, and each streamed chunk costs the
/// tail, whatever the length of the reply.
public struct MarkdownDocument: Sendable {
    private var splitter: MarkdownBlockSplitter
    private var theme: Theme?
    /// Most recently used last; at most `maxWidths`.
    private var caches: [WidthCache] = []
    static let maxWidths = 2
    /// Source bytes of finished blocks after which a piece is closed.
    let pieceBytes: Int
    /// Lines of closed pieces kept per width.
    let cachedLines: Int
    /// The first finished block of every piece; the last entry starts the tail.
    private var pieceStarts: [Int] = [0]
    /// Finished blocks grouped into pieces so far, and the bytes of those in the tail.
    private var grouped = 0
    private var tailBytes = 0

    /// How many times a finished block was rendered (tests check each happens once per width).
    private(set) var finishedRenderCount = 0
    /// How many times the unfinished tail was rendered.
    private(set) var pendingRenderCount = 0

    /// Lines of closed pieces kept at each width (tests check the budget holds).
    var linesKept: [Int] { caches.map(\.closedLines) }

    private struct Piece: Sendable {
        var lines: [StyledLine]
        var lastUse: UInt64
    }

    private struct WidthCache: Sendable {
        let width: Int
        var closed: [Int: Piece] = [:]
        var closedLines = 0
        var clock: UInt64 = 0
        /// The tail's finished blocks laid out so far, from block `tailFirst` on.
        var tailFirst = 0
        var tailBlocks: [[StyledLine]] = []
        var pending: [[StyledLine]] = []
        /// The text length the pending lines were rendered for; -1 when never rendered.
        var pendingLength = -1
        /// How far an open code block at the end has been rendered.
        var codeProgress: CodeProgress?
    }

    /// An empty document; `limits` cut its blocks, `pieceBytes` its pieces, and at most
    /// `cachedLines` lines of closed pieces are kept per width.
    public init(limits: MarkdownSplitLimits = .standard, pieceBytes: Int = 8_192, cachedLines: Int = 20_000) {
        splitter = MarkdownBlockSplitter(limits: limits)
        self.pieceBytes = max(1, pieceBytes)
        self.cachedLines = cachedLines
    }

    /// Adds a streamed delta to the end.
    public mutating func append(_ delta: String) {
        splitter.append(delta)
        while grouped < splitter.finishedCount {
            tailBytes += splitter.finishedBlock(grouped).range.count
            grouped += 1
            if tailBytes >= pieceBytes {
                pieceStarts.append(grouped)
                tailBytes = 0
            }
        }
    }

    /// How many pieces the reply has: the closed ones and the tail.
    public var pieceCount: Int { pieceStarts.count }

    /// Changes whenever the piece's lines may have: never for a closed piece, with every append for the tail.
    public func version(ofPiece piece: Int) -> Int { piece < pieceStarts.count - 1 ? 0 : splitter.utf8.count + 1 }

    /// The lines of one piece at a width.
    public mutating func lines(piece: Int, width: Int, theme: Theme) -> [StyledLine] {
        guard let c = prepare(width: width, theme: theme), piece >= 0, piece < pieceStarts.count else { return [] }
        if piece == pieceStarts.count - 1 { return tail(c) }
        return closed(piece, c).lines
    }

    // MARK: - Caches

    /// Brings the cache for `width` up to date with closed pieces and returns its index (nil below one column).
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
        // Pieces closed since: the tail's laid-out blocks become the closed piece's lines.
        let tailStart = pieceStarts[pieceStarts.count - 1]
        while caches[c].tailFirst < tailStart {
            let first = caches[c].tailFirst
            guard let k = pieceIndex(startingAt: first), !caches[c].tailBlocks.isEmpty else {
                caches[c].tailFirst = tailStart
                caches[c].tailBlocks = []
                break
            }
            let end = pieceStarts[k + 1]
            while first + caches[c].tailBlocks.count < end {
                let lines = render(block: first + caches[c].tailBlocks.count, width: width)
                caches[c].tailBlocks.append(lines)
            }
            let blocks = Array(caches[c].tailBlocks[..<(end - first)])
            caches[c].tailBlocks.removeFirst(end - first)
            caches[c].tailFirst = end
            store(Piece(lines: blocks.flatMap { $0 }, lastUse: 0), as: k, in: c)
        }
        return c
    }

    /// The closed piece that starts at block `block`, if one does.
    private func pieceIndex(startingAt block: Int) -> Int? {
        var lo = 0, hi = pieceStarts.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if pieceStarts[mid] < block { lo = mid + 1 } else { hi = mid }
        }
        return lo < pieceStarts.count - 1 && pieceStarts[lo] == block ? lo : nil
    }

    private mutating func closed(_ k: Int, _ c: Int) -> Piece {
        caches[c].clock += 1
        if var piece = caches[c].closed[k] {
            piece.lastUse = caches[c].clock
            caches[c].closed[k] = piece
            return piece
        }
        let width = caches[c].width
        var blocks: [[StyledLine]] = []
        for b in pieceStarts[k]..<pieceStarts[k + 1] { blocks.append(render(block: b, width: width)) }
        let piece = Piece(lines: blocks.flatMap { $0 }, lastUse: caches[c].clock)
        store(piece, as: k, in: c)
        return piece
    }

    /// Keeps a closed piece's lines, dropping the least recently used others beyond the budget.
    private mutating func store(_ piece: Piece, as k: Int, in c: Int) {
        var piece = piece
        caches[c].clock += 1
        piece.lastUse = caches[c].clock
        caches[c].closedLines += piece.lines.count - (caches[c].closed[k]?.lines.count ?? 0)
        caches[c].closed[k] = piece
        while caches[c].closedLines > cachedLines, caches[c].closed.count > 1,
              let oldest = caches[c].closed.filter({ $0.key != k }).min(by: { $0.value.lastUse < $1.value.lastUse }) {
            caches[c].closedLines -= oldest.value.lines.count
            caches[c].closed[oldest.key] = nil
        }
    }

    /// The tail's lines: its finished blocks (each laid out once) and the unfinished ones.
    private mutating func tail(_ c: Int) -> [StyledLine] {
        let width = caches[c].width
        let finished = splitter.finishedCount
        while caches[c].tailFirst + caches[c].tailBlocks.count < finished {
            let lines = render(block: caches[c].tailFirst + caches[c].tailBlocks.count, width: width)
            caches[c].tailBlocks.append(lines)
        }
        if caches[c].pendingLength != splitter.utf8.count, let theme {
            let renderer = MarkdownRenderer(theme: theme)
            var progress = caches[c].codeProgress
            caches[c].pending = splitter.pendingBlocks.map {
                renderer.render(pending: $0, source: splitter.source(of: $0), width: width, head: splitter.head(of: $0), progress: &progress)
            }
            caches[c].codeProgress = progress
            pendingRenderCount += 1
            caches[c].pendingLength = splitter.utf8.count
        }
        let blocks = caches[c].tailBlocks + caches[c].pending
        var lines: [StyledLine] = []
        lines.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
        for block in blocks { lines += block }
        return lines
    }

    private mutating func render(block index: Int, width: Int) -> [StyledLine] {
        guard let theme else { return [] }
        let block = splitter.finishedBlock(index)
        finishedRenderCount += 1
        return MarkdownRenderer(theme: theme)
            .render(block: block, source: splitter.source(of: block), width: width, head: splitter.head(of: block))
    }
}
