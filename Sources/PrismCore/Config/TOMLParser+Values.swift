import Foundation

/// Value reading for `TOMLParser`: strings, numbers, booleans, arrays and inline tables.
///
/// Split from the statement-level code to keep each file readable. Error messages
/// describe the problem without echoing the text, which may be an API key.
extension TOMLParser {
    mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let c = peek() else { throw error("expected a value after '='") }
        switch c {
        case "\"":
            return .string(looking(at: "\"\"\"") ? try parseMultilineString(quote: "\"") : try parseBasicString())
        case "'":
            return .string(looking(at: "'''") ? try parseMultilineString(quote: "'") : try parseLiteralString())
        case "[": return try parseArray()
        case "{": return try parseInlineTable()
        case "t" where looking(at: "true") && !continuesWord(after: 4):
            advance(4)
            return .bool(true)
        case "f" where looking(at: "false") && !continuesWord(after: 5):
            advance(5)
            return .bool(false)
        case "0"..."9", "+", "-", "i", "n":
            return try parseNumber()
        case "\n", "\r", "#":
            throw error("expected a value after '='")
        default:
            throw error("expected a value (strings must be quoted)")
        }
    }

    private func continuesWord(after length: Int) -> Bool {
        guard let next = peek(length) else { return false }
        return Self.isBareKeyChar(next)
    }

    // MARK: Strings

    /// Reads `"..."` with escapes; a line break before the closing quote is an error.
    mutating func parseBasicString() throws(TOMLError) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let c = peek(), c != "\n", c != "\r" else { throw error("unterminated string") }
            switch c {
            case "\"":
                advance()
                return String(result)
            case "\\":
                result.append(try parseEscape())
            default:
                result.append(c)
                advance()
            }
        }
    }

    /// Reads `'...'`, taken exactly as written.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let c = peek(), c != "\n", c != "\r" else { throw error("unterminated string") }
            advance()
            if c == "'" { return String(result) }
            result.append(c)
        }
    }

    /// Reads `"""..."""` (with escapes) or `'''...'''` (without).
    ///
    /// A line break right after the opening quotes is dropped, and in the basic form a
    /// backslash at the end of a line joins it with the next non-blank text.
    mutating func parseMultilineString(quote: Unicode.Scalar) throws(TOMLError) -> String {
        let startLine = line
        advance(3)
        if peek() == "\n" { advance() } else if peek() == "\r", peek(1) == "\n" { advance(2) }
        var result = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw error("unterminated multi-line string (opened on line \(startLine))", line: startLine)
            }
            if c == quote {
                var run = 0
                while peek(run) == quote { run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw error("too many quotes at end of multi-line string") }
                    for _ in 0..<(run - 3) { result.append(quote) }
                    advance(run)
                    return String(result)
                }
                for _ in 0..<run { result.append(quote) }
                advance(run)
            } else if c == "\\" && quote == "\"" {
                if isLineEndingBackslash() {
                    advance()
                    while let next = peek(), next == " " || next == "\t" || next == "\n" || next == "\r" { advance() }
                } else {
                    result.append(try parseEscape())
                }
            } else if c == "\r" && peek(1) == "\n" {
                result.append("\n")
                advance(2)
            } else {
                result.append(c)
                advance()
            }
        }
    }

    private func isLineEndingBackslash() -> Bool {
        var offset = 1
        while let c = peek(offset), c == " " || c == "\t" { offset += 1 }
        return peek(offset) == "\n" || (peek(offset) == "\r" && peek(offset + 1) == "\n")
    }

    /// Reads one escape sequence starting at the backslash.
    private mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        advance()
        guard let c = peek() else { throw error("unterminated string") }
        advance()
        switch c {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "u": return try parseUnicodeEscape(digits: 4)
        case "U": return try parseUnicodeEscape(digits: 8)
        default:
            let shown = c.properties.isAlphabetic || c.properties.isASCIIHexDigit ? "'\\\(c)'" : "after '\\'"
            throw error("invalid escape sequence \(shown)")
        }
    }

    private mutating func parseUnicodeEscape(digits: Int) throws(TOMLError) -> Unicode.Scalar {
        var hex = ""
        for _ in 0..<digits {
            guard let c = peek(), c.properties.isASCIIHexDigit else {
                throw error("\\\(digits == 4 ? "u" : "U") needs \(digits) hexadecimal digits")
            }
            hex.unicodeScalars.append(c)
            advance()
        }
        guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
            throw error("invalid unicode escape (not a Unicode scalar value)")
        }
        return scalar
    }

    // MARK: Numbers

    /// Reads an integer (decimal, or 0x/0o/0b) or a float, with `_` between digits allowed.
    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        var token = ""
        while let c = peek(), !" \t\r\n,]}#".unicodeScalars.contains(c) {
            token.unicodeScalars.append(c)
            advance()
        }
        let scalars = Array(token.unicodeScalars)
        if token.contains(":") || (scalars.count >= 5 && scalars[0..<4].allSatisfy({ ("0"..."9").contains($0) }) && scalars[4] == "-") {
            throw error("dates and times are not supported")
        }
        let unsigned = token.hasPrefix("+") || token.hasPrefix("-") ? String(token.dropFirst()) : token
        switch unsigned {
        case "inf": return .float(token.hasPrefix("-") ? -.infinity : .infinity)
        case "nan": return .float(.nan)
        default: break
        }
        for (index, c) in scalars.enumerated() where c == "_" {
            let before = index > 0 ? scalars[index - 1] : " "
            let after = index + 1 < scalars.count ? scalars[index + 1] : " "
            guard before.properties.isASCIIHexDigit, after.properties.isASCIIHexDigit else {
                throw error("'_' in a number must sit between digits")
            }
        }
        let digits = token.replacingOccurrences(of: "_", with: "")
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            guard let value = Int(digits.dropFirst(2), radix: radix), !digits.dropFirst(2).hasPrefix("-"),
                  !digits.dropFirst(2).hasPrefix("+") else {
                throw error("invalid number")
            }
            return .integer(value)
        }
        let body = digits.hasPrefix("+") || digits.hasPrefix("-") ? String(digits.dropFirst()) : digits
        if body.count > 1 && body.hasPrefix("0") && !body.hasPrefix("0.") && !body.hasPrefix("0e") && !body.hasPrefix("0E") {
            throw error("leading zeros are not allowed in numbers")
        }
        if body.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .float(try parseFloat(body: body, full: digits))
        }
        guard !body.isEmpty, body.allSatisfy(\.isASCIIDigitCharacter) else { throw error("invalid number") }
        guard let value = Int(digits) else { throw error("integer out of range") }
        return .integer(value)
    }

    private func parseFloat(body: String, full: String) throws(TOMLError) -> Double {
        let scalars = Array(body.unicodeScalars)
        for (index, c) in scalars.enumerated() where c == "." {
            let before = index > 0 ? scalars[index - 1] : " "
            let after = index + 1 < scalars.count ? scalars[index + 1] : " "
            guard ("0"..."9").contains(before), ("0"..."9").contains(after) else {
                throw error("a decimal point needs digits on both sides")
            }
        }
        let allowed = Set("0123456789.eE+-".unicodeScalars)
        guard scalars.allSatisfy(allowed.contains), let value = Double(full), value.isFinite else {
            throw error("invalid number")
        }
        return value
    }

    // MARK: Arrays and inline tables

    /// Reads `[a, b, c]`, which may span lines, hold comments and end with a comma.
    mutating func parseArray() throws(TOMLError) -> TOMLValue {
        let startLine = line
        advance()
        var items: [TOMLValue] = []
        while true {
            skipBlankLines()
            guard let c = peek() else { throw error("unterminated array (opened on line \(startLine))", line: startLine) }
            if c == "]" {
                advance()
                return .array(items)
            }
            items.append(try parseValue())
            skipBlankLines()
            switch peek() {
            case ",": advance()
            case "]":
                advance()
                return .array(items)
            case nil: throw error("unterminated array (opened on line \(startLine))", line: startLine)
            default: throw error("expected ',' or ']' in array")
            }
        }
    }

    /// Reads `{ a = 1, b.c = "x" }` on a single line.
    mutating func parseInlineTable() throws(TOMLError) -> TOMLValue {
        advance()
        var table: [String: TOMLValue] = [:]
        skipWhitespace()
        if peek() == "}" {
            advance()
            return .table(table)
        }
        while true {
            let key = try parseKey(expecting: "expected a key in inline table")
            skipWhitespace()
            guard peek() == "=" else { throw error("expected '=' after key") }
            advance()
            skipWhitespace()
            let value = try parseValue()
            if let message = Self.place(value, at: key[...], in: &table, walked: []) { throw error(message) }
            skipWhitespace()
            switch peek() {
            case ",":
                advance()
                skipWhitespace()
                if peek() == "}" {
                    advance()
                    return .table(table)
                }
            case "}":
                advance()
                return .table(table)
            case "\n", "\r", nil: throw error("an inline table must close with '}' on the same line")
            default: throw error("expected ',' or '}' in inline table")
            }
        }
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
