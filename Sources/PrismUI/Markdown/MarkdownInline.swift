import PrismTerminal

/// Parses inline markdown (emphasis, code spans, links, escapes) of one block's text into styled lines.
///
/// One left-to-right pass with a delimiter stack in the manner of CommonMark, so
/// `snake_case`, `2 * 3 * 4` and unmatched markers stay literal text. Line breaks in the
/// source are kept as line breaks: replies rarely hard-wrap prose, and poems, addresses
/// and step lists read better with them kept.
struct MarkdownInline {
    struct Flags: OptionSet, Hashable {
        let rawValue: UInt8
        static let strong = Flags(rawValue: 1)
        static let emphasis = Flags(rawValue: 2)
        static let strike = Flags(rawValue: 4)
        static let link = Flags(rawValue: 8)
        static let code = Flags(rawValue: 16)
        static let muted = Flags(rawValue: 32)
    }

    enum Kind { case text, delimiter, bracket, lineBreak }

    struct Node {
        var kind: Kind
        var text: String
        var flags: Flags = []
        var delimiter: Character = " "
        var count = 0
        var remaining = 0
        var canOpen = false
        var canClose = false
    }

    let chars: [Character]
    var pos = 0
    var nodes: [Node] = []
    /// Delimiter nodes that may still open emphasis.
    private var stack: [Int] = []
    private var brackets: [(node: Int, floor: Int, image: Bool)] = []
    /// Per delimiter character, the stack height below which no opener can match.
    private var bottoms: [Character: Int] = [:]
    var events: [(open: Int, close: Int, flag: Flags)] = []

    private init(_ text: String) { chars = Array(text) }

    /// Parses `text` and returns one styled line per source line, styled over `base`.
    static func lines(_ text: String, base: Style, theme: Theme) -> [StyledLine] {
        var parser = MarkdownInline(text)
        parser.parse()
        return parser.styledLines(base: base, theme: theme)
    }

    private mutating func parse() {
        while pos < chars.count {
            let c = chars[pos]
            switch c {
            case "\\": escape()
            case "`": codeSpan()
            case "*", "_", "~": delimiterRun(c)
            case "[":
                nodes.append(Node(kind: .bracket, text: "["))
                brackets.append((nodes.count - 1, stack.count, false))
                pos += 1
            case "!" where pos + 1 < chars.count && chars[pos + 1] == "[":
                nodes.append(Node(kind: .bracket, text: "!["))
                brackets.append((nodes.count - 1, stack.count, true))
                pos += 2
            case "]": closeBracket()
            case "<": if !autolink() { appendText("<"); pos += 1 }
            case "\n", "\r\n": lineBreak()
            case "h", "w": if !bareURL() { appendText(String(c)); pos += 1 }
            default:
                appendText(String(c))
                pos += 1
            }
        }
    }

    private mutating func appendText(_ s: String, flags: Flags = []) {
        if flags.isEmpty, let last = nodes.last, last.kind == .text, last.flags.isEmpty {
            nodes[nodes.count - 1].text += s
        } else {
            nodes.append(Node(kind: .text, text: s, flags: flags))
        }
    }

    private mutating func escape() {
        let next = pos + 1 < chars.count ? chars[pos + 1] : nil
        if let next, next.isASCII, next.isPunctuation || next.isSymbol {
            appendText(String(next))
            pos += 2
        } else if next == "\n" {
            pos += 1
        } else {
            appendText("\\")
            pos += 1
        }
    }

    private mutating func lineBreak() {
        // Trailing spaces before a break (a markdown hard break) are not shown.
        if let last = nodes.last, last.kind == .text, last.flags.isEmpty {
            var t = last.text
            while t.hasSuffix(" ") { t.removeLast() }
            nodes[nodes.count - 1].text = t
        }
        nodes.append(Node(kind: .lineBreak, text: ""))
        pos += 1
        while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" { pos += 1 }
    }

    private func runLength(of c: Character, from i: Int) -> Int {
        var j = i
        while j < chars.count, chars[j] == c { j += 1 }
        return j - i
    }

