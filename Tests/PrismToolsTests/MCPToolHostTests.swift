import Foundation
import PrismCore
import Testing
@testable import PrismTools

@Suite("MCP tool host (fake stdio server)", .serialized)
struct MCPToolHostTests {
    @Test func startsLazilyListsToolsAndCalls() async throws {
        let host = FakeServer.host([FakeServer.config()])
        #expect(await host.servers().map(\.status) == [.idle])
        let info = await host.start(server: "fake")
        #expect(info.status == .running)
        #expect(info.tools.map(\.name) == ["echo", "image", "crash", "hang", "slow", "pid", "env", "fail"])
        #expect(info.tools.first?.server == "fake")
        #expect(info.tools.first?.inputSchema["properties"]?["text"] == .object(["type": .string("string")]))
        #expect(info.endpoint == "stdio: python3 \(FakeServer.script)")
        #expect(try await host.call(server: "fake", tool: "echo", arguments: "{\"text\": \"hello\"}") == ToolOutput(text: "hello"))
        #expect(try await host.call(server: "fake", tool: "image", arguments: "{}") == ToolOutput(text: "here:\n[image: image/png, 5 bytes (omitted: only text is passed on)]"))
        #expect(try await host.call(server: "fake", tool: "fail", arguments: "") == ToolOutput(text: "it went wrong", isError: true))
        await host.stopAll()
        #expect(await host.servers().map(\.status) == [.stopped])
    }

    @Test func theFirstCallStartsTheServer() async throws {
        let host = FakeServer.host([FakeServer.config()])
        #expect(try await host.call(server: "fake", tool: "echo", arguments: "{\"text\": \"lazy\"}").text == "lazy")
        #expect(await host.servers().first?.status == .running)
        await host.stopAll()
    }

