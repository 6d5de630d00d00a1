import Foundation
import Logging
import Testing
@testable import PrismCore

@Suite("Redactor")
struct LoggingRedactorTests {
    @Test func redactsRegisteredSecrets() {
        let redactor = Redactor(secrets: ["my-local-token-123", "ab"])
        #expect(redactor.redact("token my-local-token-123 sent") == "token [REDACTED] sent")
        #expect(redactor.secretCount == 1)
        #expect(redactor.redact("ab stays") == "ab stays")
    }

    @Test func redactsOpenRouterKeyShapes() {
        let redactor = Redactor()
        #expect(redactor.redact("key=sk-or-v1-abc123DEF, next") == "key=[REDACTED], next")
        #expect(redactor.redact("two sk-or-v1-a and sk-or-v1-b") == "two [REDACTED] and [REDACTED]")
        #expect(redactor.redact("prefix only sk-or-v1-") == "prefix only sk-or-v1-")
    }

    @Test func redactsBearerTokens() {
        let redactor = Redactor()
        #expect(redactor.redact("Authorization: Bearer abc.def-123/+=") == "Authorization: Bearer [REDACTED]")
        #expect(redactor.redact("authorization: bearer xyz") == "authorization: bearer [REDACTED]")
        #expect(redactor.redact("no Bearer ") == "no Bearer ")
    }

    @Test func leavesOrdinaryTextAlone() {
        #expect(Redactor(secrets: ["secret-value"]).redact("hello world") == "hello world")
    }
}

@Suite("File logging")
struct LoggingFileHandlerTests {
    private func readLog(_ xdg: TempXDG) throws -> String {
        try String(contentsOf: xdg.paths.logFile, encoding: .utf8)
    }

    @Test func writesFormattedLinesToTheStateFolder() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        var logger = Logger(label: "prism.test") { label in
            PrismLogging.makeHandler(label: label, paths: xdg.paths, level: .debug)
        }
        logger[metadataKey: "session"] = "s1"
        logger.debug("hello\nworld", metadata: ["model": "openai/gpt-4o", "note": "two words"])
        logger.trace("below the level")
        let lines = try readLog(xdg).split(separator: "\n")
        #expect(lines.count == 1)
        let line = String(lines[0])
        #expect(line.hasSuffix(
            #"debug [prism.test] hello\nworld model=openai/gpt-4o note="two words" session=s1"#))
        let timestamp = line.prefix(while: { $0 != " " })
        #expect(timestamp.count == 24)
        #expect(timestamp.hasSuffix("Z"))
        #expect(timestamp.contains("."))
    }

    @Test func createsPrivateFolderAndFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let logger = Logger(label: "t") { PrismLogging.makeHandler(label: $0, paths: xdg.paths) }
        logger.info("x")
        let fm = FileManager.default
        let dirMode = try fm.attributesOfItem(atPath: xdg.paths.state.path)[.posixPermissions] as? NSNumber
        let fileMode = try fm.attributesOfItem(atPath: xdg.paths.logFile.path)[.posixPermissions] as? NSNumber
        #expect(dirMode?.intValue == 0o700)
        #expect(fileMode?.intValue == 0o600)
    }

    @Test func appendsRatherThanOverwrites() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        Logger(label: "a") { PrismLogging.makeHandler(label: $0, paths: xdg.paths) }.info("first")
        Logger(label: "b") { PrismLogging.makeHandler(label: $0, paths: xdg.paths) }.info("second")
        let text = try readLog(xdg)
        #expect(text.contains("[a] first"))
        #expect(text.contains("[b] second"))
    }

    @Test func redactsSecretsInMessageAndMetadata() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let key = "custom-key-for-a-local-server"
        let handler = PrismLogging.makeHandler(label: "prism.http", paths: xdg.paths, secrets: [key])
        let logger = Logger(label: "prism.http") { _ in handler }
        logger.info("using \(key) and sk-or-v1-deadBEEF42", metadata: [
            "auth": "Bearer sk-or-v1-deadBEEF42", "raw": "\(key)", "other": "sk-or-v1-zzz999",
        ])
        handler.addSecret("late-secret-value")
        logger.error("late-secret-value leaked?")
        let text = try readLog(xdg)
        #expect(!text.contains(key))
        #expect(!text.contains("deadBEEF42"))
        #expect(!text.contains("zzz999"))
        #expect(!text.contains("late-secret-value"))
        #expect(text.contains("using [REDACTED] and [REDACTED]"))
        #expect(text.contains("auth=\"Bearer [REDACTED]\""))
        #expect(text.contains("other=[REDACTED] raw=[REDACTED]"))
        #expect(text.contains("error [prism.http] [REDACTED] leaked?"))
    }

    @Test func concurrentWritesKeepWholeLines() async throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let handler = PrismLogging.makeHandler(label: "c", paths: xdg.paths)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let logger = Logger(label: "c") { _ in handler }
                    for index in 0..<50 { logger.info("task \(task) line \(index)") }
                }
            }
        }
        let lines = try readLog(xdg).split(separator: "\n")
        #expect(lines.count == 400)
        #expect(lines.allSatisfy { $0.contains(" info [c] task ") })
    }

    @Test(arguments: [
        ([:], Logger.Level.info), (["PRISM_LOG": "debug"], .debug), (["PRISM_LOG": "TRACE"], .trace),
        (["PRISM_LOG": "warn"], .warning), (["PRISM_LOG": "error"], .error), (["PRISM_LOG": "bogus"], .info),
    ])
    func levelComesFromEnvironment(environment: [String: String], level: Logger.Level) {
        #expect(PrismLogging.level(from: environment) == level)
    }
}
