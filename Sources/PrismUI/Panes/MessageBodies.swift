import Foundation
import PrismCore
import PrismTerminal

/// The body text of messages as styled lines: markdown for replies, plain wrapped text for prompts.
final class MessageBodies {
    private var plain: [String: (count: Int, width: Int, theme: String, lines: [StyledLine])] = [:]

    func lines(for message: Message, width: Int, theme: Theme) -> [StyledLine] {
        let count = message.content.utf8.count
        if let cached = plain[message.id], cached.count == count, cached.width == width, cached.theme == theme.name {
            return cached.lines
        }
        let style = message.role == .user ? theme.style(.text) : theme.style(.text)
        let text = TerminalSanitizer.sanitize(message.content)
        let lines = text.isEmpty ? [] : TextWrap.wrap(text, style: style, width: width)
        plain[message.id] = (count, width, theme.name, lines)
        return lines
    }

    func reset() {
        plain.removeAll()
    }
}
