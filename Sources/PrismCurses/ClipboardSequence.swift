/// Builds the OSC 52 sequence that asks the terminal to set the system clipboard.
///
/// Sent as plain OSC 52 even inside tmux: tmux handles it itself when `set-clipboard` is
/// `on` (it keeps a paste buffer and forwards the text to the outer terminal), whereas a
/// DCS passthrough wrapper needs `allow-passthrough`, which is off by default and bypasses
/// tmux's own buffers. Base64 is written here to keep Foundation out of the backend.
///
/// What is copied is usually model output, which may hold escape sequences that would
/// run wherever it is pasted (a shell, another terminal): control characters other
/// than newline and tab are dropped first, as in exports.
enum ClipboardSequence {
    /// `ESC ] 52 ; c ; <base64> BEL`.
    static func osc52(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;".utf8) + base64(clean(text)) + [0x07]
    }

    /// The UTF-8 of `text` without C0 controls (but newline and tab), DEL and C1 controls.
    static func clean(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F {
                i += 1
            } else if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                i += 2  // U+0080–U+009F, a C1 control
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}
