import ArgumentParser
import Foundation
import PrismCore

/// `--tool`, `--yes` and `--max-tool-rounds` for `prism ask`, and the tools they select.
struct ToolOptions: ParsableArguments {
    @Option(name: .customLong("tool"), help: ArgumentHelp(
        "Offer a tool server's tools to the model (SERVER), or one of them (SERVER/TOOL); repeatable.", valueName: "server[/tool]"))
    var selections: [String] = []

    @Flag(name: .customLong("yes"), help: "Run every tool call the model asks for without asking.")
    var yes = false

    @Option(name: .customLong("max-tool-rounds"), parsing: .unconditional,
            help: "Tool rounds a reply may take before Prism stops it (default 8).")
    var maxToolRounds: Int?

    var isEmpty: Bool { selections.isEmpty }

    func validate() throws {
        for selection in selections {
            let (server, tool) = Self.split(selection)
            if server.isEmpty || tool?.isEmpty == true {
                throw ValidationError("--tool takes SERVER or SERVER/TOOL, not '\(selection)'")
            }
        }
        if yes, selections.isEmpty { throw ValidationError("--yes approves tool calls: give the tools with --tool SERVER[/TOOL]") }
        if let maxToolRounds, maxToolRounds < 1 { throw ValidationError("--max-tool-rounds must be at least 1") }
    }

    var loopSettings: ToolLoopSettings {
        var settings = ToolLoopSettings()
        if let maxToolRounds { settings.maxRounds = maxToolRounds }
        return settings
    }

    /// `server/tool` split at the first slash; the tool is nil for a whole server.
    static func split(_ selection: String) -> (server: String, tool: String?) {
        guard let slash = selection.firstIndex(of: "/") else { return (selection, nil) }
        return (String(selection[..<slash]), String(selection[selection.index(after: slash)...]))
    }

    /// Starts the servers named and returns the tools to offer, in the order given.
    ///
    /// A server that is not configured, or a tool its server does not list, is a usage error
    /// (exit 2) naming what there is; a server that will not start fails the request (exit 1).
    func offered(host: any ToolHost) async throws -> [ToolSpec] {
        let configured = await host.servers().map(\.name)
        var started: [String: ToolServerInfo] = [:]
        var out: [ToolSpec] = []
        for selection in selections {
            let (server, tool) = Self.split(selection)
            guard configured.contains(server) else {
                let list = configured.isEmpty ? "none is configured ([mcp.servers.NAME] in config.toml)" : "configured: \(configured.joined(separator: ", "))"
                throw CLIFailure.usage("no tool server named '\(server)'; \(list)")
            }
            if started[server] == nil {
                let info = await host.start(server: server)
                if case .failed(let reason) = info.status {
                    throw CLIFailure.request("tool server '\(server)' did not start: \(reason)")
                }
                started[server] = info
            }
            let tools = started[server]?.tools ?? []
            if let tool {
                guard let spec = tools.first(where: { $0.name == tool }) else {
                    throw CLIFailure.usage("tool server '\(server)' has no tool '\(tool)'; it offers: \(tools.map(\.name).joined(separator: ", "))")
                }
                if !out.contains(spec) { out.append(spec) }
            } else {
                out += tools.filter { !out.contains($0) }
            }
        }
        return out
    }
}
