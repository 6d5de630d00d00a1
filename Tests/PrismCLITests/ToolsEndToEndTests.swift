import Foundation
import PrismStub
import Testing

/// The chat screen's tool loop as a new user meets it: the real `prism` in tmux, the stub's
/// `stub/agent` calling tools of the real `mcp-server-time` and `mcp-server-git` (from the venv
/// `PRISM_MCP_VENV` names), approvals by key, the saved session, resume, and no server left
/// behind however prism ends.
extension ProcessSuites {
    @Suite("Chat screen tool loop with real MCP servers in tmux", .serialized)
    struct ToolsEndToEndTests {
        static let key = "sk-or-v1-TOOLSE2E0123456789abcdef"

        /// One chat: the fixture, the servers' repository and links, and config.toml naming them.
        struct Chat {
            let fixture: ChatScreenFixture
            let servers: RealToolServers

            /// nil when the venv is not set up (the reason is printed, or recorded in CI).
            static func make() throws -> Chat? {
                guard let bin = RealToolServers.venvBin() else { return nil }
                let fixture = try ChatScreenFixture(key: ToolsEndToEndTests.key)
                do {
                    let servers = try RealToolServers.make(in: fixture.prism.home, bin: bin)
                    let folder = fixture.prism.home.appendingPathComponent("config/prism")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try servers.config.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
                    return Chat(fixture: fixture, servers: servers)
                } catch {
                    fixture.stop()
                    throw error
                }
            }

            var tmux: TmuxSession { fixture.tmux }

            /// Types `prompt`, sends it, and waits for the approval box asking about `tool` with `argument` in it.
            func ask(_ prompt: String, tool: String, argument: String) throws {
                try tmux.type(prompt)
                try tmux.send("Enter")
                try expectApproval(tool: tool, argument: argument)
            }

            func expectApproval(tool: String, argument: String) throws {
                let box = try tmux.wait(for: "the approval box for \(tool)", timeout: 30) {
                    $0.contains("Run this tool?") && $0.contains("tool \(tool)") && $0.contains(argument)
                }
                #expect(box.ok, "\(box.screen)")
            }

            func quit(_ tmux: TmuxSession? = nil) throws {
                try (tmux ?? self.tmux).send("C-q")
                #expect(try (tmux ?? self.tmux).wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            }
        }

        /// The screen's bottom line.
        static func statusBar(_ screen: String) -> String {
            screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
        }

        /// Both servers' tools in one turn, approved with y then s; the answer quotes their real
        /// output; the session keeps the calls; Ctrl-Q leaves no server; a resume shows them again.
        @Test func approvedCallsRunOnRealServersAndAreSavedAndResumed() throws {
            guard let chat = try Chat.make() else { return }
            defer { chat.fixture.stop() }
            let (tmux, p, servers) = (chat.tmux, chat.fixture.prism, chat.servers)
            try tmux.startPrism(p)
            #expect(try tmux.wait(for: "the prompt") { $0.contains("Prompt") && $0.contains("stub/agent") }.ok)

            try chat.ask(servers.gitLogCall + " use get_current_time {\"timezone\": \"Europe/Oslo\"}",
                         tool: "git_log", argument: servers.repo.path)
            // The first send started both servers: they are this test's, found by their command lines.
            #expect(servers.waitForServers { $0 == 2 }.ok, "both servers run while the chat is open")
            let waiting = try tmux.screen()
            #expect(waiting.contains("⚙ git/git_log") && waiting.contains("waiting for approval"), "\(waiting)")

            try tmux.send("y")
            try chat.expectApproval(tool: "get_current_time", argument: "Europe/Oslo")
            #expect(try tmux.screen().contains("server time"))
            try tmux.send("s")
            // Two requests at $0.00002 and $0.00003: the status bar shows the turn's cost.
            let answer = try tmux.wait(for: "the answer quoting both results", timeout: 30) {
                $0.contains("Tool results:") && $0.contains(RealToolServers.commitMessage) && Self.statusBar($0).contains("│ $0.00005 │")
            }
            #expect(answer.ok, "\(answer.screen)")
            #expect(!answer.screen.contains("Run this tool?"))
            #expect(chat.fixture.server.chatRequests.count == 2)

            // Alt-I shows the results whole, under their calls; /tools lists both real servers running.
            try tmux.send("M-i")
            let expanded = try tmux.wait(for: "the expanded git log") { $0.contains("│ Message: \(RealToolServers.commitMessage)") }
            #expect(expanded.ok, "\(expanded.screen)")
            try tmux.type("/tools")
            try tmux.send("Enter")
            let overlay = try tmux.wait(for: "the tools overlay") {
                $0.contains("● git  running") && $0.contains("git_log  Shows the commit logs") && $0.contains("● time  running  always approved")
            }
            #expect(overlay.ok, "\(overlay.screen)")
            try tmux.send("Escape")
            #expect(try tmux.wait(for: "the overlay closed") { !$0.contains("─ Tools ─") }.ok)

            try chat.quit()
            #expect(servers.waitForServers { $0 == 0 }.ok, "Ctrl-Q stops both servers")

            let saved = try #require(p.savedSession(), "one session file")
            #expect(!saved.text.contains(Self.key))
            let messages = try #require(saved.object["messages"] as? [[String: Any]])
            let reply = try #require(messages.last)
            #expect(reply["status"] as? String == "complete")
            let rounds = try #require(reply["tool_rounds"] as? [[String: Any]])
            #expect(rounds.count == 1)
            let steps = try #require(rounds.first?["steps"] as? [[String: Any]])
            #expect(steps.map { $0["server"] as? String } == ["git", "time"])
            #expect(steps.map { $0["tool"] as? String } == ["git_log", "get_current_time"])
            #expect(steps.map { $0["approval"] as? String } == ["once", "always_server"])
            let outputs = steps.map { ($0["output"] as? [String: Any])?["text"] as? String ?? "" }
            #expect(outputs[0].contains(RealToolServers.commitMessage))
            #expect((saved.object["tools"] as? [String: Any])?["always_servers"] as? [String] == ["time"])

            // The time is the server's, now, in Oslo; the answer on screen quotes it.
            let datetime = try #require(outputs[1].firstMatch(of: /"datetime": "([^"]+)"/)?.1, "\(outputs[1])")
            let when = try #require(ISO8601DateFormatter().date(from: String(datetime)), "\(datetime)")
            #expect(abs(when.timeIntervalSinceNow) < 300)
            #expect(datetime.hasSuffix("+01:00") || datetime.hasSuffix("+02:00"))
            #expect(answer.screen.contains(String(datetime)), "\(answer.screen)")

            // Resumed by id, the calls are on screen again; nothing starts a server.
            let id = try #require(saved.object["id"] as? String)
            let again = TmuxSession()
            defer { again.kill() }
            try again.startPrism(p, arguments: "--resume \(id)")
            let resumed = try again.wait(for: "the resumed tool calls") {
                $0.contains("⚙ git/git_log") && $0.contains("⚙ time/get_current_time") && $0.contains(RealToolServers.commitMessage)
            }
            #expect(resumed.ok, "\(resumed.screen)")
            try chat.quit(again)
            #expect(servers.running().isEmpty)
        }

