import Foundation

/// How the validator names types, compares and shows values.
extension JSONSchemaValidator {
    /// `"string"` or `["string", "null"]` as names; nil when `type` is neither.
    static func typeNames(_ type: JSONValue) -> [String]? {
        switch type {
        case .string(let name): return [name]
        case .array(let names): return names.compactMap(\.string)
        default: return nil
        }
    }

    static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case ("integer", .number(let n)):
            return n.rounded() == n && n.isFinite
        default:
            return false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.rounded() == n && n.isFinite ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// JSON equality, numbers by value (1 and 1.0 are equal).
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool { a == b }

    /// A value in a message: short values as JSON, longer ones cut.
    static func brief(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        if case .number(let n) = value { text = number(n) }
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }

    /// `3` rather than `3.0` for whole numbers.
    static func number(_ n: Double) -> String {
        n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }

    /// `$.name`, or `$["odd key"]` when the key is not a plain name.
    static func child(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !key.first!.isNumber
        return plain ? "\(path).\(key)" : "\(path)[\(brief(.string(key)))]"
    }
}
