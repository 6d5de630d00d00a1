import Foundation
import Logging
import MCP
import PrismCore
import SystemPackage
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One running session with one server: the SDK client, and for a stdio server the child
/// process and its stderr pump. Made by `open`, ended by `close`; never reused.
final class MCPConnection: @unchecked Sendable {
    let name: String
    let client: Client
    let child: ChildProcess?
    let stderr: StderrPump?
    private let lock = NSLock()
    private var closed = false

    private init(name: String, client: Client, child: ChildProcess?, stderr: StderrPump?) {
        self.name = name
        self.client = client
        self.child = child
        self.stderr = stderr
    }

    /// Starts (or reaches) the server, runs `initialize` and `tools/list`. `onExit` gets the
    /// child's wait status when a stdio server exits, whyever it does.
    static func open(
        _ config: MCPServerConfig, environment: [String: String], logger: Logger, redactor: Redactor,
        onExit: @escaping @Sendable (Int32) -> Void
    ) async throws -> (MCPConnection, [ToolSpec]) {
        let client = Client(name: "prism", version: PrismVersion.current)
        let connection: MCPConnection
        let transport: any Transport
        switch config.transport {
        case .stdio(let command, let args, let env, let cwd):
            let childEnvironment = try MCPEnvironment.build(server: config.name, env: env, inherited: environment)
            let child = try ChildProcess.spawn(command: command, arguments: args, environment: childEnvironment,
                                               directory: cwd.map { NSString(string: $0).expandingTildeInPath })
            let pump = StderrPump(fd: child.stderrFD, server: config.name, logger: logger, redactor: redactor)
            child.onExit { status in
                // Fail whatever waits on the client now; the SDK would wait for ever.
                Task { await client.disconnect() }
                onExit(status)
            }
            transport = StdioTransport(input: FileDescriptor(rawValue: child.stdoutFD),
                                       output: FileDescriptor(rawValue: child.stdinFD), logger: logger)
            connection = MCPConnection(name: config.name, client: client, child: child, stderr: pump)
        case .http(let url, let headers):
            // Its secrets, expanded, are already in the host's redactor and the log's (`MCPSecrets`).
            let expanded = try MCPEnvironment.headers(server: config.name, headers, inherited: environment)
            transport = SSEUnpackingTransport(HTTPClientTransport(
                endpoint: url, streaming: false,
                requestModifier: { request in
                    var request = request
                    for (name, value) in expanded { request.setValue(value, forHTTPHeaderField: name) }
                    return request
                },
                logger: logger), logger: logger)
            connection = MCPConnection(name: config.name, client: client, child: nil, stderr: nil)
        }
        do {
            let tools = try await Deadline.run(
                seconds: min(config.timeout, 30),
                timeout: "did not finish starting within \(seconds(min(config.timeout, 30)))",
                abandon: { _ in await connection.close() }
            ) {
                try await client.connect(transport: transport)
                return try await connection.listTools()
            }
            return (connection, tools)
        } catch {
            let exit = await connection.exitReason()
            await connection.close()
            if let exit { throw ToolHostError(exit) }
            throw error
        }
    }

    /// Why the child exited ("exited with status 1: <last stderr line>"), once it has; nil while it runs.
    func exitReason() async -> String? {
        guard let child, let status = child.exitStatus else { return nil }
        let lastLine = await stderr?.lastLine(waiting: 0.5)
        return ChildProcess.describe(status) + (lastLine.map { ": \(TerminalSanitizer.metadata($0))" } ?? "")
    }

    private func listTools() async throws -> [ToolSpec] {
        var specs: [ToolSpec] = []
        var cursor: String?
        for _ in 0..<50 {
            let page = try await client.listTools(cursor: cursor)
            specs += page.tools.map {
                ToolSpec(server: name, name: $0.name, description: $0.description ?? "", inputSchema: ToolContent.schema($0.inputSchema))
            }
            guard let next = page.nextCursor, !next.isEmpty else { break }
            cursor = next
        }
        return specs
    }

    /// Runs `tools/call`; on timeout or cancellation the request is cancelled (the server is
    /// told, and any late answer ignored) and `CancellationError` or a timeout error thrown.
    func call(tool: String, arguments: [String: Value]?, timeout: Double) async throws -> ToolOutput {
        let context: RequestContext<CallTool.Result> = try await client.send(
            CallTool.request(.init(name: tool, arguments: arguments)))
        let client = self.client
        let result = try await Deadline.run(
            seconds: timeout, timeout: "\(tool) did not answer within \(Self.seconds(timeout))",
            abandon: { reason in
                try? await client.cancelRequest(context.requestID, reason: reason == .cancelled ? "cancelled by the user" : "timed out")
            }
        ) { try await context.value }
        return ToolContent.output(result.content, isError: result.isError)
    }

    /// Whether the server answers a ping within `seconds` (after a cancel: is it still listening?).
    func answersPing(within seconds: Double) async -> Bool {
        guard let context = try? await client.send(Ping.request()) else { return false }
        let client = self.client
        do {
            _ = try await Deadline.run(seconds: seconds, timeout: "no answer",
                                       abandon: { _ in try? await client.cancelRequest(context.requestID) }) {
                try await context.value
            }
            return true
        } catch {
            return false
        }
    }

    /// Disconnects the client (failing any request still waiting) and stops the child:
    /// EOF on stdin, then SIGTERM, then SIGKILL, and reaps it.
    func close() async {
        let first = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        child?.closeStdin()
        await client.disconnect()
        await child?.stop()
        if let child {
            // The transport's read loop stops at the child's EOF; give it a moment before the descriptor goes.
            try? await Task.sleep(for: .milliseconds(50))
            Glibc.close(child.stdoutFD)
        }
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
