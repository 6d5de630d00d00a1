/// A frame written out as readable text for golden files: the characters, and
/// optionally which style each cell has.
///
/// The text block is `Frame.text()`. The style block has one letter per cell (a wide
/// grapheme's two cells get the same letter), `.` for the plain style, with trailing
/// dots trimmed, followed by a legend. Letters either come from the caller (theme
/// tokens, so goldens survive colour tweaks) or are handed out in order of first
/// appearance (so any style change shows up). The cursor position is listed too.
///
///     ▌hello 世界
///     -- styles --
///     bbbbb.aaaa
///     -- legend --
///     a: fg=ansi(1)
///     b: bold
///     -- cursor 3,0 --
public enum FrameSnapshot {
    /// Whether and how to annotate styles.
    public enum Styles: Sendable {
        /// Text only.
        case none
        /// Letters `a`–`z`, `A`–`Z`, `0`–`9` in order of first appearance (then `?`).
        case automatic
        /// The caller's letters; styles without one show as `?`, the plain style as `.`.
        case legend([Style: Character])
    }

    /// The snapshot text of a frame.
    public static func text(of frame: Frame, styles: Styles = .none) -> String {
        let text = frame.text()
        if case .none = styles { return text }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var letters: [Style: Character] = [:]
        var order: [Style] = []
        if case .legend(let given) = styles { letters = given }
        func letter(for style: Style) -> Character {
            if style == .plain, letters[style] == nil { return "." }
            if let l = letters[style] {
                if !order.contains(style) { order.append(style) }
                return l
            }
            guard case .automatic = styles else { return "?" }
            let l: Character = order.count < alphabet.count ? alphabet[order.count] : "?"
            letters[style] = l
            order.append(style)
            return l
        }
        var rows: [String] = []
        for y in 0..<frame.size.height {
            var row = ""
            var lead = Style.plain
            for x in 0..<frame.size.width {
                let cell = frame[x, y]
                if !cell.isContinuation { lead = cell.style }
                row.append(letter(for: cell.isContinuation ? lead : cell.style))
            }
            while row.hasSuffix(".") { row.removeLast() }
            rows.append(row)
        }
        var out = text + "\n-- styles --\n" + rows.joined(separator: "\n")
        if !order.isEmpty {
            out += "\n-- legend --"
            for style in order.sorted(by: { (letters[$0] ?? "?") < (letters[$1] ?? "?") }) {
                out += "\n\(letters[style] ?? "?"): \(describe(style))"
            }
        }
        out += frame.cursor.map { "\n-- cursor \($0.x),\($0.y) --" } ?? "\n-- cursor hidden --"
        return out
    }

    /// A short spelling of a style: `fg=rgb(255,0,0) bg=ansi(4) bold underline`.
    public static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg=" + describe(style.foreground)) }
        if style.background != .default { parts.append("bg=" + describe(style.background)) }
        let names: [(TextAttributes, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"),
            (.reverse, "reverse"), (.strikethrough, "strikethrough"),
        ]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    private static func describe(_ color: Color) -> String {
        switch color {
        case .default: return "default"
        case .ansi(let n): return "ansi(\(n))"
        case .indexed(let n): return "indexed(\(n))"
        case .rgb(let r, let g, let b): return "rgb(\(r),\(g),\(b))"
        }
    }
}
