import Foundation
import PrismCore
import PrismStub
import Testing
@testable import PrismCLI

/// One scripted server, `time`, with the tool `now`; records calls and stops.
final class ScriptedToolHost: ToolHost, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls: [String] = []
    private var _stops = 0
    var calls: [String] { lock.withLock { _calls } }
    var stops: Int { lock.withLock { _stops } }
    let tools = [ToolSpec(server: "time", name: "now"), ToolSpec(server: "time", name: "zones")]

    func servers() async -> [ToolServerInfo] { [ToolServerInfo(name: "time", endpoint: "scripted", status: .idle)] }
    func start(server: String) async -> ToolServerInfo {
        ToolServerInfo(name: server, endpoint: "scripted", status: .running, tools: tools.filter { $0.server == server })
    }
    func call(server: String, tool: String, arguments: String) async throws -> ToolOutput {
        lock.withLock { _calls.append("\(server)/\(tool)") }
        return ToolOutput(text: "12:00 UTC")
    }
    func restart(server: String) async -> ToolServerInfo { await start(server: server) }
    func stopAll() async { lock.withLock { _stops += 1 } }
}

/// Answers questions from a script, recording them.
final class ScriptedTerminal: ApprovalTerminal, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String]
    private var _questions: [String] = []
    var questions: [String] { lock.withLock { _questions } }
    init(_ answers: [String]) { self.answers = answers }
    func ask(_ question: String) async -> String? {
        lock.withLock {
            _questions.append(question)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
    }
}

/// `prism ask --tool`'s logic run in this process, against the stub and a scripted host
/// (a host cannot be handed to the `prism` binary).
@Suite("prism ask --tool, in process", .serialized)
struct AskToolsInProcessTests {
    static let key = "sk-or-v1-TOOLSKEY0123456789abcdef"

    struct Fixture {
        let server: StubServer
        let home: URL
        var context: CLIContext

        init(model: String? = nil) throws {
            server = StubServer(requiredKey: AskToolsInProcessTests.key)
            try server.start()
            home = FileManager.default.temporaryDirectory.appendingPathComponent("prism-tools-\(UUID().uuidString)")
            let environment = [
                "HOME": home.path, "OPENROUTER_API_KEY": AskToolsInProcessTests.key,
                "OPENROUTER_BASE_URL": server.baseURL.absoluteString,
                "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
                "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            ]
            context = try CLIContext(connection: try ConnectionOptions.parse([]), overrides: ConfigOverrides(model: model),
                                     environment: environment)
        }

        func cleanUp() {
            server.stop()
            try? FileManager.default.removeItem(at: home)
        }

        func run(_ prompt: String, approver: ToolApprover, host: ScriptedToolHost, spend: Bool = false) async -> ToolTurnResult {
            let request = ChatRequest(model: StubModels.agent, messages: [ChatMessage(role: .user, content: prompt)], maxTokens: 256)
            let run = AskToolRun(client: context.client, host: host, offered: host.tools, settings: ToolLoopSettings(),
                                 approver: approver, streamer: AskStreamer(json: true, journal: nil),
                                 spend: spend ? InFlightSpend(context: context, source: .ask, sessionID: nil) : nil, lookUpCost: false)
            return await run.start(request).value
        }
    }

    @Test func toolSelectionsStartServersAndNameWhatIsMissing() async throws {
        let host = ScriptedToolHost()
        #expect(try await ToolOptions.parse(["--tool", "time"]).offered(host: host).map(\.name) == ["now", "zones"])
        #expect(try await ToolOptions.parse(["--tool", "time/zones", "--tool", "time"]).offered(host: host).map(\.name) == ["zones", "now"])
        do {
            _ = try await ToolOptions.parse(["--tool", "git"]).offered(host: host)
            Issue.record("an unknown server must fail")
        } catch let failure as CLIFailure {
            #expect(failure.status == 2 && failure.message == "no tool server named 'git'; configured: time")
        }
        do {
            _ = try await ToolOptions.parse(["--tool", "time/nope"]).offered(host: host)
            Issue.record("an unknown tool must fail")
        } catch let failure as CLIFailure {
            #expect(failure.status == 2 && failure.message == "tool server 'time' has no tool 'nope'; it offers: now, zones")
        }
        do {
            _ = try await ToolOptions.parse(["--tool", "time"]).offered(host: NoToolHost())
            Issue.record("no servers at all must fail")
        } catch let failure as CLIFailure {
            #expect(failure.status == 2 && failure.message.contains("none is configured"))
        }
    }

