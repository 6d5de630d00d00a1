import Foundation
import PrismCore

/// A tool host for tests: scripted servers and tools, results or failures per tool, a tool
/// that hangs until cancelled, and a record of every call and cancellation.
final class FakeToolHost: ToolHost, @unchecked Sendable {
    private let lock = NSLock()
    private var infos: [ToolServerInfo]
    private var results: [String: Result<ToolOutput, ToolHostError>] = [:]
    private var hanging: Set<String> = []
    private(set) var calls: [(server: String, tool: String, arguments: String)] = []
    private(set) var cancelled: [String] = []
    private(set) var started: [String] = []
    private(set) var stoppedAll = false

    /// Two servers: `time` (now, zone) and `files` (read), idle until started.
    init(infos: [ToolServerInfo] = FakeToolHost.standard) {
        self.infos = infos.map { var i = $0; i.status = .idle; return i }
    }

    static let standard = [
        ToolServerInfo(name: "time", endpoint: "stdio: fake-time", status: .running, tools: [
            ToolSpec(server: "time", name: "now", description: "The time now"),
            ToolSpec(server: "time", name: "zone", description: "A time zone's offset"),
        ]),
        ToolServerInfo(name: "files", endpoint: "stdio: fake-files", status: .running, tools: [
            ToolSpec(server: "files", name: "read", description: "Reads a file"),
        ]),
    ]

    func answer(_ server: String, _ tool: String, with output: ToolOutput) { lock.withLock { results["\(server)/\(tool)"] = .success(output) } }
    func fail(_ server: String, _ tool: String, _ message: String) { lock.withLock { results["\(server)/\(tool)"] = .failure(ToolHostError(message)) } }
    func hang(_ server: String, _ tool: String) { lock.withLock { _ = hanging.insert("\(server)/\(tool)") } }

    func servers() async -> [ToolServerInfo] { lock.withLock { infos } }

    func start(server: String) async -> ToolServerInfo {
        lock.withLock {
            started.append(server)
            guard let i = infos.firstIndex(where: { $0.name == server }) else {
                return ToolServerInfo(name: server, endpoint: "", status: .failed("no such server"))
            }
            infos[i].status = .running
            return infos[i]
        }
    }

    func call(server: String, tool: String, arguments: String) async throws -> ToolOutput {
        let key = "\(server)/\(tool)"
        let (result, hangs) = lock.withLock { () -> (Result<ToolOutput, ToolHostError>?, Bool) in
            calls.append((server, tool, arguments))
            return (results[key], hanging.contains(key))
        }
        if hangs {
            do {
                while true { try await Task.sleep(nanoseconds: 10_000_000) }
            } catch {
                lock.withLock { cancelled.append(key) }
                throw CancellationError()
            }
        }
        switch result {
        case .success(let output)?: return output
        case .failure(let error)?: throw error
        case nil: return ToolOutput(text: "\(key) ran with \(arguments)")
        }
    }

    func restart(server: String) async -> ToolServerInfo { await start(server: server) }
    func stopAll() async { lock.withLock { stoppedAll = true } }
}
