import Foundation
import PrismCore
import PrismTerminal

extension MessageBlock {
    /// A reply's web sources under its text: `sources`, then `[n] Title — URL` per source.
    ///
    /// The whole URL is shown as plain text (cleaned: http(s) only, printable ASCII), so a
    /// terminal that detects URLs can open it; the screen never emits OSC 8 (see
    /// ARCHITECTURE.md, "Citations"). A title is one clean line, whatever the page said.
    func references() -> [StyledLine] {
        guard let citations = message.citations, !citations.isEmpty else { return [] }
        let wrapWidth = max(1, width - Self.gutter)
        var out = [indent(StyledLine("sources", theme.style(.textMuted)))]
        for (i, citation) in citations.enumerated() {
            var text = "[\(i + 1)] \(citation.displayTitle)"
            if let url = citation.safeURL { text += " — " + url }
            for line in TextWrap.wrap(text, style: theme.style(.link), width: wrapWidth) { out.append(indent(line)) }
        }
        return out
    }
}
