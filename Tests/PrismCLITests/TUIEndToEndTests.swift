import Foundation
import PrismStub
import Testing

/// The real `prism` binary in tmux against the stub server: the chat screen end to end.
extension ProcessSuites {
    @Suite("Chat screen end to end in tmux", .serialized)
    struct TUIEndToEndTests {
        static let key = "sk-or-v1-E2EKEY0123456789abcdef"

        @Test func pickChatCancelQuitAndContinue() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (server, p, tmux) = (fixture.server, fixture.prism, fixture.tmux)
            try tmux.startPrism(p)

            // No model configured: the picker opens by itself, showing the stub catalog.
            #expect(try tmux.wait(for: "the picker") { $0.contains("Models") && $0.contains("stub/echo") }.ok)
            try tmux.type("stub/echo")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "the model in the status bar") { $0.contains("model: stub/echo") || $0.contains(" stub/echo") }.ok)
            // The welcome names the server --base-url points at, not OpenRouter.
            let welcome = try tmux.wait(for: "the welcome naming the stub") { $0.contains("Chat with the models on 127.0.0.1:\(server.port).") }
            #expect(welcome.ok, "\(welcome.screen)")

            // A first prompt streams a reply, and its cost shows in the status bar.
            try tmux.type("hello prism 你好")
            try tmux.send("Enter")
            let first = try tmux.wait(for: "the reply and its cost") { $0.contains("This is a") && $0.contains("$0.000042") }
            #expect(first.ok)
            #expect(first.screen.contains("hello prism 你好"))

            // A second, slow reply is cancelled mid-stream with Esc; its text so far stays.
            try tmux.send("C-p")
            #expect(try tmux.wait(for: "the picker again") { $0.contains("Models") }.ok)
            try tmux.type("stub/slow")
            try tmux.send("Enter")
            try tmux.type("second question")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "the slow reply to start") { $0.contains("streaming") && $0.contains("Lorem") || $0.contains("streaming") && $0.contains("ipsum") }.ok)
            try tmux.send("Escape")
            #expect(try tmux.wait(for: "the cancel mark") { $0.contains("cancelled") }.ok)
            #expect(server.waitForClientDisconnect(timeout: 3), "Esc closed the connection")

            // Ctrl-Q quits; the session file holds both exchanges.
            try tmux.send("C-q")
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            let sessions = p.writtenFiles().filter { $0.path.contains("/sessions/") && $0.path.hasSuffix(".json") }
            #expect(sessions.count == 1)
            let object = try #require(sessions.first.flatMap { try JSONSerialization.jsonObject(with: $0.data) as? [String: Any] })
            let messages = try #require(object["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user", "assistant"])
            #expect(messages[1]["status"] as? String == "complete")
            #expect((messages[1]["usage"] as? [String: Any])?["cost"] as? Double == 0.000042)
            #expect(messages[3]["status"] as? String == "cancelled")
            #expect(!String(decoding: sessions[0].data, as: UTF8.self).contains(Self.key))

            // Relaunching with -c shows the conversation again.
            tmux.kill()
            let again = TmuxSession()
            defer { again.kill() }
            try again.startPrism(p, arguments: "-c")
            let resumed = try again.wait(for: "the resumed conversation") { $0.contains("second question") && $0.contains("cancelled") }
            #expect(resumed.ok)
            try again.send("C-q")
        }

        /// Config warnings show on the first frame, not only after quitting; the theme left in
        /// the switcher is the next run's.
        @Test func configWarningsOnTheFirstFrameAndTheThemeIsRemembered() throws {
            try #require(TmuxSession.available, "tmux is needed for this test (.ci/run installs it)")
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: "model = \"stub/echo\"\nmodle = \"x\"\n")
            defer { p.cleanUp() }
            let tmux = TmuxSession()
            defer { tmux.kill() }
            try tmux.startPrism(p)
            let first = try tmux.wait(for: "the config warning") { $0.contains("config warning: ") && $0.contains("modle") }
            #expect(first.ok, "\(first.screen)")
            try tmux.send("C-t")
            #expect(try tmux.wait(for: "the theme switcher") { $0.contains("Theme ·") }.ok)
            try tmux.send("Down")
            try tmux.send("Enter")
            let chosen = try tmux.wait(for: "the theme notice") { $0.contains("theme: ") }
            #expect(chosen.ok)
            try tmux.send("C-q")
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            let ui = try #require(p.writtenFiles().first { $0.path.hasSuffix("/prism/ui.json") })
            let theme = try #require((try JSONSerialization.jsonObject(with: ui.data) as? [String: Any])?["theme"] as? String)
            #expect(theme != "dark" && chosen.screen.contains("theme: \(theme)"), "\(chosen.screen)")
        }

        /// The chat screen starts with the model config resolution decided (PRISM_MODEL over
        /// config.toml, so no picker); a resumed session keeps its own model over the
        /// environment, and only -m replaces it.
        @Test func startsWithTheDecidedModelAndAResumedSessionKeepsItsOwn() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let server = fixture.server
            var p = fixture.prism
            let folder = p.home.appendingPathComponent("config/prism")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "model = \"stub/fast\"\n".write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)

            /// Sends `prompt` in a fresh chat screen started with `arguments`, waits until `reply` shows `times` times, quits.
            func exchange(_ arguments: String, _ prompt: String, reply: String, times: Int) throws {
                let tmux = TmuxSession()
                defer { tmux.kill() }
                try tmux.startPrism(p, arguments: arguments)
                #expect(try tmux.wait(for: "the prompt") { $0.contains("Prompt") }.ok)
                try tmux.type(prompt)
                try tmux.send("Enter")
                #expect(try tmux.wait(for: "the reply to \(prompt)") { $0.components(separatedBy: reply).count - 1 >= times }.ok)
                try tmux.send("C-q")
                #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            }

            p.environment["PRISM_MODEL"] = "stub/no-cost"
            try exchange("", "one", reply: "Tokens counted", times: 1)
            p.environment["PRISM_MODEL"] = "stub/fast"
            try exchange("-c", "two", reply: "Tokens counted", times: 2)
            try exchange("-c -m stub/echo", "three", reply: "This is a", times: 1)
            #expect(server.chatRequests.map(\.model) == ["stub/no-cost", "stub/no-cost", "stub/echo"])
        }

        /// With no flag, environment or config model, the model chosen last in the picker is
        /// where the next chat screen starts, and what `prism ask` sends.
        @Test func theModelChosenLastInThePickerIsWhereTheNextRunStarts() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let p = fixture.prism
            try fixture.tmux.startPrism(p, arguments: "")
            #expect(try fixture.tmux.wait(for: "the picker, with no model chosen yet") { $0.contains("Models") }.ok)
            try fixture.tmux.type("stub/echo")
            #expect(try fixture.tmux.wait(for: "stub/echo's row under the query") { $0.components(separatedBy: "stub/echo").count - 1 >= 2 }.ok)
            try fixture.tmux.send("Enter")
            #expect(try fixture.tmux.wait(for: "stub/echo chosen") { $0.contains("stub/echo") && !$0.contains("MODEL ") }.ok)
            try fixture.tmux.send("C-q")
            #expect(try fixture.tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)

            let next = TmuxSession()
            defer { next.kill() }
            try next.startPrism(p, arguments: "")
            #expect(try next.wait(for: "the prompt, on stub/echo") { $0.contains("Prompt") && $0.contains("stub/echo") && !$0.contains("MODEL ") }.ok)
            try next.send("C-q")
            #expect(try p.run(["ask", "hi"]).status == 0)
            #expect(fixture.server.chatRequests.map(\.model) == ["stub/echo"])
        }
    }
}
