/// The line-by-line state machine behind `MarkdownBlockSplitter`.
///
/// Kept apart from the splitter's block list so the unfinished tail can be previewed on a
/// copy of this small value (treating an incomplete last line as complete) without ever
/// copying the list of finished blocks. A block that has reached `limit` bytes is cut
/// before the next line that would extend it (see `MarkdownSplitLimits`).
struct MarkdownSplitState: Sendable {
    enum Open: Sendable {
        case none
        /// `lastLineStart` and `previousLineEnd` let a table header split off the paragraph's last line.
        case paragraph(lastLineStart: Int, previousLineEnd: Int, lines: Int)
        case fence(MarkdownFence)
        case item(contentIndent: Int, fence: MarkdownFence?, afterBlank: Bool)
        case quote(afterEmptyLine: Bool)
        case table
    }

    private(set) var open: Open = .none
    private var kind: MarkdownBlockKind = .paragraph
    private var start = 0
    private var contentEnd = 0
    private var spaced = false
    private var previousKind: MarkdownBlockKind?
    private var blankSincePrevious = false
    /// The open block's first lines (its fence, marker line, or table header and delimiter).
    private var head = 0..<0
    /// Whether the open block continues one that was cut.
    private var continued = false
    /// Bytes after which an open block is cut.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The open block as it stands, if any.
    var openBlock: MarkdownBlock? {
        if case .none = open { return nil }
        return MarkdownBlock(kind: kind, range: start..<contentEnd, spacedBefore: spaced, head: continued ? head : nil)
    }

    /// Adds a line (or a piece of one) to the open block, first cutting the block when it is full.
    private mutating func extend(_ range: Range<Int>, _ emit: inout [MarkdownBlock]) {
        if contentEnd - start >= limit {
            emit.append(MarkdownBlock(kind: kind, range: start..<contentEnd, spacedBefore: spaced, head: continued ? head : nil))
            start = range.lowerBound
            spaced = false
            continued = true
            if case .paragraph = open { open = .paragraph(lastLineStart: range.lowerBound, previousLineEnd: range.lowerBound, lines: 0) }
        }
        contentEnd = range.upperBound
    }

    /// Feeds a later piece of a line too long to take whole: it extends the open block as
    /// text, never starts or ends one (a paragraph starts when nothing is open).
    mutating func consumeContinuation(_ range: Range<Int>, in bytes: [UInt8], emit: inout [MarkdownBlock]) {
        switch open {
        case .none:
            start = range.lowerBound
            contentEnd = range.upperBound
            head = range
            kind = .paragraph
            open = .paragraph(lastLineStart: range.lowerBound, previousLineEnd: range.lowerBound, lines: 1)
            spaced = false
            continued = false
        case .item(let contentIndent, let fence, _):
            extend(range, &emit)
            open = .item(contentIndent: contentIndent, fence: fence, afterBlank: false)
        case .paragraph, .fence, .quote, .table:
            extend(range, &emit)
        }
    }

    /// Feeds one complete line (`range` excludes its newline); appends blocks it proves finished to `emit`.
    mutating func consume(_ range: Range<Int>, in bytes: [UInt8], emit: inout [MarkdownBlock]) {
        let line = MarkdownLine(bytes[range])
        switch open {
        case .none:
            if line.isBlank {
                blankSincePrevious = true
            } else {
                begin(line, range, bytes, &emit)
            }
        case .fence(let fence):
            extend(range, &emit)
            if line.closes(fence) { finish(&emit) }
        case let .paragraph(lastLineStart, previousLineEnd, lines):
            if line.isBlank {
                finish(&emit)
                blankSincePrevious = true
            } else if let level = line.setextLevel {
                extend(range, &emit)
                kind = .setextHeading(level: level)
                finish(&emit)
            } else if let aligns = line.tableAlignments,
                      MarkdownLine(bytes[lastLineStart..<contentEnd]).tableCells?.count == aligns.count {
                if lines > 1 {
                    contentEnd = previousLineEnd
                    finish(&emit)
                    spaced = true
                    start = lastLineStart
                }
                kind = .table
                open = .table
                contentEnd = range.upperBound
                head = start..<range.upperBound
                continued = false
            } else if interruptsParagraph(line) {
                finish(&emit)
                begin(line, range, bytes, &emit)
            } else {
                let previousEnd = contentEnd
                extend(range, &emit)
                if case .paragraph(_, _, let now) = open {
                    open = .paragraph(lastLineStart: range.lowerBound, previousLineEnd: now == 0 ? range.lowerBound : previousEnd,
                                      lines: (now == 0 ? 0 : lines) + 1)
                }
            }
        case let .item(contentIndent, fence, afterBlank):
            consumeInItem(line, range, bytes, &emit, contentIndent: contentIndent, fence: fence, afterBlank: afterBlank)
        case .quote(let afterEmptyLine):
            if line.isBlank {
                finish(&emit)
                blankSincePrevious = true
            } else if line.isQuote {
                extend(range, &emit)
                let rest = MarkdownLine(bytes[(line.firstNonSpace + 1)..<range.upperBound])
                open = .quote(afterEmptyLine: rest.isBlank)
            } else if !afterEmptyLine && !interruptsParagraph(line) {
                extend(range, &emit) // lazy continuation
            } else {
                finish(&emit)
                begin(line, range, bytes, &emit)
            }
        case .table:
            if line.isBlank {
                finish(&emit)
                blankSincePrevious = true
            } else if line.tableCells != nil && !interruptsParagraph(line) {
                extend(range, &emit)
            } else {
                finish(&emit)
                begin(line, range, bytes, &emit)
            }
        }
    }

