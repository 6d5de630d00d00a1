import Foundation
import Logging
import MCP
import PrismCore

/// The tool host over the MCP servers in config: started lazily, watched, restarted on demand.
///
/// One entry per configured server. A server starts at the first `start` or `call`; a
/// second caller while it starts waits for the same start. A stdio server that exits is
/// marked `.failed("exited with status 1: <its last stderr line>")` at once (its calls in
/// flight fail with that reason) and starts again at the next `start`, `call` or `restart`.
/// A call that is cancelled or times out is cancelled at the server too; if the server then
/// does not answer a ping, it is restarted before its next use.
///
/// The servers' secrets (`MCPSecrets`: tokens in `env`, credentials in `headers`) are known
/// from the start: they are registered with the log's redactor, and every text a server
/// gives back (stderr lines, tool output, descriptions, error messages) is redacted before
/// it leaves the host, since a server that prints its own token is common.
public actor MCPToolHost: ToolHost {
    private struct Entry {
        var config: MCPServerConfig
        var status: ToolServerStatus = .idle
        var tools: [ToolSpec] = []
        var connection: MCPConnection?
        /// Bumped at each start and stop, so news from an older process is ignored.
        var generation = 0
        var starting: Task<Void, Never>?
        /// Checking, after an abandoned call, whether the server still answers.
        var check: Task<Void, Never>?
        var stale = false
    }

    private var entries: [String: Entry] = [:]
    private let order: [String]
    private let environment: [String: String]
    private let logger: Logger
    private let redactor: Redactor

    public init(config: MCPConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger = Logger(label: "prism.mcp")) {
        for server in config.servers { entries[server.name] = Entry(config: server) }
        order = config.servers.map(\.name)
        self.environment = environment
        self.logger = logger
        let secrets = config.servers.flatMap { MCPSecrets.values(for: $0, environment: environment) }
        for secret in secrets { PrismLogging.addSecret(secret) }
        redactor = Redactor(secrets: secrets)
    }

    public func servers() -> [ToolServerInfo] {
        order.compactMap(info)
    }

    public func start(server: String) async -> ToolServerInfo {
        guard entries[server] != nil else { return Self.unknown(server) }
        await ensureStarted(server)
        return info(server) ?? Self.unknown(server)
    }

    public func restart(server: String) async -> ToolServerInfo {
        guard entries[server] != nil else { return Self.unknown(server) }
        await stop(server, status: .idle)
        return await start(server: server)
    }

    public func call(server: String, tool: String, arguments: String) async throws -> ToolOutput {
        guard entries[server] != nil else { throw ToolHostError("no tool server named \(server) is configured") }
        let parsed = try ToolContent.arguments(arguments)
        await ensureStarted(server)
        guard let entry = entries[server], let connection = entry.connection, entry.status == .running else {
            throw ToolHostError("tool server \(server) is not running: \(Self.reason(entries[server]?.status))")
        }
        do {
            var output = try await connection.call(tool: tool, arguments: parsed, timeout: entry.config.timeout)
            output.text = redactor.redact(output.text)
            return output
        } catch {
            if error is CancellationError || error is Deadline.TimedOut { checkAfterAbandon(server, generation: entry.generation) }
            if error is CancellationError { throw error }
            if let reason = await connection.exitReason() {
                if entries[server]?.generation == entry.generation, entries[server]?.status == .running {
                    entries[server]?.status = .failed(reason)
                    entries[server]?.connection = nil
                    await connection.close()
                }
                throw ToolHostError("tool server \(server) \(reason)")
            }
            throw ToolHostError("\(server): \(describe(error))")
        }
    }

    public func stopAll() async {
        let names = order.filter { entries[$0]?.connection != nil || entries[$0]?.starting != nil }
        await withTaskGroup(of: Void.self) { group in
            for name in names { group.addTask { await self.stop(name, status: .stopped) } }
        }
    }

    // MARK: - Life of one server

    private func ensureStarted(_ name: String) async {
        if let check = entries[name]?.check { await check.value }
        if entries[name]?.stale == true {
            logger.notice("restarting: it did not answer after a cancelled call", metadata: ["server": "\(name)"])
            await stop(name, status: .idle)
        }
        if let starting = entries[name]?.starting {
            await starting.value
            return
        }
        guard let entry = entries[name], entry.status != .running else { return }
        let task = Task { await self.launch(name) }
        entries[name]?.starting = task
        await task.value
    }

    private func launch(_ name: String) async {
        guard var entry = entries[name] else { return }
        entry.generation += 1
        entry.status = .starting
        entry.stale = false
        let generation = entry.generation
        entries[name] = entry
        logger.info("starting \(entry.config.endpoint)", metadata: ["server": "\(name)"])
        do {
            let (connection, tools) = try await MCPConnection.open(
                entry.config, environment: environment, logger: logger, redactor: redactor,
                onExit: { [weak self] _ in Task { await self?.exited(name, generation: generation) } })
            guard entries[name]?.generation == generation, entries[name]?.status == .starting else {
                await connection.close()
                return
            }
            entries[name]?.connection = connection
            entries[name]?.tools = tools.map { tool in
                var tool = tool
                tool.description = redactor.redact(tool.description)
                return tool
            }
            entries[name]?.status = .running
            logger.info("running, \(tools.count) tools", metadata: ["server": "\(name)"])
        } catch {
            if entries[name]?.generation == generation, entries[name]?.status == .starting {
                entries[name]?.status = .failed(describe(error))
            }
            logger.warning("failed to start: \(describe(error))", metadata: ["server": "\(name)"])
        }
        if entries[name]?.generation == generation { entries[name]?.starting = nil }
    }

    /// The child exited: unless it was being stopped, the server has failed, with the reason.
    private func exited(_ name: String, generation: Int) async {
        guard let connection = entries[name]?.connection, entries[name]?.generation == generation else { return }
        let reason = await connection.exitReason() ?? "exited"
        guard entries[name]?.generation == generation, entries[name]?.status == .running else { return }
        entries[name]?.status = .failed(reason)
        entries[name]?.connection = nil
        logger.warning("\(reason)", metadata: ["server": "\(name)"])
        await connection.close()
    }

    private func stop(_ name: String, status: ToolServerStatus) async {
        guard var entry = entries[name] else { return }
        entry.generation += 1
        let connection = entry.connection
        let starting = entry.starting
        entry.connection = nil
        entry.starting = nil
        entry.check = nil
        entry.stale = false
        entry.status = status
        entries[name] = entry
        await connection?.close()
        // A start in progress is abandoned (its child stopped), not waited out to its deadline.
        starting?.cancel()
        await starting?.value
    }

    /// After a cancelled or timed-out call: a server that no longer answers is restarted before its next use.
    private func checkAfterAbandon(_ name: String, generation: Int) {
        guard let connection = entries[name]?.connection else { return }
        entries[name]?.check = Task {
            let alive = await connection.answersPing(within: 2)
            self.finishCheck(name, generation: generation, alive: alive)
        }
    }

    private func finishCheck(_ name: String, generation: Int, alive: Bool) {
        guard entries[name]?.generation == generation else { return }
        entries[name]?.check = nil
        entries[name]?.stale = !alive
    }

    // MARK: - Display

    private func info(_ name: String) -> ToolServerInfo? {
        guard let entry = entries[name] else { return nil }
        return ToolServerInfo(name: name, endpoint: redactor.redact(entry.config.endpoint), status: entry.status,
                              tools: entry.tools, enabledByDefault: entry.config.enabled)
    }

    private static func unknown(_ name: String) -> ToolServerInfo {
        ToolServerInfo(name: name, endpoint: "", status: .failed("no tool server named \(name) is configured"))
    }

    private static func reason(_ status: ToolServerStatus?) -> String {
        switch status {
        case .failed(let reason)?: return reason
        case .stopped?: return "stopped"
        default: return "not started"
        }
    }

    /// `describe`, with the servers' secrets cut out (a server's error may quote its token).
    private func describe(_ error: Error) -> String {
        redactor.redact(Self.describe(error))
    }

    /// One line for an error from the SDK or the system.
    static func describe(_ error: Error) -> String {
        if let failure = error as? ToolHostError { return failure.message }
        if let timeout = error as? Deadline.TimedOut { return timeout.message }
        if let mcp = error as? MCPError { return TerminalSanitizer.metadata(mcp.errorDescription ?? "\(mcp)") }
        let system = error as NSError
        if let text = system.userInfo[NSLocalizedDescriptionKey] as? String { return TerminalSanitizer.metadata(text) }
        return TerminalSanitizer.metadata("\(error)")
    }
}
