import ArgumentParser
import Foundation
import PrismCore

/// `prism mcp call SERVER TOOL [JSON]`: runs one tool and prints what it returned.
struct MCPCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Run one tool of an MCP server and print its result (to check a server works).",
        discussion: """
        Example: prism mcp call time get_current_time '{"timezone": "Europe/Paris"}'
        Exits 1 when the call fails or the tool reports an error, 2 for a bad server, tool or JSON.
        """
    )

    @Argument(help: "A server name from [mcp.servers.NAME].")
    var server: String

    @Argument(help: "The tool's name, as `prism mcp tools SERVER` lists it.")
    var tool: String

    @Argument(help: "The arguments, a JSON object (default {}).")
    var arguments: String = "{}"

    @Flag(help: "Print JSON: server, tool, is_error, text.")
    var json = false

    func run() async throws {
        let setup = try MCPSetup()
        _ = try setup.requireServer(server)
        guard (try? JSONSerialization.jsonObject(with: Data(arguments.utf8))) is [String: Any] else {
            throw CLIFailure.usage("the arguments must be a JSON object, e.g. '{\"timezone\": \"UTC\"}'")
        }
        let host = setup.makeHost()
        let info = await host.start(server: server)
        if case .failed(let reason) = info.status {
            await host.stopAll()
            throw CLIFailure.request("\(server) \(TerminalSanitizer.metadata(reason))")
        }
        guard info.tools.contains(where: { $0.name == tool }) else {
            await host.stopAll()
            let names = info.tools.map(\.name).joined(separator: ", ")
            throw CLIFailure.usage("\(server) has no tool named \(TerminalSanitizer.metadata(tool)) (it has: \(TerminalSanitizer.metadata(names)))")
        }
        let (name, toolName, text) = (server, tool, arguments)
        let call = Task { try await host.call(server: name, tool: toolName, arguments: text) }
        let watcher = SignalWatcher { call.cancel() }
        let result = await call.result
        await host.stopAll()
        watcher.stop()
        if let status = watcher.note?.status { throw ExitCode(status) }
        let output: ToolOutput
        do {
            output = try result.get()
        } catch {
            throw CLIFailure.request(TerminalSanitizer.metadata("\(error)"))
        }
        if json {
            try MCPSetup.printJSON(["server": server, "tool": tool, "is_error": output.isError, "text": output.text])
        } else {
            let text = StandardIO.stdoutIsTerminal ? TerminalSanitizer.forTerminal(output.text) : TerminalSanitizer.forExport(output.text)
            StandardIO.out(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
        }
        if output.isError {
            StandardIO.error("prism: \(server)/\(TerminalSanitizer.metadata(tool)) reported an error")
            throw ExitCode(1)
        }
    }
}
