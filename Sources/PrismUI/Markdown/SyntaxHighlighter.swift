/// A small token-based highlighter for code blocks: keywords, strings, comments, numbers, types.
///
/// Line-oriented so a streaming code block can be highlighted line by line; the only
/// thing carried from one line to the next is `State` (inside a block comment or a
/// multi-line string). Unknown languages come out as plain code.
public struct SyntaxHighlighter: Sendable {
    /// What a line ends inside of, carried to the next line of the same block.
    public struct State: Hashable, Sendable {
        var closer: String?
        var isComment = false
        public init() {}
    }

    /// A run of code text and the theme token that colours it.
    public struct Token: Hashable, Sendable {
        public var text: String
        public var kind: ThemeToken
    }

    let language: SyntaxLanguage?

    /// A highlighter for a fence's info string (`swift`, `py`, `ts`, …).
    public init(language info: String) {
        language = SyntaxLanguage.named(info)
    }

    /// Splits one line into tokens, updating `state` for the next line.
    public func highlight(_ line: String, state: inout State) -> [Token] {
        guard let lang = language else { return line.isEmpty ? [] : [Token(text: line, kind: .code)] }
        var scanner = SyntaxScanner(chars: Array(line), lang: lang)
        switch lang.mode {
        case .diff: return scanner.diff(line)
        case .markup: scanner.markup(&state)
        case .code: scanner.code(&state)
        }
        return scanner.tokens
    }
}

/// The scanning loop behind `SyntaxHighlighter`, one line at a time.
struct SyntaxScanner {
    let chars: [Character]
    let lang: SyntaxLanguage
    var i = 0
    var tokens: [SyntaxHighlighter.Token] = []

    init(chars: [Character], lang: SyntaxLanguage) {
        self.chars = chars
        self.lang = lang
    }

    mutating func emit(_ from: Int, _ to: Int, _ kind: ThemeToken) {
        guard to > from else { return }
        let text = String(chars[from..<to])
        if let last = tokens.last, last.kind == kind {
            tokens[tokens.count - 1].text += text
        } else {
            tokens.append(.init(text: text, kind: kind))
        }
    }

    func matches(_ s: String, at j: Int) -> Bool {
        var k = j
        for c in s {
            guard k < chars.count, chars[k] == c else { return false }
            k += 1
        }
        return !s.isEmpty
    }

    /// Index just past `closer` from `j` (skipping backslash escapes in strings), or nil if the line ends first.
    func find(_ closer: String, from j: Int, escapes: Bool) -> Int? {
        var k = j
        while k < chars.count {
            if escapes, chars[k] == "\\" { k += 2; continue }
            if matches(closer, at: k) { return k + closer.count }
            k += 1
        }
        return nil
    }

    /// Continues a comment or string carried over from the previous line; true if the line is used up.
    mutating func resume(_ state: inout SyntaxHighlighter.State) -> Bool {
        guard let closer = state.closer else { return false }
        let kind: ThemeToken = state.isComment ? .codeComment : .codeString
        if let end = find(closer, from: 0, escapes: !state.isComment) {
            emit(0, end, kind)
            i = end
            state = .init()
            return false
        }
        emit(0, chars.count, kind)
        i = chars.count
        return true
    }

