import Foundation

/// A tiny ordered JSON value used to build OpenRouter-shaped bodies.
///
/// Why not `JSONSerialization`: key order should look like OpenRouter's (readable
/// fixtures), and `cost` must be placed as a raw decimal literal (`0.000093`) exactly
/// as given, which a `Double` round trip would not guarantee.
indirect enum StubJSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Text placed into the output verbatim (a number literal such as `"0.00012"`).
    case raw(String)
    case array([StubJSON])
    case object([(String, StubJSON)])

    /// A string, or `null` when nil.
    static func optional(_ value: String?) -> StubJSON {
        value.map(StubJSON.string) ?? .null
    }

    /// Compact serialization (no whitespace), like OpenRouter's SSE payloads.
    var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += String(value)
        case .string(let value): StubJSON.writeString(value, to: &out)
        case .raw(let text): out += text
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                StubJSON.writeString(pair.0, to: &out)
                out += ":"
                pair.1.write(to: &out)
            }
            out += "}"
        }
    }

    /// Escapes per RFC 8259: quotes, backslashes and control characters; the rest stays raw UTF-8.
    static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// A JSON string literal for `value`, quotes included.
    static func quoted(_ value: String) -> String {
        var out = ""
        writeString(value, to: &out)
        return out
    }
}
