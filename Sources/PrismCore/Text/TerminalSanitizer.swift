/// Makes model output safe to write to a terminal.
///
/// A reply is attacker-controlled text: an escape sequence in it could set the
/// window title, write the clipboard (OSC 52), move the cursor or clear the
/// screen. ESC becomes a visible `␛`, other C0 and C1 controls and DEL are
/// dropped; newline and tab stay. Works per character, so deltas can be
/// sanitised one at a time.
public enum TerminalSanitizer {
    public static func sanitize(_ text: String) -> String {
        // Fast path: most text has no control characters at all.
        if !text.unicodeScalars.contains(where: isControl) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{1B}" {
                out.append("\u{241B}")
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x0A || v == 0x09 { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
    }
}
