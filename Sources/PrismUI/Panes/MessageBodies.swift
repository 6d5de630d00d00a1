import Foundation
import PrismCore
import PrismTerminal

/// The body text of messages as styled lines, in pieces: markdown for replies, plain
/// wrapped text for prompts.
///
/// Replies keep an incremental `MarkdownDocument` each: while a reply streams, new
/// text is appended to its document and only the unfinished tail is laid out again.
/// Text is sanitised as it is appended (per character, so deltas can be split
/// anywhere), so no escape sequence from a model ever reaches a cell. A body comes in
/// pieces (see `MarkdownDocument`; a prompt is cut at newlines every `PlainPieces.bytes`),
/// so a 50 MB reply is laid out only where it is shown.
final class MessageBodies {
    /// How bodies are cut: the markdown limits and piece size, the document's line budget, a prompt's piece size.
    struct Pieces {
        var limits = MarkdownSplitLimits.standard
        var bytes = 8_192
        var cachedLines = 20_000
        var plainBytes = PlainPieces.bytes

        static let standard = Pieces()
    }

    let pieces: Pieces

    init(pieces: Pieces = .standard) {
        self.pieces = pieces
    }

    private struct Reply {
        var document: MarkdownDocument
        /// How much of the message's content (in UTF-8 bytes) the document has seen.
        var consumed: Int
        var theme: String
        /// The start of the text the document was built from, to notice a replaced text.
        var head: String
    }

    private struct Plain {
        var count: Int
        var text: String
        var pieces: [Range<String.Index>]
        var width = 0
        var theme = ""
        var lines: [Int: [StyledLine]] = [:]
    }

    private var replies: [String: Reply] = [:]
    private var plain: [String: Plain] = [:]

    /// How many pieces the message's body has (at least one).
    func pieceCount(for message: Message, theme: Theme) -> Int {
        if message.role == .assistant { return withDocument(message, theme: theme) { $0.pieceCount } }
        return plainEntry(message).pieces.count
    }

    /// Finished markdown blocks laid out so far for a reply (tests check laziness with it).
    func blocksRendered(for id: String) -> Int { replies[id]?.document.finishedRenderCount ?? 0 }

    /// Changes whenever a piece's lines may have (not counting width and theme).
    func version(of piece: Int, for message: Message, theme: Theme) -> Int {
        if message.role == .assistant { return withDocument(message, theme: theme) { $0.version(ofPiece: piece) } }
        return plainEntry(message).count
    }

    /// The lines of one piece of the body.
    func lines(for message: Message, piece: Int, width: Int, theme: Theme) -> [StyledLine] {
        if message.role == .assistant {
            return withDocument(message, theme: theme) { $0.lines(piece: piece, width: width, theme: theme) }
        }
        var entry = plainEntry(message)
        plain[message.id] = nil  // keep the entry uniquely referenced while it changes
        defer { plain[message.id] = entry }
        if entry.width != width || entry.theme != theme.name || entry.lines.count > 64 {
            entry.lines = [:]
            entry.width = width
            entry.theme = theme.name
        }
        if let cached = entry.lines[piece] { return cached }
        guard entry.pieces.indices.contains(piece) else { return [] }
        let text = entry.text[entry.pieces[piece]]
        let lines = text.isEmpty ? [] : TextWrap.wrap(String(text), style: theme.style(message.role == .user ? .text : .system), width: width)
        entry.lines[piece] = lines
        return lines
    }

    private func plainEntry(_ message: Message) -> Plain {
        let count = message.content.utf8.count
        if let cached = plain[message.id], cached.count == count { return cached }
        let text = TerminalSanitizer.sanitize(message.content)
        let entry = Plain(count: count, text: text, pieces: PlainPieces.cut(text, every: pieces.plainBytes))
        plain[message.id] = entry
        return entry
    }

    /// Runs `body` on the message's document, brought up to date with its text.
    private func withDocument<R>(_ message: Message, theme: Theme, _ body: (inout MarkdownDocument) -> R) -> R {
        let content = message.content
        let total = content.utf8.count
        // Nothing new (every frame, for every message drawn): the document is used in place.
        if let i = replies.index(forKey: message.id), replies.values[i].consumed == total, replies.values[i].theme == theme.name {
            return body(&replies.values[i].document)
        }
        // Taken out of the dictionary so the document (50 MB of text, perhaps) is changed in
        // place, never copied.
        var entry = replies.removeValue(forKey: message.id)
        // A reply only ever grows while streaming; anything else (a reload, a replaced
        // text, a new theme) starts its document afresh.
        let head = String(content.prefix(32))
        if entry == nil || entry!.theme != theme.name || entry!.consumed > total
            || !(head.hasPrefix(entry!.head) || entry!.head.hasPrefix(head)) {
            entry = Reply(document: MarkdownDocument(limits: pieces.limits, pieceBytes: pieces.bytes, cachedLines: pieces.cachedLines),
                          consumed: 0, theme: theme.name, head: head)
        }
        entry!.head = head
        if entry!.consumed < total {
            let utf8 = content.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: entry!.consumed)
            // Append whole characters only; a delta never ends inside one (deltas are Strings).
            let delta = entry!.consumed == 0 ? content : String(content[start...])
            entry!.document.append(Self.needsSanitizing(delta) ? TerminalSanitizer.sanitize(delta) : delta)
            entry!.consumed = total
        }
        let result = body(&entry!.document)
        replies[message.id] = entry
        return result
    }

    func reset() {
        replies.removeAll()
        plain.removeAll()
    }

    /// Whether `text` holds a control character `TerminalSanitizer` would change: C0 but
    /// newline and tab, DEL, or C1 (U+0080–U+009F, bytes C2 80–9F). A byte scan, so a
    /// 50 MB reply resumed is checked in a few milliseconds rather than scalar by scalar.
    static func needsSanitizing(_ text: String) -> Bool {
        PromptText.withBytes(text) { bytes in
            var previous: UInt8 = 0
            for b in bytes {
                if b < 0x20 { if b != 0x0A && b != 0x09 { return true } }
                else if b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { return true }
                previous = b
            }
            return false
        }
    }
}

/// Where a prompt's text is cut into pieces: at the first newline after every
/// `bytes` bytes, or inside a line longer than that (after a space if there is one).
enum PlainPieces {
    static let bytes = 16_384

    static func cut(_ text: String, every limit: Int = bytes) -> [Range<String.Index>] {
        let utf8 = text.utf8
        guard utf8.count > limit else { return [text.startIndex..<text.endIndex] }
        var pieces: [Range<String.Index>] = []
        var start = text.startIndex
        while utf8.distance(from: start, to: utf8.endIndex) > limit {
            let window = utf8.index(start, offsetBy: limit)
            var end: String.Index
            if let newline = utf8[window...].firstIndex(of: 0x0A), utf8.distance(from: window, to: newline) <= limit {
                end = newline
            } else if let space = utf8[start..<window].lastIndex(of: 0x20), space > start {
                end = utf8.index(after: space)
            } else {
                end = text.index(before: text.index(after: window))  // a character boundary
                if end <= start { end = text.index(after: start) }
            }
            pieces.append(start..<end)
            // A newline that ends a piece belongs to neither: each piece starts a line.
            start = end < utf8.endIndex && utf8[end] == 0x0A ? utf8.index(after: end) : end
        }
        pieces.append(start..<text.endIndex)
        return pieces
    }
}
