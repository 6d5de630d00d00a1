import ArgumentParser
import Foundation
import PrismCore

/// `prism mcp list`: every configured server with its endpoint and state.
struct MCPListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the configured MCP servers with their endpoint and state.",
        discussion: "Servers start only when needed; --start starts each one and lists its tools, then stops it."
    )

    @Flag(help: "Start every server, show whether it runs and list its tools.")
    var start = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let setup = try MCPSetup()
        let host = setup.makeHost()
        var infos = await host.servers()
        if start {
            var started: [ToolServerInfo] = []
            for info in infos { started.append(await host.start(server: info.name)) }
            infos = started
            await host.stopAll()
        }
        if json {
            try MCPSetup.printJSON(infos.map { info in
                var object = MCPSetup.json(info, withTools: start)
                if let server = setup.config.mcp[info.name], let (kind, pairs) = MCPSetup.settings(server) {
                    object[kind] = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
                }
                return object
            })
            return
        }
        guard !infos.isEmpty else {
            StandardIO.out("No MCP servers configured. Add [mcp.servers.NAME] to \(setup.paths.configFile.path) or run `prism mcp import FILE`.\n")
            return
        }
        let rows = infos.map { info in
            [info.name, MCPSetup.state(info.status), start && info.tools.count > 0 ? "\(info.tools.count)" : "-",
             info.enabledByDefault ? "yes" : "no", TerminalSanitizer.metadata(info.endpoint)]
        }
        StandardIO.out(TextTable.render(header: ["SERVER", "STATE", "TOOLS", "ENABLED", "ENDPOINT"], rows: rows, rightAligned: [2]))
        // What each server is given, secret values masked (`MCPSecrets`).
        let settings = setup.servers.compactMap(MCPSetup.settingsLine)
        if !settings.isEmpty { StandardIO.out("\n" + settings.joined(separator: "\n") + "\n") }
        if start {
            let tools = infos.flatMap(\.tools).map(MCPSetup.toolLine)
            if !tools.isEmpty { StandardIO.out("\n" + TextTable.render(header: ["TOOL", "DESCRIPTION"], rows: tools)) }
        }
    }
}

/// `prism mcp tools [SERVER]`: starts the server(s) and lists their tools.
struct MCPToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Start MCP servers and list their tools.",
        discussion: "Without SERVER, every configured server. Exits 1 when a server fails to start."
    )

    @Argument(help: "A server name from [mcp.servers.NAME].")
    var server: String?

    @Flag(help: "Print JSON (each tool with its input schema).")
    var json = false

    func run() async throws {
        let setup = try MCPSetup()
        let names = try server.map { [try setup.requireServer($0).name] } ?? setup.servers.map(\.name)
        let host = setup.makeHost()
        var infos: [ToolServerInfo] = []
        for name in names { infos.append(await host.start(server: name)) }
        await host.stopAll()
        if json {
            try MCPSetup.printJSON(infos.flatMap(\.tools).map(MCPSetup.toolJSON))
        } else {
            let rows = infos.flatMap(\.tools).map(MCPSetup.toolLine)
            if !rows.isEmpty { StandardIO.out(TextTable.render(header: ["TOOL", "DESCRIPTION"], rows: rows)) }
        }
        let failed = infos.filter { if case .failed = $0.status { return true } else { return false } }
        for info in failed { StandardIO.error("prism: \(info.name): \(MCPSetup.state(info.status))") }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
