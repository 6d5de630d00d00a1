import Foundation

/// Typed, line-aware access to a `TOMLDocument` while it is turned into a `PrismConfig`.
///
/// Centralises the "wrong type is an error with line and key, unknown key is a warning"
/// rules so each field of the config is one short line of code.
struct ConfigFileReader {
    let document: TOMLDocument
    private(set) var warnings: [String] = []

    init(document: TOMLDocument) {
        self.document = document
    }

    /// Adds a warning for every key under `path` (the root when empty) that is not in `known`.
    mutating func warnUnknown(in path: [String], known: Set<String>) {
        guard let table = document.value(at: path)?.table else { return }
        for key in table.keys.sorted() where !known.contains(key) {
            warnings.append("\(document.fileName): unknown key '\(TOMLParser.display(path + [key]))'")
        }
    }

    /// Adds a warning about a value that is skipped rather than refused.
    mutating func warn(_ path: [String], _ message: String) {
        let line = document.line(of: path).map { " line \($0)" } ?? ""
        warnings.append("\(document.fileName)\(line): \(message)")
    }

    func error(_ path: [String], _ message: String) -> TOMLError {
        let line = document.line(of: path) ?? document.line(of: Array(path.dropLast())) ?? 0
        return TOMLError(fileName: document.fileName, line: line, message: "'\(TOMLParser.display(path))' \(message)")
    }

    private func typed<T>(_ path: [String], _ kind: String, _ convert: (TOMLValue) -> T?) throws(TOMLError) -> T? {
        guard let value = document.value(at: path) else { return nil }
        guard let converted = convert(value) else { throw error(path, "must be \(kind), not \(value.kindName)") }
        return converted
    }

    func string(_ path: String...) throws(TOMLError) -> String? {
        try typed(path, "a string", \.string)
    }

    func integer(_ path: String..., atLeast minimum: Int) throws(TOMLError) -> Int? {
        guard let value = try typed(path, "an integer", \.integer) else { return nil }
        guard value >= minimum else { throw error(path, "must be at least \(minimum)") }
        return value
    }

    func number(_ path: String..., in range: ClosedRange<Double>) throws(TOMLError) -> Double? {
        guard let value = try typed(path, "a number", \.double) else { return nil }
        guard range.contains(value) else {
            throw error(path, "must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))")
        }
        return value
    }

    func bool(_ path: String...) throws(TOMLError) -> Bool? {
        try typed(path, "true or false", \.bool)
    }

    func strings(_ path: String...) throws(TOMLError) -> [String]? {
        try typed(path, "an array of strings", \.stringArray)
    }

    /// A string that must be one of `choices`, e.g. `provider.sort`.
    func choice(_ path: String..., from choices: [String]) throws(TOMLError) -> String? {
        guard let value = try typed(path, "a string", \.string) else { return nil }
        guard choices.contains(value) else {
            throw error(path, "must be one of \(choices.joined(separator: ", "))")
        }
        return value
    }

    /// A table's keys, checking that it is a table at all. Nil when absent.
    func table(_ path: String...) throws(TOMLError) -> [String: TOMLValue]? {
        try typed(path, "a table", \.table)
    }

    /// A table whose values must all be strings, like `[keys]`.
    func stringTable(_ path: String...) throws(TOMLError) -> [String: String]? {
        guard let table = try typed(path, "a table", \.table) else { return nil }
        var result: [String: String] = [:]
        for (key, value) in table {
            guard let string = value.string else {
                throw error(path + [key], "must be a string, not \(value.kindName)")
            }
            result[key] = string
        }
        return result
    }

    /// `[keys]`: strings at the top (the prompt's bindings), and one level of tables for the
    /// other contexts (`[keys.picker]`, or dotted `picker.mark = "..."`), flattened to
    /// `context.command` names so the UI can read them all from one dictionary.
    func keyTable(_ path: String...) throws(TOMLError) -> [String: String]? {
        guard let table = try typed(path, "a table", \.table) else { return nil }
        var result: [String: String] = [:]
        for (key, value) in table {
            if let string = value.string {
                result[key] = string
            } else if let context = value.table {
                for (name, inner) in context {
                    guard let string = inner.string else {
                        throw error(path + [key, name], "must be a string, not \(inner.kindName)")
                    }
                    result[key + "." + name] = string
                }
            } else {
                throw error(path + [key], "must be a string, not \(value.kindName)")
            }
        }
        return result
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number ? String(Int(number)) : String(number)
    }
}
