import Foundation

extension ToolCall {
    /// `get_weather({"city":"Paris"})`: the call as one clean line, its JSON without layout.
    ///
    /// Arguments longer than `limit` characters end in `…`; nil keeps them whole (exports).
    public func summary(limit: Int? = 240) -> String {
        let name = TerminalSanitizer.metadata(name ?? "?")
        var arguments = TerminalSanitizer.metadata(Self.compact(arguments))
        if let limit, arguments.count > limit { arguments = String(arguments.prefix(max(0, limit - 1))) + "…" }
        return "\(name)(\(arguments))"
    }

    /// JSON text without the whitespace between tokens (strings are kept as they are).
    ///
    /// A scan rather than a parse and re-encode: keys keep their order, and arguments
    /// that are not valid JSON (a reply cut short) are still shown, only tightened.
    public static func compact(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        var inString = false
        var escaped = false
        for scalar in json.unicodeScalars {
            if inString {
                out.append(scalar)
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
                out.append(scalar)
            } else if !(scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t") {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
