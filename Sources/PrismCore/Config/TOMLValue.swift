import Foundation

/// One value read from a TOML file: a string, number, boolean, array or table.
///
/// Kept as a plain enum so config code can switch over it and report a precise
/// "must be an integer" error instead of a generic decoding failure.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table([String: TOMLValue])

    /// The string, or nil for any other kind.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, or nil for any other kind.
    public var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`; integers convert, since `temperature = 1` should mean 1.0.
    public var double: Double? {
        switch self {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The boolean, or nil for any other kind.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, or nil for any other kind.
    public var array: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The key/value pairs, or nil for any other kind.
    public var table: [String: TOMLValue]? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The elements when every one is a string, else nil.
    public var stringArray: [String]? {
        guard let array else { return nil }
        let strings = array.compactMap(\.string)
        return strings.count == array.count ? strings : nil
    }

    /// Looks a key up when this value is a table, so lookups chain: `doc["provider"]?["sort"]`.
    public subscript(key: String) -> TOMLValue? {
        table?[key]
    }

    /// The kind in words, for error messages ("must be an integer, not a string").
    public var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}