    @Test func withNoTerminalEachCallIsRefusedAndTheModelIsTold() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let host = ScriptedToolHost()
        let result = await f.run("use now", approver: ToolApprover(mode: .refuse), host: host)
        #expect(host.calls.isEmpty)
        #expect(result.rounds.first?.steps.first?.approval == .denied)
        #expect(result.reply.content.contains("- time__now: The user denied this tool call."))
    }

    @Test func terminalAnswersAreAskedOnceAndAlwaysIsRemembered() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let host = ScriptedToolHost()
        let terminal = ScriptedTerminal(["a", "n"])
        let result = await f.run("use now {\"tz\": \"UTC\"} and use now and use zones", approver: ToolApprover(mode: .ask(terminal)), host: host)
        #expect(terminal.questions.count == 2)
        #expect(terminal.questions.first == "run time/now {\"tz\":\"UTC\"}? [y]es once / [a]lways this tool / [s]erver / [n]o ")
        #expect(result.rounds.first?.steps.map(\.approval) == [.alwaysTool, .preapproved, .denied])
        #expect(host.calls == ["time/now", "time/now"])
    }

    @Test func everyRoundIsReservedAndSettledInTheLedger() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let result = await f.run("use now", approver: ToolApprover(mode: .approveAll), host: ScriptedToolHost(), spend: true)
        #expect(result.rounds.first?.steps.first?.approval == .preapproved)
        let totals = try SpendLedger(paths: f.context.paths).totals()
        // stub/agent bills 0.00002 for the round that called and 0.00003 for the answer.
        #expect(totals.today == Decimal(string: "0.00005"))
        #expect(totals.reservedToday == 0)
        #expect(result.reply.usage?.cost == Decimal(string: "0.00005"))
    }

    @Test func theWholeCommandSavesTheRoundsChargesEachAndStopsTheServers() async throws {
        var f = try Fixture(model: StubModels.agent)
        defer { f.cleanUp() }
        let host = ScriptedToolHost()
        f.context.toolHost = host
        let command = try AskCommand.parse(["--tool", "time/now", "--yes", "--save", "--json", "use now"])
        try await command.ask(f.context, text: "use now")
        #expect(host.calls == ["time/now"])
        #expect(host.stops == 1)
        // Only the one tool chosen was offered.
        #expect((f.server.chatRequests.first?["tools"] as? [[String: Any]])?.count == 1)
        let store = FileSessionStore(paths: f.context.paths)
        let summary = try #require(try store.list().sessions.first)
        let session = try store.load(id: summary.id)
        let reply = try #require(session.messages.last)
        #expect(reply.role == .assistant && reply.content.contains("- time__now: 12:00 UTC"))
        #expect(reply.toolRounds?.first?.steps.first?.output?.text == "12:00 UTC")
        // Each request counted once: the round keeps its own cost, the reply the last request's,
        // and the turn (what the session total and history add) is their sum, as the ledger's.
        #expect(reply.toolRounds?.first?.usage?.cost == Decimal(string: "0.00002"))
        #expect(reply.usage?.cost == Decimal(string: "0.00003"))
        #expect(reply.turnUsage?.cost == Decimal(string: "0.00005"))
        #expect(try SpendLedger(paths: f.context.paths).totals().today == Decimal(string: "0.00005"))
    }

    @Test func aBadToolSelectionStopsWhatStartedAndSendsNothing() async throws {
        var f = try Fixture(model: StubModels.agent)
        defer { f.cleanUp() }
        let host = ScriptedToolHost()
        f.context.toolHost = host
        let command = try AskCommand.parse(["--tool", "time", "--tool", "time/missing", "x"])
        await #expect(throws: CLIFailure.self) { try await command.ask(f.context, text: "x") }
        #expect(host.stops == 1)
        #expect(f.server.chatRequests.isEmpty)
    }

    @Test func answersMapToApprovals() {
        #expect(ToolApprover.approval(for: "y") == .once)
        #expect(ToolApprover.approval(for: " A ") == .alwaysTool)
        #expect(ToolApprover.approval(for: "s") == .alwaysServer)
        #expect(ToolApprover.approval(for: "") == .denied)
        #expect(ToolApprover.approval(for: nil) == .denied)
        if case .refuse = ToolApprover.live(yes: false, environment: ["CI": "true"]).mode {} else { Issue.record("CI must refuse") }
        if case .approveAll = ToolApprover.live(yes: true, environment: ["CI": "true"]).mode {} else { Issue.record("--yes approves") }
    }
}
