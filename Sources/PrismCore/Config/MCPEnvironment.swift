import Foundation

/// What a tool server is given from Prism's environment: its variables less the OpenRouter
/// key, plus the server's own `env` with `${VAR}` references expanded.
///
/// A tool server is someone else's program; it never needs the OpenRouter key, and a
/// server that logs its environment would leak it. So the key is removed from what the
/// child inherits and a `${OPENROUTER_API_KEY}` reference is refused outright.
public enum MCPEnvironment {
    /// Variables never passed to a tool server.
    public static let withheld: Set<String> = [ConfigLoader.apiKeyVariable]

    /// The environment for a stdio server started from a Prism whose environment is `inherited`.
    public static func build(server: String, env: [String: String], inherited: [String: String]) throws(ConfigError) -> [String: String] {
        var result = inherited.filter { !withheld.contains($0.key) }
        for (key, value) in env {
            guard !withheld.contains(key) else {
                throw ConfigError.invalidValue("mcp.servers.\(server).env.\(key): \(key) is never passed to a tool server")
            }
            result[key] = try expand(value, in: "mcp.servers.\(server).env.\(key)", from: inherited)
        }
        return result
    }

    /// Header values with `${VAR}` expanded, for an HTTP server.
    public static func headers(server: String, _ headers: [String: String], inherited: [String: String]) throws(ConfigError) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in headers {
            result[name] = try expand(value, in: "mcp.servers.\(server).headers.\(name)", from: inherited)
        }
        return result
    }

    /// `${NAME}` replaced by the variable's value; `$$` is a literal `$`. An unset variable
    /// or a withheld one is an error naming `place`.
    public static func expand(_ text: String, in place: String, from environment: [String: String]) throws(ConfigError) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                output += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                let name = String(after[after.index(after: after.startIndex)..<close])
                guard !withheld.contains(name) else {
                    throw ConfigError.invalidValue("\(place): ${\(name)} is never passed to a tool server")
                }
                guard let value = environment[name] else {
                    throw ConfigError.invalidValue("\(place): ${\(name)} is not set in the environment")
                }
                output += value
                rest = after[after.index(after: close)...]
            } else {
                output += "$"
                rest = after
            }
        }
        return output + rest
    }
}