    @Test func aCrashMidCallFailsTheCallAndRestartWorks() async throws {
        let host = FakeServer.host([FakeServer.config()])
        await #expect(throws: ToolHostError("tool server fake exited with status 1: boom: the fake server crashed")) {
            try await host.call(server: "fake", tool: "crash", arguments: "{}")
        }
        #expect(await host.servers().first?.status == .failed("exited with status 1: boom: the fake server crashed"))
        let info = await host.restart(server: "fake")
        #expect(info.status == .running)
        #expect(try await host.call(server: "fake", tool: "echo", arguments: "{\"text\": \"back\"}").text == "back")
        await host.stopAll()
    }

    @Test func aFailedServerStartsAgainAtTheNextCall() async throws {
        let host = FakeServer.host([FakeServer.config()])
        _ = try? await host.call(server: "fake", tool: "crash", arguments: "{}")
        #expect(try await host.call(server: "fake", tool: "echo", arguments: "{\"text\": \"again\"}").text == "again")
        await host.stopAll()
    }

    @Test func aHungCallTimesOutAndTheServerIsRestartedBeforeItsNextUse() async throws {
        let host = FakeServer.host([FakeServer.config(timeout: 1)])
        let firstPid = try await host.call(server: "fake", tool: "pid", arguments: "{}").text
        let started = ContinuousClock.now
        await #expect(throws: ToolHostError("fake: hang did not answer within 1 s")) {
            try await host.call(server: "fake", tool: "hang", arguments: "{}")
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        // It ignored the cancel and no longer answers a ping: the next call gets a new process.
        let secondPid = try await host.call(server: "fake", tool: "pid", arguments: "{}").text
        #expect(secondPid != firstPid)
        #expect(await FakeServer.waitGone(Int32(firstPid)!))
        await host.stopAll()
    }

    @Test func cancellingTheTaskAbandonsTheCall() async throws {
        let host = FakeServer.host([FakeServer.config()])
        let firstPid = try await host.call(server: "fake", tool: "pid", arguments: "{}").text
        let call = Task { try await host.call(server: "fake", tool: "slow", arguments: "{}") }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(ContinuousClock.now - started < .seconds(2))
        // The server still answers (the slow call runs on a thread), so it is kept.
        #expect(try await host.call(server: "fake", tool: "pid", arguments: "{}").text == firstPid)
        await host.stopAll()
    }

    @Test func stopAllLeavesNoProcess() async throws {
        let host = FakeServer.host([FakeServer.config("a"), FakeServer.config("b")])
        let a = Int32(try await host.call(server: "a", tool: "pid", arguments: "{}").text)!
        let b = Int32(try await host.call(server: "b", tool: "pid", arguments: "{}").text)!
        // One of them busy with a call that would take a minute.
        let busy = Task { try? await host.call(server: "b", tool: "slow", arguments: "{}") }
        try await Task.sleep(for: .milliseconds(200))
        await host.stopAll()
        #expect(FakeServer.isGone(a))
        #expect(FakeServer.isGone(b))
        _ = await busy.value
        #expect(await host.servers().map(\.status) == [.stopped, .stopped])
    }

    @Test func stopAllAbandonsAStartInProgress() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("prism-mcp-silent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let host = FakeServer.host([FakeServer.config(env: ["FAKE_SILENT": "1", "FAKE_PID_FILE": pidFile.path])])
        let start = Task { await host.start(server: "fake") }
        var pid: Int32?
        for _ in 0..<200 where pid == nil {
            try await Task.sleep(for: .milliseconds(25))
            pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0) }
        }
        let serverPid = try #require(pid)
        let stopping = ContinuousClock.now
        await host.stopAll()
        #expect(ContinuousClock.now - stopping < .seconds(5))
        #expect(FakeServer.isGone(serverPid))
        #expect(await start.value.status == .stopped)
    }

    @Test func theOpenRouterKeyIsNotInTheServersEnvironment() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENROUTER_API_KEY"] = "sk-or-v1-never-for-tools"
        environment["PRISM_TEST_WORD"] = "kiwi"
        let host = FakeServer.host([FakeServer.config(env: ["GREETING": "hello ${PRISM_TEST_WORD}"])], environment: environment)
        #expect(try await host.call(server: "fake", tool: "env", arguments: "{\"name\": \"OPENROUTER_API_KEY\"}").text == "<unset>")
        #expect(try await host.call(server: "fake", tool: "env", arguments: "{\"name\": \"GREETING\"}").text == "hello kiwi")
        await host.stopAll()
    }

    @Test func stderrGoesToTheLogWithTheServersName() async throws {
        let log = CapturedLog()
        let host = FakeServer.host([FakeServer.config()], logger: log.logger)
        _ = await host.start(server: "fake")
        await host.stopAll()
        #expect(log.all.contains("[fake] stderr: fake server ready"))
    }

    @Test func badNamesAndCommandsAreOneLineFailures() async throws {
        let missing = MCPServerConfig(name: "nope", transport: .stdio(command: "prism-no-such-program", args: [], env: [:], cwd: nil))
        let host = FakeServer.host([missing])
        #expect(await host.start(server: "nope").status == .failed("cannot start 'prism-no-such-program': No such file or directory"))
        #expect(await host.start(server: "other").status == .failed("no tool server named other is configured"))
        await #expect(throws: ToolHostError("no tool server named other is configured")) {
            try await host.call(server: "other", tool: "x", arguments: "{}")
        }
        await #expect(throws: ToolHostError("the arguments are not a JSON object")) {
            try await host.call(server: "nope", tool: "x", arguments: "nonsense")
        }
    }

    @Test func aServerThatExitsAtOnceIsReportedWithItsLastLine() async throws {
        let bad = MCPServerConfig(name: "bad", transport: .stdio(command: "sh", args: ["-c", "echo 'missing module' >&2; exit 3"], env: [:], cwd: nil))
        let host = FakeServer.host([bad])
        let info = await host.start(server: "bad")
        #expect(info.status == .failed("exited with status 3: missing module"))
    }

    @Test func theFactoryGivesNoHostWithoutServers() async {
        #expect(PrismTools.makeHost(config: MCPConfig()) is NoToolHost)
        #expect(PrismTools.makeHost(config: MCPConfig(servers: [FakeServer.config()])) is MCPToolHost)
    }
}
