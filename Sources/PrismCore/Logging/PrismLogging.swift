import Foundation
import Logging

/// Sets up swift-log so every `Logger` in Prism writes to the log file through one redacting writer.
///
/// `LoggingSystem.bootstrap` traps when called twice, and tests run in one process, so
/// this guards it with a lock and makes later calls harmless no-ops. Tests that need a
/// handler should use `makeHandler` instead and never touch the global system.
public enum PrismLogging {
    /// Environment variable choosing the level: trace, debug, info, notice, warning, error.
    public static let levelVariable = "PRISM_LOG"

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var writer: LogFileWriter?
    }

    private static let state = State()

    /// The level named by `PRISM_LOG`, or `.info` when unset or unrecognised.
    public static func level(from environment: [String: String]) -> Logger.Level {
        let name = environment[levelVariable]?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if name == "warn" { return .warning }
        return Logger.Level(rawValue: name) ?? .info
    }

    /// Points swift-log at `paths.logFile`; returns false if already bootstrapped.
    ///
    /// `level` nil means "read `PRISM_LOG` from `environment`". `secrets`, typically the
    /// API key, are redacted from every line; more can be added later with `addSecret`.
    /// A second call changes nothing but adds its `secrets`: the command line bootstraps
    /// before parsing (so nothing logs to stderr) and again once the key is known.
    @discardableResult
    public static func bootstrap(
        paths: PrismPaths, level: Logger.Level? = nil, secrets: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        state.lock.lock()
        defer { state.lock.unlock() }
        if let writer = state.writer {
            for secret in secrets { writer.addSecret(secret) }
            return false
        }
        let writer = LogFileWriter(url: paths.logFile, redactor: Redactor(secrets: secrets))
        let chosen = level ?? self.level(from: environment)
        state.writer = writer
        LoggingSystem.bootstrap { label in
            FileLogHandler(label: label, writer: writer, level: chosen)
        }
        return true
    }

    /// Whether `bootstrap` has already run in this process.
    public static var isBootstrapped: Bool {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.writer != nil
    }

    /// Registers a secret (e.g. a key learned after bootstrap) with the global log writer; no-op before bootstrap.
    public static func addSecret(_ secret: String) {
        state.lock.lock()
        let writer = state.writer
        state.lock.unlock()
        writer?.addSecret(secret)
    }

    /// A handler writing to `paths.logFile`, independent of the global logging system (for tests).
    public static func makeHandler(
        label: String, paths: PrismPaths, level: Logger.Level = .info, secrets: [String] = []
    ) -> FileLogHandler {
        FileLogHandler(label: label, fileURL: paths.logFile, level: level, secrets: secrets)
    }
}
