/// Makes text from outside (model output, server metadata) safe to show or keep.
///
/// A reply is attacker-controlled text: an escape sequence in it could set the
/// window title, write the clipboard (OSC 52), move the cursor or clear the screen,
/// and a bidi override could make a model id read backwards. Four policies, one per
/// destination:
///
/// - `sanitize` (also `forTerminal`): body text for Prism's own screen and for what the
///   command line prints to a terminal. ESC becomes a visible `␛`, other C0 and C1
///   controls and DEL are dropped, and so are bidi embeddings, overrides and isolates
///   (U+202A–U+202E, U+2066–U+2069), since a terminal that implements bidi would reorder
///   what follows them; newline and tab stay. The marks (U+200E, U+200F, U+061C) stay:
///   they cannot reverse a run, and right-to-left prose uses them. Works per character,
///   so deltas can be sanitised one at a time.
/// - `metadata`: ids, names, providers, titles, errors: always one line, every control
///   and every bidi control (marks included) removed, line breaks and tabs as spaces.
/// - `forExport`: text written to a file, a pipe or the clipboard: controls other than
///   newline and tab dropped (ESC too, with no visible stand-in), everything else kept.
public enum TerminalSanitizer {
    public static func sanitize(_ text: String) -> String {
        // Fast path: most text has no control characters at all.
        if !text.unicodeScalars.contains(where: { isControl($0) || isBidiControl($0) }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isBidiControl(scalar) {
            if scalar == "\u{1B}" {
                out.append("\u{241B}")
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Body text for a terminal the command line writes to: the same policy as the screen's
    /// (`sanitize`), named for the command line's call sites.
    public static func forTerminal(_ text: String) -> String { sanitize(text) }

    /// Metadata (ids, names, providers, titles, errors) as one clean line.
    ///
    /// Newlines, tabs and the Unicode line and paragraph separators become spaces; ESC
    /// becomes `␛`; other controls, bidi controls and bidi marks are dropped.
    public static func metadata(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: isMetadataUnsafe) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: out.append(" ")
            case 0x1B: out.append("\u{241B}")
            default: if !isMetadataUnsafe(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// Text for a file, a pipe or the clipboard: control characters other than newline and tab dropped.
    public static func forExport(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: isControl) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isControl(scalar) { out.append(scalar) }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x0A || v == 0x09 { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
    }

    /// Embeddings, overrides and isolates: the bidi controls that reorder a whole run.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Left-to-right, right-to-left and Arabic letter marks.
    static func isBidiMark(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x200E || v == 0x200F || v == 0x061C
    }

    private static func isMetadataUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || isBidiControl(scalar) || isBidiMark(scalar)
    }
}
