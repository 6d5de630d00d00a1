import PrismTerminal

/// Link destinations, autolinks, bare URLs, and turning the parsed nodes into styled lines.
///
/// Kept apart from the delimiter logic so each file stays readable; links are where
/// replies most often differ from strict CommonMark (bare URLs everywhere).
extension MarkdownInline {
    /// Parses `(url "title")` at `i`; returns the url and the index after `)`.
    func linkDestination(at i: Int) -> (String, Int)? {
        guard i < chars.count, chars[i] == "(" else { return nil }
        var j = i + 1
        func skipSpaces() { while j < chars.count, chars[j] == " " || chars[j] == "\n" { j += 1 } }
        skipSpaces()
        var url = ""
        if j < chars.count, chars[j] == "<" {
            j += 1
            while j < chars.count, chars[j] != ">", chars[j] != "\n" { url.append(chars[j]); j += 1 }
            guard j < chars.count, chars[j] == ">" else { return nil }
            j += 1
        } else {
            var depth = 0
            while j < chars.count, !chars[j].isWhitespace {
                let c = chars[j]
                if c == "(" { depth += 1 }
                if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if c == "\\", j + 1 < chars.count, chars[j + 1].isPunctuation { j += 1 }
                url.append(chars[j])
                j += 1
            }
        }
        skipSpaces()
        if j < chars.count, let close: Character = ["\"": "\"", "'": "'", "(": ")"][chars[j]] {
            j += 1
            while j < chars.count, chars[j] != close { j += 1 }
            guard j < chars.count else { return nil }
            j += 1
            skipSpaces()
        }
        guard j < chars.count, chars[j] == ")" else { return nil }
        return (url, j + 1)
    }

    /// `<scheme:…>` or `<user@host>`; consumes it and returns true when it is one.
    mutating func autolink() -> Bool {
        var j = pos + 1
        var content = ""
        while j < chars.count, chars[j] != ">" {
            let c = chars[j]
            if c.isWhitespace || c == "<" { return false }
            content.append(c)
            j += 1
        }
        guard j < chars.count, !content.isEmpty else { return false }
        let isURI: Bool = {
            guard let colon = content.firstIndex(of: ":") else { return false }
            let scheme = content[..<colon]
            return (2...32).contains(scheme.count) && scheme.first!.isLetter
                && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
        }()
        let isEmail = !isURI && content.contains("@") && content.contains(".")
        guard isURI || isEmail else { return false }
        nodes.append(Node(kind: .text, text: content, flags: .link))
        pos = j + 1
        return true
    }

    /// A bare `http://`, `https://` or `www.` link at a word start (GFM's extended autolinks).
    mutating func bareURL() -> Bool {
        if pos > 0 {
            let before = chars[pos - 1]
            guard before.isWhitespace || "(*_~\"'".contains(before) else { return false }
        }
        func starts(_ p: String) -> Bool {
            let pc = Array(p)
            return pos + pc.count < chars.count && Array(chars[pos..<(pos + pc.count)]) == pc
        }
        guard starts("https://") || starts("http://") || starts("www.") else { return false }
        var j = pos
        while j < chars.count, !chars[j].isWhitespace, chars[j] != "<" { j += 1 }
        var end = j
        while end > pos {
            let c = chars[end - 1]
            if "?!.,:*_~'\";".contains(c) {
                end -= 1
            } else if c == ")" {
                let opens = chars[pos..<end].filter { $0 == "(" }.count
                let closes = chars[pos..<end].filter { $0 == ")" }.count
                if closes > opens { end -= 1 } else { break }
            } else {
                break
            }
        }
        guard end - pos > 8 else { return false }
        nodes.append(Node(kind: .text, text: String(chars[pos..<end]), flags: .link))
        pos = end
        return true
    }

    /// The parsed nodes as styled lines: emphasis events applied, unmatched delimiters literal.
    func styledLines(base: Style, theme: Theme) -> [StyledLine] {
        let tracked: [Flags] = [.strong, .emphasis, .strike, .link]
        var deltas = Array(repeating: [0, 0, 0, 0], count: nodes.count + 1)
        for e in events where e.open + 1 <= e.close {
            guard let f = tracked.firstIndex(of: e.flag) else { continue }
            deltas[e.open + 1][f] += 1
            deltas[e.close][f] -= 1
        }
        var depth = [0, 0, 0, 0]
        var lines: [StyledLine] = [StyledLine()]
        var styleCache: [Flags: Style] = [:]
        for (i, node) in nodes.enumerated() {
            for f in 0..<4 { depth[f] += deltas[i][f] }
            if node.kind == .lineBreak {
                lines.append(StyledLine())
                continue
            }
            let text = node.kind == .delimiter
                ? String(repeating: node.delimiter, count: max(0, node.remaining)) : node.text
            guard !text.isEmpty else { continue }
            var flags = node.flags
            for f in 0..<4 where depth[f] > 0 { flags.insert(tracked[f]) }
            let style: Style
            if let cached = styleCache[flags] {
                style = cached
            } else {
                style = Self.style(flags, base: base, theme: theme)
                styleCache[flags] = style
            }
            lines[lines.count - 1].append(text, style)
        }
        return lines
    }

    /// The style of text with these flags over a base style.
    static func style(_ flags: Flags, base: Style, theme: Theme) -> Style {
        var s = base
        if flags.contains(.code) { s = MarkdownLayout.overlay(s, theme[.code]) }
        if flags.contains(.strong) { s = MarkdownLayout.overlay(s, theme[.strong]).adding(.bold) }
        if flags.contains(.emphasis) { s = MarkdownLayout.overlay(s, theme[.emphasis]).adding(.italic) }
        if flags.contains(.strike) { s = s.adding(.strikethrough) }
        if flags.contains(.link) { s = MarkdownLayout.overlay(s, theme[.link]).adding(.underline) }
        if flags.contains(.muted) { s = MarkdownLayout.overlay(s, theme[.textMuted]) }
        return s
    }
}
