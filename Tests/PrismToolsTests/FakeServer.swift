import Foundation
import Logging
import PrismCore
@testable import PrismTools

/// The fixture server and helpers the host tests share.
enum FakeServer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fake_server.py").path

    static func config(_ name: String = "fake", timeout: Double = 20, env: [String: String] = [:]) -> MCPServerConfig {
        MCPServerConfig(name: name, transport: .stdio(command: "python3", args: [script], env: env, cwd: nil), timeout: timeout)
    }

    static func host(_ servers: [MCPServerConfig], environment: [String: String] = ProcessInfo.processInfo.environment,
                     logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) -> MCPToolHost {
        MCPToolHost(config: MCPConfig(servers: servers), environment: environment, logger: logger)
    }

    /// Whether `pid` is gone: no such process, or a zombie nobody reaped yet.
    static func isGone(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    /// Waits up to `seconds` for `pid` to be gone.
    static func waitGone(_ pid: Int32, seconds: Double = 5) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if isGone(pid) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return isGone(pid)
    }
}

/// Keeps every log line, for checking where a server's stderr went.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(log: self) }
    }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let server = event.metadata?["server"].map { "[\($0)] " } ?? ""
            log.append("\(server)\(event.message)")
        }
    }
}
