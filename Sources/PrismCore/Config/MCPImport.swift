import Foundation

/// Turns the `mcpServers` JSON other MCP clients use (Claude Desktop, Cursor, …) into
/// `[mcp.servers.NAME]` tables for config.toml.
///
/// Each entry is `{"command", "args", "env", "cwd"}` or `{"url", "headers"}` (with an
/// optional `type`); VS Code's `{"servers": …}` is read too. Names Prism already has are
/// skipped, never replaced; an entry Prism cannot use is skipped with the reason.
public enum MCPImport {
    public struct Plan: Sendable, Equatable {
        /// The TOML to append, one table per imported server ("" when none).
        public var toml: String
        /// `toml` with secret `env` and `headers` values as `MCPSecrets.mask`: what `--dry-run` prints.
        public var preview: String
        /// Imported servers, by their name in config.toml.
        public var added: [String]
        /// One line per entry left out, saying why.
        public var notes: [String]
    }

    /// The plan for `json`, given the server names config.toml already has.
    public static func plan(json: Data, existing: Set<String>) throws(ConfigError) -> Plan {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw ConfigError.invalidValue("not a JSON object: expected {\"mcpServers\": {...}}")
        }
        guard let servers = (root["mcpServers"] ?? root["servers"]) as? [String: Any] else {
            throw ConfigError.invalidValue("no \"mcpServers\" object in the file")
        }
        var plan = Plan(toml: "", preview: "", added: [], notes: [])
        var taken = existing
        for original in servers.keys.sorted() {
            let shown = TerminalSanitizer.metadata(original)
            let name = cleanName(original)
            guard !taken.contains(name) else {
                plan.notes.append("skipped \(name): config.toml already has a server of that name")
                continue
            }
            guard let entry = servers[original] as? [String: Any] else {
                plan.notes.append("skipped \(shown): not a JSON object")
                continue
            }
            switch table(name: name, entry, masked: false) {
            case .success(let text):
                plan.toml += (plan.toml.isEmpty ? "" : "\n") + text
                if case .success(let shown) = table(name: name, entry, masked: true) {
                    plan.preview += (plan.preview.isEmpty ? "" : "\n") + shown
                }
                plan.added.append(name)
                taken.insert(name)
                if name != original { plan.notes.append("imported \(shown) as \(name)") }
            case .failure(let reason):
                plan.notes.append("skipped \(shown): \(reason.message)")
            }
        }
        return plan
    }

    private struct Reason: Error { var message: String }

    private static func table(name: String, _ entry: [String: Any], masked: Bool) -> Result<String, Reason> {
        var lines = ["[mcp.servers.\(name)]"]
        let type = (entry["type"] as? String)?.lowercased()
        if type == "sse" {
            return .failure(Reason(message: "uses the older SSE transport, which Prism does not speak"))
        }
        if let command = entry["command"] as? String, !command.isEmpty {
            lines.append("command = \(quote(command))")
            if let args = entry["args"] {
                guard let strings = args as? [String] else { return .failure(Reason(message: "\"args\" is not a list of strings")) }
                if !strings.isEmpty { lines.append("args = [\(strings.map(quote).joined(separator: ", "))]") }
            }
            switch stringTable(entry["env"], key: "env", validName: ServerProfile.isValidVariable,
                              hide: { masked && MCPSecrets.hides($1, secret: MCPSecrets.isSecret(env: $0)) }) {
            case .failure(let reason): return .failure(reason)
            case .success(let env): if !env.isEmpty { lines.append("env = \(env)") }
            }
            if let cwd = entry["cwd"] as? String, !cwd.isEmpty { lines.append("cwd = \(quote(cwd))") }
        } else if let url = (entry["url"] ?? entry["serverUrl"]) as? String {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
                return .failure(Reason(message: "\"url\" is not an http:// or https:// URL"))
            }
            lines.append("url = \(quote(masked ? parsed.displayString : url))")
            switch stringTable(entry["headers"], key: "headers", validName: ServerProfile.isValidHeaderName,
                              hide: { masked && MCPSecrets.hides($1, secret: MCPSecrets.isSecret(header: $0, value: $1)) }) {
            case .failure(let reason): return .failure(reason)
            case .success(let headers): if !headers.isEmpty { lines.append("headers = \(headers)") }
            }
        } else {
            return .failure(Reason(message: "has neither a \"command\" nor a \"url\""))
        }
        if entry["disabled"] as? Bool == true { lines.append("enabled = false") }
        return .success(lines.joined(separator: "\n") + "\n")
    }

    /// An inline TOML table of strings, `{ A = "1", "b c" = "2" }`; "" when absent or empty.
    /// Values `hide` picks (by name and value) are written as `MCPSecrets.mask`.
    private static func stringTable(_ value: Any?, key: String, validName: (String) -> Bool,
                                    hide: (String, String) -> Bool) -> Result<String, Reason> {
        guard let value else { return .success("") }
        guard let object = value as? [String: Any] else { return .failure(Reason(message: "\"\(key)\" is not an object")) }
        var pairs: [String] = []
        for name in object.keys.sorted() {
            guard let string = object[name] as? String else {
                return .failure(Reason(message: "\"\(key)\" holds a value that is not a string"))
            }
            guard validName(name) else {
                return .failure(Reason(message: "\"\(key)\" has a name Prism cannot pass on: \(TerminalSanitizer.metadata(name))"))
            }
            if key == "headers", !ServerProfile.isValidHeaderValue(string) {
                return .failure(Reason(message: "\"headers\" has a value with a line break or control character"))
            }
            pairs.append("\(bareOrQuoted(name)) = \(quote(hide(name, string) ? MCPSecrets.mask : string))")
        }
        return .success(pairs.isEmpty ? "" : "{ " + pairs.joined(separator: ", ") + " }")
    }

    /// A server name config.toml accepts: letters, digits, `-` and `_`, anything else as `-`.
    static func cleanName(_ name: String) -> String {
        let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            scalar.isASCII && TOMLParser.isBareKeyChar(scalar) ? scalar : "-"
        }))
        return cleaned.isEmpty ? "server" : cleaned
    }

    static func bareOrQuoted(_ key: String) -> String {
        ServerProfile.isValidName(key) ? key : quote(key)
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
