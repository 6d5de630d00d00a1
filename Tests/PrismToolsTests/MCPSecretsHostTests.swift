import Foundation
import PrismCore
import Testing
@testable import PrismTools

/// A careless server prints its own token (on stderr, in an error result, in a JSON-RPC
/// error) and hostile text: what leaves the host holds neither the token nor raw escapes.
@Suite("MCP host: secrets and hostile text", .serialized)
struct MCPSecretsHostTests {
    static let token = "tok_live_4f9a8b7c6d5e"

    static func leaky(_ env: [String: String] = [:]) -> MCPServerConfig {
        FakeServer.config(env: ["FAKE_LEAK": "SERVICE_TOKEN", "SERVICE_TOKEN": "${FROM_SHELL}"].merging(env) { $1 })
    }

    @Test func aServersTokenNeverLeavesTheHost() async throws {
        let log = CapturedLog()
        var environment = ProcessInfo.processInfo.environment
        environment["FROM_SHELL"] = Self.token
        let host = FakeServer.host([Self.leaky()], environment: environment, logger: log.logger)
        let info = await host.start(server: "fake")
        #expect(info.status == .running)
        let failed = try await host.call(server: "fake", tool: "fail", arguments: "{}")
        #expect(failed == ToolOutput(text: "it went wrong: token [REDACTED] was refused", isError: true))
        await #expect(throws: ToolHostError.self) { try await host.call(server: "fake", tool: "nope", arguments: "{}") }
        do {
            _ = try await host.call(server: "fake", tool: "nope", arguments: "{}")
        } catch {
            #expect("\(error)".contains("unknown tool (token [REDACTED])"), "\(error)")
        }
        await host.stopAll()
        #expect(log.all.contains("[fake] stderr: connecting with token [REDACTED]"))
        #expect(!log.all.contains { $0.contains(Self.token) })
    }

    @Test func aKeyPassedAsAnArgumentIsCutFromTheEndpoint() async {
        let server = MCPServerConfig(name: "gh", transport: .stdio(
            command: "gh-mcp", args: ["--token", "ghp_abcdefghij0123456789XYZ", "--verbose"], env: [:], cwd: nil))
        let host = FakeServer.host([server])
        #expect(await host.servers().first?.endpoint == "stdio: gh-mcp --token [REDACTED] --verbose")
    }

    @Test func aServerThatDiesQuotingItsTokenFailsWithTheTokenRedacted() async throws {
        let dying = MCPServerConfig(name: "dies", transport: .stdio(
            command: "sh", args: ["-c", "echo \"bad token $API_KEY\" >&2; exit 3"], env: ["API_KEY": Self.token], cwd: nil))
        let host = FakeServer.host([dying])
        let info = await host.start(server: "dies")
        #expect(info.status == .failed("exited with status 3: bad token [REDACTED]"))
        await #expect(throws: ToolHostError("tool server dies is not running: exited with status 3: bad token [REDACTED]")) {
            try await host.call(server: "dies", tool: "x", arguments: "{}")
        }
        await host.stopAll()
    }

    @Test func hostileStderrIsLoggedAsOneInertLine() async throws {
        let log = CapturedLog()
        let host = FakeServer.host([FakeServer.config(env: ["FAKE_HOSTILE": "1"])], logger: log.logger)
        let info = await host.start(server: "fake")
        await host.stopAll()
        #expect(log.all.contains("[fake] stderr: Echo ␛[2J text ␛]52;c;cHduZWQ= back esrever"), "\(log.all)")
        #expect(!log.all.contains { $0.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" } })
        // The description is kept as the server sent it (the model gets it); every screen cleans it.
        #expect(info.tools.first?.description.contains("\u{1B}[2J") == true)
    }
}
