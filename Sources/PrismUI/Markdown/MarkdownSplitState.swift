/// The line-by-line state machine behind `MarkdownBlockSplitter`.
///
/// Kept apart from the splitter's block list so the unfinished tail can be previewed on a
/// copy of this small value (treating an incomplete last line as complete) without ever
/// copying the list of finished blocks.
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

    /// The open block as it stands, if any.
    var openBlock: MarkdownBlock? {
        if case .none = open { return nil }
        return MarkdownBlock(kind: kind, range: start..<contentEnd, spacedBefore: spaced)
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
            contentEnd = range.upperBound
            if line.closes(fence) { finish(&emit) }
        case let .paragraph(lastLineStart, previousLineEnd, lines):
            if line.isBlank {
                finish(&emit)
                blankSincePrevious = true
            } else if let level = line.setextLevel {
                kind = .setextHeading(level: level)
                contentEnd = range.upperBound
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
            } else if interruptsParagraph(line) {
                finish(&emit)
                begin(line, range, bytes, &emit)
            } else {
                open = .paragraph(lastLineStart: range.lowerBound, previousLineEnd: contentEnd, lines: lines + 1)
                contentEnd = range.upperBound
            }
        case let .item(contentIndent, fence, afterBlank):
            consumeInItem(line, range, bytes, &emit, contentIndent: contentIndent, fence: fence, afterBlank: afterBlank)
        case .quote(let afterEmptyLine):
            if line.isBlank {
                finish(&emit)
                blankSincePrevious = true
            } else if line.isQuote {
                contentEnd = range.upperBound
                let rest = MarkdownLine(bytes[(line.firstNonSpace + 1)..<range.upperBound])
                open = .quote(afterEmptyLine: rest.isBlank)
            } else if !afterEmptyLine && !interruptsParagraph(line) {
                contentEnd = range.upperBound // lazy continuation
            } else {
                finish(&emit)
                begin(line, range, bytes, &emit)
            }
        case .table:
            if line.isBlank {
                finish(&emit)
                blankSincePrevious = true
            } else if line.tableCells != nil && !interruptsParagraph(line) {
                contentEnd = range.upperBound
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
            open = .item(contentIndent: contentIndent, fence: newFence, afterBlank: false)
            contentEnd = range.upperBound
            return
        }
        let isSibling = line.listMarker != nil && line.indent <= 3
        if fence == nil, !afterBlank, !isSibling, !interruptsParagraph(line) {
            contentEnd = range.upperBound // lazy continuation of the item's paragraph
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
        emit.append(MarkdownBlock(kind: kind, range: start..<contentEnd, spacedBefore: spaced))
        previousKind = kind
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
