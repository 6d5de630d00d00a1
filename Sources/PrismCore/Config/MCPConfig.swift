import Foundation

/// One MCP tool server from config.toml's `[mcp.servers.NAME]`.
///
/// A server is either a local program Prism starts and talks to over its stdin and stdout,
/// or an HTTP endpoint. Values are kept as written; `${VAR}` references in `env` and
/// `headers` are expanded when the server starts (`MCPEnvironment`), so a variable set
/// later in the shell is seen and the file never holds a token.
public struct MCPServerConfig: Sendable, Equatable {
    public enum Transport: Sendable, Equatable {
        /// `command` with `args`, extra `env` (over Prism's own, less the OpenRouter key) and `cwd`.
        case stdio(command: String, args: [String], env: [String: String], cwd: String?)
        /// An MCP endpoint over HTTP, with extra `headers`.
        case http(url: URL, headers: [String: String])
    }

    public var name: String
    public var transport: Transport
    /// Off when config says `enabled = false`; a session may still turn it on.
    public var enabled: Bool
    /// Seconds one tool call may take before it is abandoned.
    public var timeout: Double

    public static let defaultTimeout: Double = 60

    public init(name: String, transport: Transport, enabled: Bool = true, timeout: Double = MCPServerConfig.defaultTimeout) {
        self.name = name
        self.transport = transport
        self.enabled = enabled
        self.timeout = timeout
    }

    /// `stdio: uvx mcp-server-time` or `http: https://…` (without any password in the URL), for display.
    public var endpoint: String {
        switch transport {
        case .stdio(let command, let args, _, _):
            return "stdio: " + ([command] + args).map(Self.shellWord).joined(separator: " ")
        case .http(let url, _):
            return "http: " + url.displayString
        }
    }

    /// A word as a shell would need it to read it back: quoted when it holds spaces or quotes.
    static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./=:@,+%".unicodeScalars.contains($0))
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// `[mcp]`: the configured tool servers, in name order.
public struct MCPConfig: Sendable, Equatable {
    public var servers: [MCPServerConfig]

    public init(servers: [MCPServerConfig] = []) {
        self.servers = servers.sorted { $0.name < $1.name }
    }

    public var isEmpty: Bool { servers.isEmpty }

    public subscript(name: String) -> MCPServerConfig? {
        servers.first { $0.name == name }
    }

    static let serverKeys: Set<String> = ["command", "args", "env", "cwd", "url", "headers", "enabled", "timeout"]
}
