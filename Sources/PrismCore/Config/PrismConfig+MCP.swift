import Foundation

extension PrismConfig {
    /// Reads `[mcp.servers.NAME]` tables: `command`, `args`, `env`, `cwd`, or `url` and
    /// `headers`; `enabled` and `timeout` for either.
    ///
    /// A broken entry is an error naming the server and the key, like a broken `[servers]`
    /// profile: a tool server runs programs on this machine, so guessing is worse than stopping.
    static func readMCP(_ reader: inout ConfigFileReader) throws(TOMLError) -> MCPConfig? {
        guard try reader.table("mcp") != nil else { return nil }
        reader.warnUnknown(in: ["mcp"], known: ["servers"])
        guard let table = try reader.table("mcp", "servers") else { return MCPConfig() }
        var servers: [MCPServerConfig] = []
        for name in table.keys.sorted() {
            guard ServerProfile.isValidName(name) else {
                throw reader.error(["mcp", "servers", name], "is not a valid server name: use letters, digits, '-' and '_'")
            }
            guard try reader.table("mcp", "servers", name) != nil else { continue }
            reader.warnUnknown(in: ["mcp", "servers", name], known: MCPConfig.serverKeys)
            servers.append(try readMCPServer(name, reader))
        }
        return MCPConfig(servers: servers)
    }

    private static func readMCPServer(_ name: String, _ reader: ConfigFileReader) throws(TOMLError) -> MCPServerConfig {
        let path = ["mcp", "servers", name]
        let command = try reader.string("mcp", "servers", name, "command")
        let url = try reader.string("mcp", "servers", name, "url")
        let transport: MCPServerConfig.Transport
        switch (command, url) {
        case (nil, nil):
            throw reader.error(path, "needs a command (a program to start) or a url (an HTTP endpoint)")
        case (.some, .some):
            throw reader.error(path + ["url"], "cannot be set together with 'command': choose one")
        case (.some(let command), nil):
            guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw reader.error(path + ["command"], "must not be empty")
            }
            for key in ["headers"] where reader.document.value(at: path + [key]) != nil {
                throw reader.error(path + [key], "is for a url server; a command server takes env")
            }
            let env = try reader.stringTable("mcp", "servers", name, "env") ?? [:]
            for variable in env.keys where !ServerProfile.isValidVariable(variable) {
                throw reader.error(path + ["env", variable], "is not a valid environment variable name")
            }
            transport = .stdio(command: command, args: try reader.strings("mcp", "servers", name, "args") ?? [],
                               env: env, cwd: try reader.string("mcp", "servers", name, "cwd"))
        case (nil, .some(let text)):
            guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                  parsed.host?.isEmpty == false else {
                throw reader.error(path + ["url"], "must be an http:// or https:// URL with a host")
            }
            for key in ["args", "env", "cwd"] where reader.document.value(at: path + [key]) != nil {
                throw reader.error(path + [key], "is for a command server; a url server takes headers")
            }
            let headers = try reader.stringTable("mcp", "servers", name, "headers") ?? [:]
            for (header, value) in headers {
                guard ServerProfile.isValidHeaderName(header) else {
                    throw reader.error(path + ["headers", header], "is not a valid header name")
                }
                guard ServerProfile.isValidHeaderValue(value) else {
                    throw reader.error(path + ["headers", header], "must not contain line breaks or control characters")
                }
            }
            transport = .http(url: parsed, headers: headers)
        }
        return MCPServerConfig(
            name: name, transport: transport,
            enabled: try reader.bool("mcp", "servers", name, "enabled") ?? true,
            timeout: try reader.number("mcp", "servers", name, "timeout", in: 1...86_400) ?? MCPServerConfig.defaultTimeout)
    }
}
