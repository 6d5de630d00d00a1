import Foundation

/// A call's JSON arguments laid out for a person (the approval prompt, exports).
public enum ToolArguments {
    /// The arguments indented with sorted keys, `"key": value`; text that is not a JSON object
    /// (a call cut short) comes back as it was, so nothing the model sent is hidden.
    public static func pretty(_ json: String) -> String {
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "{}" }
        guard let data = trimmed.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data),
              let out = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: out, encoding: .utf8) else { return trimmed }
        return tightColons(text)
    }

    /// Foundation on Linux writes `"key" : value`; the space before a colon outside strings goes.
    static func tightColons(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        var inString = false, escaped = false
        for scalar in json.unicodeScalars {
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == ":", out.last == " " {
                out.removeLast()
            }
            out.append(scalar)
        }
        return String(out)
    }
}
