import Foundation

extension PrismConfig {
    /// Reads `[servers.NAME]` tables (`base_url`, `api_key_env`, `headers`, `allow_http`).
    ///
    /// Unlike a broken model set, a broken profile is an error naming the line: it decides
    /// where keys and headers go, so guessing would be worse than stopping. Whether its
    /// base URL is usable is checked when it is selected, like any other base URL.
    static func readServers(_ reader: inout ConfigFileReader) throws(TOMLError) -> [String: ServerProfile]? {
        guard let table = try reader.table("servers") else { return nil }
        var servers: [String: ServerProfile] = [:]
        for name in table.keys.sorted() {
            guard ServerProfile.isValidName(name) else {
                throw reader.error(["servers", name], "is not a valid server name: use letters, digits, '-' and '_'")
            }
            guard try reader.table("servers", name) != nil else { continue }
            reader.warnUnknown(in: ["servers", name], known: ServerProfile.knownKeys)
            guard let baseURL = try reader.string("servers", name, "base_url") else {
                throw reader.error(["servers", name], "needs a base_url")
            }
            let variable = try reader.string("servers", name, "api_key_env")
            if let variable, !ServerProfile.isValidVariable(variable) {
                throw reader.error(["servers", name, "api_key_env"],
                                   "must name an environment variable (letters, digits and '_'), not hold the key itself")
            }
            let headers = try reader.stringTable("servers", name, "headers") ?? [:]
            for (header, value) in headers {
                guard ServerProfile.isValidHeaderName(header) else {
                    throw reader.error(["servers", name, "headers", header], "is not a valid header name")
                }
                guard ServerProfile.isValidHeaderValue(value) else {
                    throw reader.error(["servers", name, "headers", header], "must not contain line breaks or control characters")
                }
            }
            servers[name] = ServerProfile(
                name: name, baseURL: baseURL, apiKeyVariable: variable, headers: headers,
                allowHTTP: try reader.bool("servers", name, "allow_http") ?? false)
        }
        return servers
    }

    /// What secret the file holds, for the permission warning: `an API key`, a secret-looking
    /// header of a server profile, a literal secret in a tool server's `env` or `headers`, or nil.
    var secretHeld: String? {
        if apiKey != nil { return "an API key" }
        for (name, profile) in (servers ?? [:]).sorted(by: { $0.key < $1.key }) {
            for (header, value) in profile.headers.sorted(by: { $0.key < $1.key })
            where !SecretHeaders.secrets(name: header, value: value).isEmpty {
                return "a secret header (servers.\(name).headers.\(header))"
            }
        }
        for server in mcp?.servers ?? [] {
            if case .stdio(_, _, let env, _) = server.transport {
                for (name, value) in env.sorted(by: { $0.key < $1.key }) where MCPSecrets.hides(value, secret: MCPSecrets.isSecret(env: name)) {
                    return "a secret env value (mcp.servers.\(server.name).env.\(name))"
                }
            }
            guard case .http(_, let headers) = server.transport else { continue }
            for (header, value) in headers.sorted(by: { $0.key < $1.key })
            where !value.contains("${") && !SecretHeaders.secrets(name: header, value: value).isEmpty {
                return "a secret header (mcp.servers.\(server.name).headers.\(header))"
            }
        }
        return nil
    }
}
