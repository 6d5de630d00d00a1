import ArgumentParser
import Foundation
import Logging
import PrismCore
import PrismTools

/// `prism mcp`: the MCP tool servers in config.toml: list them, their tools, run one tool, import.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "List, check and import MCP tool servers ([mcp.servers.NAME] in config.toml).",
        discussion: "`prism mcp` alone is `prism mcp list`.",
        subcommands: [MCPListCommand.self, MCPToolsCommand.self, MCPCallCommand.self, MCPImportCommand.self],
        defaultSubcommand: MCPListCommand.self
    )
}

/// What every `prism mcp` command needs: the config's servers, logging, and a host over them.
struct MCPSetup {
    let environment: [String: String]
    let paths: PrismPaths
    let config: ResolvedConfig

    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        paths = PrismPaths(environment: environment)
        do {
            config = try ConfigLoader.resolve(environment: environment, paths: paths)
        } catch {
            throw CLIFailure.usage("\(error)")
        }
        for warning in config.warnings { StandardIO.error("prism: warning: \(warning)") }
        PrismLogging.bootstrap(paths: paths, secrets: config.secrets.map(\.value), environment: environment)
    }

    var servers: [MCPServerConfig] { config.mcp.servers }

    func makeHost() -> MCPToolHost {
        MCPToolHost(config: config.mcp, environment: environment, logger: Logger(label: "prism.mcp"))
    }

    /// The named server, or exit 2 naming the ones there are.
    func requireServer(_ name: String) throws -> MCPServerConfig {
        if let server = config.mcp[name] { return server }
        let known = servers.isEmpty ? "none is configured" : "configured: " + servers.map(\.name).joined(separator: ", ")
        throw CLIFailure.usage("no MCP server named \(TerminalSanitizer.metadata(name)) in \(paths.configFile.path) (\(known))")
    }

    /// "running", "not started", "failed: …": a server's state in words.
    static func state(_ status: ToolServerStatus) -> String {
        switch status {
        case .idle: return "not started"
        case .starting: return "starting"
        case .running: return "running"
        case .failed(let reason): return "failed: " + TerminalSanitizer.metadata(reason)
        case .stopped: return "stopped"
        }
    }

    /// The state as `--json` names it, without the reason.
    static func stateName(_ status: ToolServerStatus) -> String {
        switch status {
        case .idle: return "idle"
        case .starting: return "starting"
        case .running: return "running"
        case .failed: return "failed"
        case .stopped: return "stopped"
        }
    }

    static func json(_ info: ToolServerInfo, withTools: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "name": info.name, "endpoint": info.endpoint, "state": stateName(info.status), "enabled": info.enabledByDefault,
        ]
        if case .failed(let reason) = info.status { object["error"] = reason }
        if withTools { object["tools"] = info.tools.map(toolJSON) }
        return object
    }

    /// A server's `env` or `headers` as `MCPSecrets` shows them (secrets masked); nil when it has none.
    static func settings(_ server: MCPServerConfig) -> (kind: String, pairs: [(name: String, value: String)])? {
        switch server.transport {
        case .stdio(_, _, let env, _): return env.isEmpty ? nil : ("env", MCPSecrets.shown(env: env))
        case .http(_, let headers): return headers.isEmpty ? nil : ("headers", MCPSecrets.shown(headers: headers))
        }
    }

    /// `fake env: API_TOKEN=******** LOG=debug`, for the lines under `prism mcp list`'s table.
    static func settingsLine(_ server: MCPServerConfig) -> String? {
        guard let (kind, pairs) = settings(server) else { return nil }
        return "\(server.name) \(kind): " + pairs.map { "\(TerminalSanitizer.metadata($0.name))=\($0.value)" }.joined(separator: " ")
    }

    static func toolJSON(_ tool: ToolSpec) -> [String: Any] {
        let schema = (try? JSONEncoder().encode(tool.inputSchema)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        return ["server": tool.server, "name": tool.name, "description": tool.description, "input_schema": schema ?? [:]]
    }

    static func printJSON(_ value: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        StandardIO.out(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// A tool as one line: `server/tool  first line of its description`.
    static func toolLine(_ tool: ToolSpec) -> [String] {
        let summary = tool.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return [TerminalSanitizer.metadata("\(tool.server)/\(tool.name)"), TerminalSanitizer.metadata(summary)]
    }
}
