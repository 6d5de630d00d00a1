import PrismCore
import PrismTerminal

/// One theme file as written: its keys, palette and token definitions, not yet merged.
///
/// Parsing checks everything that can be checked within one file (unknown keys and
/// tokens, value kinds, palette colours) so most mistakes are reported with a line number
/// before `extends` is followed.
struct ThemeFile: Sendable, Equatable {
    /// The file name without `.toml`; the theme's identity.
    var name: String
    /// How messages name the file, e.g. `themes/dark.toml`.
    var fileName: String
    var displayName: String?
    var description: String?
    var extends: String?
    var extendsLine: Int?
    var palette: [String: Color] = [:]
    var tokens: [ThemeToken: ThemeTokenSpec] = [:]
    var ansiTokens: [ThemeToken: ThemeTokenSpec] = [:]

    static let topLevelKeys = ["name", "description", "extends", "palette", "tokens", "tokens_ansi"]
    static let attributeKeys: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline),
        ("reverse", .reverse), ("strikethrough", .strikethrough),
    ]

    init(parsing text: String, name: String, fileName: String) throws(ThemeError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text, fileName: fileName)
        } catch {
            throw .invalidFile(file: fileName, line: error.line, message: error.message)
        }
        self.name = name
        self.fileName = fileName
        let reader = Reader(document: document, file: fileName)
        for key in document.root.keys.sorted() where !Self.topLevelKeys.contains(key) {
            throw reader.error([key], "unknown key '\(key)'\(Self.suggestion(key, among: Self.topLevelKeys))")
        }
        displayName = try reader.string("name")
        description = try reader.string("description")
        extends = try reader.string("extends")
        extendsLine = document.line(of: ["extends"])
        palette = try Self.palette(reader)
        tokens = try Self.tokens(in: "tokens", reader)
        ansiTokens = try Self.tokens(in: "tokens_ansi", reader)
    }

    private static func palette(_ reader: Reader) throws(ThemeError) -> [String: Color] {
        var result: [String: Color] = [:]
        for (key, value) in try reader.table("palette") {
            let color: Color?
            switch value {
            case .string(let text): color = ThemeColorSyntax.literal(text)
            case .integer(let index): color = ThemeColorSyntax.indexed(index)
            default: color = nil
            }
            guard let color else {
                throw reader.error(["palette", key], "palette colour '\(key)': \(ThemeColorSyntax.expectedLiteral)")
            }
            result[key] = color
        }
        return result
    }

    private static func tokens(in table: String, _ reader: Reader) throws(ThemeError) -> [ThemeToken: ThemeTokenSpec] {
        var result: [ThemeToken: ThemeTokenSpec] = [:]
        let names = ThemeToken.allCases.map(\.rawValue)
        for (key, value) in try reader.table(table) {
            let path = [table, key]
            guard let token = ThemeToken(rawValue: key) else {
                throw reader.error(path, "unknown token '\(key)'\(suggestion(key, among: names))")
            }
            var spec = ThemeTokenSpec(file: reader.file, line: reader.document.line(of: path))
            switch value {
            case .string(let name): spec.foreground = .name(name)
            case .integer(let index): spec.foreground = .index(index)
            case .table(let fields):
                for field in fields.keys.sorted() {
                    let fieldValue = fields[field]!
                    if field == "fg" || field == "bg" {
                        let ref: ThemeTokenSpec.ColorRef
                        switch fieldValue {
                        case .string(let name): ref = .name(name)
                        case .integer(let index): ref = .index(index)
                        default: throw reader.error(path, "token '\(key)': '\(field)' must be a colour, not \(fieldValue.kindName)")
                        }
                        if field == "fg" { spec.foreground = ref } else { spec.background = ref }
                    } else if let attribute = attributeKeys.first(where: { $0.0 == field })?.1 {
                        guard let on = fieldValue.bool else {
                            throw reader.error(path, "token '\(key)': '\(field)' must be true or false, not \(fieldValue.kindName)")
                        }
                        if on { spec.attributes.insert(attribute) }
                    } else {
                        let allowed = ["fg", "bg"] + attributeKeys.map(\.0)
                        throw reader.error(path, "token '\(key)': unknown field '\(field)'\(suggestion(field, among: allowed))")
                    }
                }
            default:
                throw reader.error(path, "token '\(key)' must be a colour or an inline table, not \(value.kindName)")
            }
            result[token] = spec
        }
        return result
    }

    /// Whether a character may appear in a theme name (and so in a file name we open).
    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": return true
        default: return false
        }
    }

    /// " (did you mean 'accent'?)" when a known word is within two edits of `word`, else "".
    static func suggestion(_ word: String, among candidates: [String]) -> String {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Typed access to the document with errors that carry the file name and line.
    private struct Reader {
        let document: TOMLDocument
        let file: String

        func error(_ path: [String], _ message: String) -> ThemeError {
            .invalidFile(file: file, line: document.line(of: path) ?? document.line(of: Array(path.dropLast())), message: message)
        }

        func string(_ key: String) throws(ThemeError) -> String? {
            guard let value = document[key] else { return nil }
            guard let text = value.string else { throw error([key], "'\(key)' must be a string, not \(value.kindName)") }
            return text
        }

        func table(_ key: String) throws(ThemeError) -> [(String, TOMLValue)] {
            guard let value = document[key] else { return [] }
            guard let table = value.table else { throw error([key], "'\(key)' must be a table, not \(value.kindName)") }
            // In file order, so the first mistake reported is the first one in the file.
            let line = { (name: String) in document.line(of: [key, name]) ?? 0 }
            return table.sorted { (line($0.key), $0.key) < (line($1.key), $1.key) }.map { ($0.key, $0.value) }
        }
    }
}