        /// n denies a call (the model is told, the session says so); Esc at the box stops the turn
        /// unrun; SIGTERM while a call waits takes both servers down with prism.
        @Test func denyCancelAndTerminateLeaveNothingRunning() throws {
            guard let chat = try Chat.make() else { return }
            defer { chat.fixture.stop() }
            let (tmux, p, servers, server) = (chat.tmux, chat.fixture.prism, chat.servers, chat.fixture.server)
            try tmux.startPrism(p)
            #expect(try tmux.wait(for: "the prompt") { $0.contains("Prompt") && $0.contains("stub/agent") }.ok)

            // Deny: the notice, the call marked denied, and the model's answer quoting the denial.
            try chat.ask(servers.gitLogCall, tool: "git_log", argument: servers.repo.path)
            try tmux.send("n")
            let denied = try tmux.wait(for: "the denial and the answer", timeout: 30) {
                $0.contains("denied git/git_log: the model is told") && $0.contains("The user denied this tool call.")
            }
            #expect(denied.ok, "\(denied.screen)")
            #expect(denied.screen.contains("⚙ git/git_log") && denied.screen.contains("  denied"))
            #expect(server.waitForRequests(count: 2, timeout: 5))
            let toolMessage = (server.chatRequests.last?["messages"] as? [[String: Any]])?.last
            #expect(toolMessage?["role"] as? String == "tool")
            #expect(toolMessage?["content"] as? String == "The user denied this tool call.")

            // Esc while the box is up: the turn is cancelled, no call runs, nothing more is sent.
            try chat.ask("use get_current_time {\"timezone\": \"Asia/Tokyo\"}", tool: "get_current_time", argument: "Asia/Tokyo")
            try tmux.send("Escape")
            let cancelled = try tmux.wait(for: "the turn cancelled") { !$0.contains("Run this tool?") && $0.contains("cancelled") }
            #expect(cancelled.ok, "\(cancelled.screen)")
            #expect(cancelled.screen.contains("⚙ time/get_current_time") && cancelled.screen.contains("not run"), "\(cancelled.screen)")
            #expect(server.chatRequests.count == 3)

            // SIGTERM while a call waits for approval: prism ends, and so do both servers.
            try chat.ask(servers.gitLogCall, tool: "git_log", argument: servers.repo.path)
            #expect(servers.waitForServers { $0 == 2 }.ok, "both servers run before the signal")
            let pid = try #require(try tmux.prismPID())
            kill(pid, SIGTERM)
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            let left = servers.waitForServers { $0 == 0 }
            #expect(left.ok, "\(left.count) server(s) outlived prism")

            let saved = try #require(p.savedSession(), "one session file")
            #expect(!saved.text.contains(Self.key))
            let replies = try #require(saved.object["messages"] as? [[String: Any]]).filter { $0["role"] as? String == "assistant" }
            #expect(replies.count == 3)
            let steps = replies.map { (($0["tool_rounds"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])?.first ?? [:] }
            #expect(steps[0]["approval"] as? String == "denied")
            #expect(steps[0]["output"] == nil, "a denial is its approval; the model was told by the request above")
            #expect(replies[1]["status"] as? String == "cancelled")
            #expect(steps[1]["tool"] as? String == "get_current_time")
            #expect(steps[1]["approval"] == nil && steps[1]["output"] == nil, "the cancelled call never ran: \(steps[1])")
        }
    }
}