    private mutating func codeSpan() {
        let n = runLength(of: "`", from: pos)
        var j = pos + n
        while j < chars.count {
            if chars[j] == "`" {
                let m = runLength(of: "`", from: j)
                if m == n {
                    var content = String(chars[(pos + n)..<j].map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
                    if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    nodes.append(Node(kind: .text, text: content, flags: .code))
                    pos = j + n
                    return
                }
                j += m
            } else {
                j += 1
            }
        }
        appendText(String(repeating: "`", count: n))
        pos += n
    }

    private static func isPunctuation(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }

    private mutating func delimiterRun(_ c: Character) {
        let start = pos
        let n = runLength(of: c, from: pos)
        pos += n
        if c == "~" && n != 2 {
            appendText(String(repeating: "~", count: n))
            return
        }
        let before: Character = start > 0 ? chars[start - 1] : " "
        let after: Character = pos < chars.count ? chars[pos] : " "
        let beforeSpace = before.isWhitespace, afterSpace = after.isWhitespace
        let beforePunct = Self.isPunctuation(before), afterPunct = Self.isPunctuation(after)
        let left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        var node = Node(kind: .delimiter, text: "", delimiter: c, count: n, remaining: n)
        if c == "_" {
            node.canOpen = left && (!right || beforePunct)
            node.canClose = right && (!left || afterPunct)
        } else {
            node.canOpen = left
            node.canClose = right
        }
        nodes.append(node)
        let index = nodes.count - 1
        if node.canClose { matchCloser(index) }
        if nodes[index].remaining > 0 && node.canOpen { stack.append(index) }
    }

    private mutating func matchCloser(_ c: Int) {
        let ch = nodes[c].delimiter
        let floor = brackets.last?.floor ?? 0
        while nodes[c].remaining > 0 {
            let bottom = max(floor, bottoms[ch] ?? 0)
            var k = stack.count - 1
            var found: Int?
            while k >= bottom {
                let o = nodes[stack[k]]
                if o.delimiter == ch, o.remaining > 0, !Self.ruleOfThree(o, nodes[c]) {
                    found = k
                    break
                }
                k -= 1
            }
            guard let k = found else {
                bottoms[ch] = stack.count
                return
            }
            let o = stack[k]
            let use = ch == "~" ? 2 : (nodes[o].remaining >= 2 && nodes[c].remaining >= 2 ? 2 : 1)
            events.append((o, c, ch == "~" ? .strike : use == 2 ? .strong : .emphasis))
            nodes[o].remaining -= use
            nodes[c].remaining -= use
            stack.removeSubrange((k + 1)...)
            if nodes[o].remaining == 0 { stack.remove(at: k) }
            lowerBottoms()
        }
    }

    /// CommonMark's "multiple of 3" rule, which keeps `*a**b*` from pairing the wrong runs.
    private static func ruleOfThree(_ o: Node, _ c: Node) -> Bool {
        (o.canClose || c.canOpen) && (o.count + c.count) % 3 == 0 && !(o.count % 3 == 0 && c.count % 3 == 0)
    }

    private mutating func lowerBottoms() {
        for (key, value) in bottoms where value > stack.count { bottoms[key] = stack.count }
    }

    private mutating func closeBracket() {
        pos += 1
        guard let bracket = brackets.popLast() else {
            appendText("]")
            return
        }
        guard let (url, end) = linkDestination(at: pos) else {
            appendText("]")
            return
        }
        pos = end
        if stack.count > bracket.floor { stack.removeSubrange(bracket.floor...) }
        lowerBottoms()
        let label = nodes[(bracket.node + 1)...].filter { $0.kind == .text }.map(\.text).joined()
        nodes[bracket.node].text = bracket.image ? "image: " : ""
        nodes[bracket.node].flags = bracket.image ? .muted : []
        nodes.append(Node(kind: .bracket, text: ""))
        events.append((bracket.node, nodes.count - 1, .link))
        if !url.isEmpty, url != label, "mailto:" + label != url {
            nodes.append(Node(kind: .text, text: " (\(url))", flags: .muted))
        }
    }
}
