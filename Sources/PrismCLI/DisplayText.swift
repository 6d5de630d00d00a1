import PrismCore
import PrismTerminal

/// Metadata made fit for one table cell or heading: cleaned, then cut to a width with `…`.
///
/// Titles and model ids come from files and servers and may be any length (a 10 MB
/// title once printed a 10 MB line). Only a bounded prefix is looked at, so the cost
/// does not grow with the text.
enum DisplayText {
    static func fit(_ text: String, width: Int) -> String {
        // A cell is at least one scalar: a prefix of 4 × width scalars covers the width even after cleaning.
        let scalars = text.unicodeScalars
        let end = scalars.index(scalars.startIndex, offsetBy: width * 4, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let cut = end < scalars.endIndex
        let clean = TerminalSanitizer.metadata(cut ? String(String.UnicodeScalarView(scalars[..<end])) : text)
        // A text cut before cleaning always ends with `…`, even when what is left fits.
        return cut ? (clean + "…").truncated(to: width) : clean.truncated(to: width)
    }
}
