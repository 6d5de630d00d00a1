import Foundation
import PrismCore
import PrismTerminal

/// The body text of messages as styled lines: markdown for replies, plain wrapped text for prompts.
///
/// Replies keep an incremental `MarkdownDocument` each: while a reply streams, new
/// text is appended to its document and only the unfinished tail is laid out again.
/// Text is sanitised as it is appended (per character, so deltas can be split
/// anywhere), so no escape sequence from a model ever reaches a cell.
final class MessageBodies {
    private struct Reply {
        var document: MarkdownDocument
        /// How much of the message's content (in UTF-8 bytes) the document has seen.
        var consumed: Int
        var theme: String
        /// The start of the text the document was built from, to notice a replaced text.
        var head: String
    }

    private var replies: [String: Reply] = [:]
    private var plain: [String: (count: Int, width: Int, theme: String, lines: [StyledLine])] = [:]

    func lines(for message: Message, width: Int, theme: Theme) -> [StyledLine] {
        if message.role == .assistant { return markdown(message, width: width, theme: theme) }
        let count = message.content.utf8.count
        if let cached = plain[message.id], cached.count == count, cached.width == width, cached.theme == theme.name {
            return cached.lines
        }
        let text = TerminalSanitizer.sanitize(message.content)
        let lines = text.isEmpty ? [] : TextWrap.wrap(text, style: theme.style(message.role == .user ? .text : .system), width: width)
        plain[message.id] = (count, width, theme.name, lines)
        return lines
    }

    private func markdown(_ message: Message, width: Int, theme: Theme) -> [StyledLine] {
        let content = message.content
        let total = content.utf8.count
        var entry = replies[message.id]
        // A reply only ever grows while streaming; anything else (a reload, a replaced
        // text, a new theme) starts its document afresh.
        let head = String(content.prefix(32))
        if entry == nil || entry!.theme != theme.name || entry!.consumed > total
            || !(head.hasPrefix(entry!.head) || entry!.head.hasPrefix(head)) {
            entry = Reply(document: MarkdownDocument(), consumed: 0, theme: theme.name, head: head)
        }
        entry!.head = head
        if entry!.consumed < total {
            let utf8 = content.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: entry!.consumed)
            // Append whole characters only; a delta never ends inside one (deltas are Strings).
            let delta = String(content[start...])
            entry!.document.append(TerminalSanitizer.sanitize(delta))
            entry!.consumed = total
        }
        let lines = entry!.document.lines(width: width, theme: theme)
        replies[message.id] = entry
        return lines
    }

    func reset() {
        replies.removeAll()
        plain.removeAll()
    }
}