    private mutating func consumeInItem(
        _ line: MarkdownLine, _ range: Range<Int>, _ bytes: [UInt8], _ emit: inout [MarkdownBlock],
        contentIndent: Int, fence: MarkdownFence?, afterBlank: Bool
    ) {
        if line.isBlank {
            open = .item(contentIndent: contentIndent, fence: fence, afterBlank: true)
            return
        }
        if line.indent >= contentIndent {
            var newFence = fence
            if let f = fence {
                if line.closes(f, base: contentIndent) { newFence = nil }
            } else {
                newFence = line.fence(base: contentIndent)
            }
            extend(range, &emit)
            open = .item(contentIndent: contentIndent, fence: newFence, afterBlank: false)
            return
        }
        let isSibling = line.listMarker != nil && line.indent <= 3
        if fence == nil, !afterBlank, !isSibling, !interruptsParagraph(line) {
            extend(range, &emit) // lazy continuation of the item's paragraph
            return
        }
        finish(&emit)
        blankSincePrevious = afterBlank
        begin(line, range, bytes, &emit)
    }

    /// Starts a block at a non-blank line when nothing is open.
    private mutating func begin(_ line: MarkdownLine, _ range: Range<Int>, _ bytes: [UInt8], _ emit: inout [MarkdownBlock]) {
        start = range.lowerBound
        contentEnd = range.upperBound
        head = range
        continued = false
        let marker = line.indent <= 3 ? line.listMarker : nil
        let newKind: MarkdownBlockKind
        if let level = line.atxLevel {
            newKind = .heading(level: level)
        } else if line.isThematicBreak {
            newKind = .thematicBreak
        } else if line.indent <= 3, let fence = line.fence() {
            newKind = .code
            open = .fence(fence)
        } else if line.isQuote {
            newKind = .quote
            let rest = MarkdownLine(bytes[(line.firstNonSpace + 1)..<range.upperBound])
            open = .quote(afterEmptyLine: rest.isBlank)
        } else if let marker {
            newKind = .listItem
            // The item's first line may itself open a fence ("- ```sh").
            let rest = MarkdownLine(bytes[marker.markerEnd..<range.upperBound])
            open = .item(contentIndent: marker.contentIndent, fence: rest.fence(), afterBlank: false)
        } else {
            newKind = .paragraph
            open = .paragraph(lastLineStart: range.lowerBound, previousLineEnd: range.lowerBound, lines: 1)
        }
        kind = newKind
        if let previousKind {
            // A list written right under a paragraph or another item stays tight, as written.
            let tight = newKind == .listItem && (previousKind == .listItem || previousKind == .paragraph)
            spaced = blankSincePrevious || !tight
        } else {
            spaced = false
        }
        switch newKind {
        case .heading, .thematicBreak: finish(&emit)
        default: break
        }
    }

    private mutating func finish(_ emit: inout [MarkdownBlock]) {
        emit.append(MarkdownBlock(kind: kind, range: start..<contentEnd, spacedBefore: spaced, head: continued ? head : nil))
        previousKind = kind
        continued = false
        blankSincePrevious = false
        open = .none
    }

    /// Lines that end a paragraph without a blank line (CommonMark's interruption rules).
    private func interruptsParagraph(_ line: MarkdownLine) -> Bool {
        if line.atxLevel != nil || line.isThematicBreak || line.isQuote { return true }
        if line.indent <= 3, line.fence() != nil { return true }
        if line.indent <= 3, let m = line.listMarker, !m.isEmpty, m.number == nil || m.number == 1 { return true }
        return false
    }
}
