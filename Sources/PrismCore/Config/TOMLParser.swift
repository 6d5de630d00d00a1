import Foundation

/// Reads the TOML subset Prism documents in `docs/config.md` into nested tables.
///
/// Hand-written so PrismCore needs no extra dependency. It walks Unicode scalars
/// (not `Character`s, which would merge "\r\n" into one) and counts lines as it goes,
/// so every error can name the line it happened on.
struct TOMLParser {
    let fileName: String
    let chars: [Unicode.Scalar]
    var pos = 0
    var line = 1
    var root: [String: TOMLValue] = [:]
    /// Line on which each key (by full path) or table header was defined.
    var keyLines: [[String]: Int] = [:]
    private var currentTable: [String] = []
    private var explicitTables: Set<[String]> = []
    /// Tables written inline (`{ ... }`), which TOML says cannot be extended later.
    private var sealedTables: Set<[String]> = []

    init(text: String, fileName: String) {
        self.fileName = fileName
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.chars = scalars
    }

    /// Parses the whole text into `root` and `keyLines`.
    mutating func parse() throws(TOMLError) {
        while true {
            skipWhitespace()
            guard let c = peek() else { return }
            switch c {
            case "#": skipComment()
            case "\n": advance()
            case "\r":
                guard peek(1) == "\n" else { throw error("unexpected carriage return") }
                advance(2)
            case "[":
                try parseHeader()
                try expectLineEnd(after: "table header")
            default:
                try parseKeyValue()
                try expectLineEnd(after: "value")
            }
        }
    }

    // MARK: Statements

    private mutating func parseHeader() throws(TOMLError) {
        let headerLine = line
        advance()
        if peek() == "[" { throw error("arrays of tables ([[...]]) are not supported") }
        skipWhitespace()
        let path = try parseKey(expecting: "expected a table name after '['")
        skipWhitespace()
        guard peek() == "]" else { throw error("expected ']' at end of table header") }
        advance()
        if explicitTables.contains(path) || sealedTables.contains(path) {
            throw error("table [\(Self.display(path))] is defined twice", line: headerLine)
        }
        try checkNotSealed(path, includingLast: false, line: headerLine)
        if let message = Self.place(nil, at: path[...], in: &root, walked: []) {
            throw error(message, line: headerLine)
        }
        explicitTables.insert(path)
        keyLines[path] = headerLine
        currentTable = path
    }

    private mutating func parseKeyValue() throws(TOMLError) {
        let keyLine = line
        let key = try parseKey(expecting: "expected a key")
        skipWhitespace()
        guard peek() == "=" else { throw error("expected '=' after key") }
        advance()
        skipWhitespace()
        let value = try parseValue()
        let full = currentTable + key
        try checkNotSealed(full, includingLast: false, line: keyLine)
        if let message = Self.place(value, at: full[...], in: &root, walked: []) {
            throw error(message, line: keyLine)
        }
        record(value, at: full, line: keyLine)
    }

    /// Remembers the line of a key and of everything inside an inline table value.
    private mutating func record(_ value: TOMLValue, at path: [String], line: Int) {
        keyLines[path] = line
        if case .table(let table) = value {
            sealedTables.insert(path)
            for (key, child) in table { record(child, at: path + [key], line: line) }
        }
    }

    private func checkNotSealed(_ path: [String], includingLast: Bool, line: Int) throws(TOMLError) {
        let limit = includingLast ? path.count : path.count - 1
        guard limit > 0 else { return }
        for length in 1...limit where sealedTables.contains(Array(path.prefix(length))) {
            throw error("cannot add to inline table '\(Self.display(Array(path.prefix(length))))'", line: line)
        }
    }

    /// Puts a value (or, for `nil`, an empty table if none exists) at a key path.
    ///
    /// Returns an error message instead of throwing so it can work on any nested dictionary.
    static func place(
        _ value: TOMLValue?, at path: ArraySlice<String>, in dict: inout [String: TOMLValue], walked: [String]
    ) -> String? {
        guard let key = path.first else { return nil }
        let keyPath = walked + [key]
        if path.count == 1 {
            switch (value, dict[key]) {
            case (let value?, nil): dict[key] = value
            case (_?, _?): return "duplicate key '\(display(keyPath))'"
            case (nil, nil): dict[key] = .table([:])
            case (nil, .table?): break
            case (nil, _?): return "key '\(display(keyPath))' is already a value, not a table"
            }
            return nil
        }
        var child: [String: TOMLValue]
        switch dict[key] {
        case nil: child = [:]
        case .table(let table)?: child = table
        case _?: return "key '\(display(keyPath))' is already a value, not a table"
        }
        dict[key] = nil
        let message = place(value, at: path.dropFirst(), in: &child, walked: keyPath)
        dict[key] = .table(child)
        return message
    }

    static func display(_ path: [String]) -> String {
        path.map { part in
            part.unicodeScalars.allSatisfy(isBareKeyChar) && !part.isEmpty ? part : "\"\(part)\""
        }.joined(separator: ".")
    }

    // MARK: Keys

    /// Reads a possibly dotted key such as `provider.sort` or `"quoted key"`.
    mutating func parseKey(expecting message: String) throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipWhitespace()
            parts.append(try parseSimpleKey(expecting: message))
            skipWhitespace()
            guard peek() == "." else { return parts }
            advance()
        }
    }

    private mutating func parseSimpleKey(expecting message: String) throws(TOMLError) -> String {
        switch peek() {
        case "\"": return try parseBasicString()
        case "'": return try parseLiteralString()
        default:
            var key = String.UnicodeScalarView()
            while let c = peek(), Self.isBareKeyChar(c) {
                key.append(c)
                advance()
            }
            guard !key.isEmpty else { throw error(message) }
            return String(key)
        }
    }

    static func isBareKeyChar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    // MARK: Low-level reading

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = pos + offset
        return index < chars.count ? chars[index] : nil
    }

    /// Whether the text at the current position starts with `literal`.
    func looking(at literal: String) -> Bool {
        var offset = 0
        for scalar in literal.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where pos < chars.count {
            if chars[pos] == "\n" { line += 1 }
            pos += 1
        }
    }

    mutating func skipWhitespace() {
        while let c = peek(), c == " " || c == "\t" { advance() }
    }

    mutating func skipComment() {
        while let c = peek(), c != "\n" { advance() }
    }

    /// Skips blanks, comments and line breaks, as allowed between array elements.
    mutating func skipBlankLines() {
        while let c = peek() {
            switch c {
            case " ", "\t", "\n": advance()
            case "\r" where peek(1) == "\n": advance(2)
            case "#": skipComment()
            default: return
            }
        }
    }

    /// After a statement only a comment and a line break (or the end of the file) may follow.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        if peek() == "#" { skipComment() }
        switch peek() {
        case nil: return
        case "\n": advance()
        case "\r" where peek(1) == "\n": advance(2)
        default: throw error("expected end of line after \(what)")
        }
    }

    func error(_ message: String, line: Int? = nil) -> TOMLError {
        TOMLError(fileName: fileName, line: line ?? self.line, message: message)
    }
}