    static func isIdentStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
    static func isIdent(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    mutating func code(_ state: inout SyntaxHighlighter.State) {
        if resume(&state) { return }
        if lang.yamlKeys { yamlKey() }
        while i < chars.count {
            let c = chars[i]
            let atWordStart = i == 0 || chars[i - 1].isWhitespace
            if let lc = lang.lineComments.first(where: { matches($0, at: i) }), !(lc == "#" && lang.hashNeedsSpace && !atWordStart) {
                emit(i, chars.count, .codeComment)
                return
            }
            if let (open, close) = lang.blockComment, matches(open, at: i) {
                if let end = find(close, from: i + open.count, escapes: false) {
                    emit(i, end, .codeComment); i = end; continue
                }
                emit(i, chars.count, .codeComment)
                state = .init(); state.closer = close; state.isComment = true
                return
            }
            if let delim = lang.multilineStrings.first(where: { matches($0, at: i) }) {
                if let end = find(delim, from: i + delim.count, escapes: true) {
                    emit(i, end, .codeString); i = end; continue
                }
                emit(i, chars.count, .codeString)
                state = .init(); state.closer = delim
                return
            }
            if lang.quotes.contains(c) {
                let end = find(String(c), from: i + 1, escapes: c != "'" || !lang.hashNeedsSpace) ?? chars.count
                var k = end
                while k < chars.count, chars[k] == " " { k += 1 }
                let isKey = lang.stringKeys && k < chars.count && chars[k] == ":"
                emit(i, end, isKey ? .codeType : .codeString)
                i = end
                continue
            }
            if lang.charLiterals, c == "'", i + 2 < chars.count, chars[i + 2] == "'" || chars[i + 1] == "\\" {
                let end = find("'", from: i + 1, escapes: true) ?? chars.count
                emit(i, end, .codeString); i = end; continue
            }
            if lang.preprocessor, c == "#", chars[..<i].allSatisfy(\.isWhitespace) {
                var k = i + 1
                while k < chars.count, Self.isIdent(chars[k]) { k += 1 }
                emit(i, k, .codeKeyword); i = k; continue
            }
            if lang.dollarVariables, c == "$" {
                var k = i + 1
                if k < chars.count, chars[k] == "{" {
                    k = find("}", from: k, escapes: false) ?? chars.count
                } else {
                    while k < chars.count, Self.isIdent(chars[k]) || "@#?*!$".contains(chars[k]) && k == i + 1 { k += 1 }
                }
                emit(i, k, .codeType); i = k; continue
            }
            if c.isNumber, c.isASCII, i == 0 || !Self.isIdent(chars[i - 1]) {
                var k = i + 1
                while k < chars.count, Self.isIdent(chars[k]) || (chars[k] == "." && k + 1 < chars.count && chars[k + 1].isNumber) { k += 1 }
                emit(i, k, .codeNumber); i = k; continue
            }
            if Self.isIdentStart(c) || (c == "@" && i + 1 < chars.count && Self.isIdentStart(chars[i + 1])) {
                var k = i + 1
                while k < chars.count, Self.isIdent(chars[k]) { k += 1 }
                let word = String(chars[i..<k])
                let key = lang.caseInsensitive ? word.lowercased() : word
                let kind: ThemeToken
                if lang.keywords.contains(key) {
                    kind = .codeKeyword
                } else if c == "@" || (lang.capitalisedTypes && c.isUppercase) {
                    kind = .codeType
                } else {
                    kind = .code
                }
                emit(i, k, kind); i = k; continue
            }
            emit(i, i + 1, .code)
            i += 1
        }
    }

    /// A YAML `key:` (optionally after `- `) at the start of the line.
    mutating func yamlKey() {
        var k = 0
        while k < chars.count, chars[k] == " " || chars[k] == "-" { k += 1 }
        let keyStart = k
        while k < chars.count, chars[k] != ":", chars[k] != "#", chars[k] != "\"", chars[k] != "'" { k += 1 }
        guard k < chars.count, chars[k] == ":", k > keyStart, k + 1 == chars.count || chars[k + 1] == " " else { return }
        emit(0, keyStart, .code)
        emit(keyStart, k, .codeKeyword)
        i = k
    }

    /// Added lines, removed lines, hunk headers and file headers of a diff.
    mutating func diff(_ line: String) -> [SyntaxHighlighter.Token] {
        guard !line.isEmpty else { return [] }
        let kind: ThemeToken
        if line.hasPrefix("+++") || line.hasPrefix("---") || line.hasPrefix("diff ") || line.hasPrefix("index ") {
            kind = .codeComment
        } else if line.hasPrefix("@@") {
            kind = .codeType
        } else if line.hasPrefix("+") {
            kind = .success
        } else if line.hasPrefix("-") {
            kind = .error
        } else {
            kind = .code
        }
        return [.init(text: line, kind: kind)]
    }

    /// Tags, attributes, attribute values and comments of HTML or XML.
    mutating func markup(_ state: inout SyntaxHighlighter.State) {
        if resume(&state) { return }
        var inTag = false
        while i < chars.count {
            let c = chars[i]
            if matches("<!--", at: i) {
                if let end = find("-->", from: i + 4, escapes: false) { emit(i, end, .codeComment); i = end; continue }
                emit(i, chars.count, .codeComment)
                state = .init(); state.closer = "-->"; state.isComment = true
                return
            }
            if c == "<" {
                var k = i + 1
                while k < chars.count, Self.isIdent(chars[k]) || "/!?:-.".contains(chars[k]) { k += 1 }
                emit(i, k, .codeKeyword); i = k; inTag = true; continue
            }
            if inTag, c == ">" || matches("/>", at: i) {
                let end = c == ">" ? i + 1 : i + 2
                emit(i, end, .codeKeyword); i = end; inTag = false; continue
            }
            if inTag, c == "\"" || c == "'" {
                let end = find(String(c), from: i + 1, escapes: false) ?? chars.count
                emit(i, end, .codeString); i = end; continue
            }
            if inTag, Self.isIdentStart(c) {
                var k = i + 1
                while k < chars.count, Self.isIdent(chars[k]) || chars[k] == "-" || chars[k] == ":" { k += 1 }
                emit(i, k, .codeType); i = k; continue
            }
            emit(i, i + 1, .code)
            i += 1
        }
    }
}
