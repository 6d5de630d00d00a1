import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// Ctrl-X with a real full-screen editor (vim) in tmux: the terminal is handed over and
    /// taken back, the edited text becomes the draft, and a failing editor says so.
    @Suite("Ctrl-X opens a real editor, end to end in tmux", .serialized)
    struct EditorEndToEndTests {
        static let key = "sk-or-v1-E2EKEY0123456789abcdef"
        static let vim = "/usr/bin/vim"
        static var hasVim: Bool { FileManager.default.isExecutableFile(atPath: vim) }
        static var hasBash: Bool { FileManager.default.isExecutableFile(atPath: "/bin/bash") }

        /// The prompt's frame and the status bar: the whole screen is Prism's again.
        static func promptAndStatusBar(_ screen: String) -> Bool {
            screen.contains("╭─ Prompt") && screen.contains("╰─") && screen.contains(" stub/echo")
        }

        /// Waits for the model's first request and returns the text of its last message.
        static func sentPrompt(_ server: StubServer) -> String? {
            let deadline = Date().addingTimeInterval(10)
            while server.chatRequests.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            let body = server.chatRequests.first?.bodyJSON as? [String: Any]
            return (body?["messages"] as? [[String: Any]])?.last?["content"] as? String
        }

        /// Vim on screen with the draft (its empty lines are `~`), Prism's screen gone.
        static func vimShows(_ text: String) -> (String) -> Bool {
            { screen in
                screen.hasPrefix(text) && !screen.contains("╭─ Prompt")
                    && screen.split(separator: "\n").filter { $0 == "~" }.count > 5
            }
        }

        /// Appends `text` to the line in vim and writes the file: real keys, as a person types them.
        static func appendInVim(_ tmux: TmuxSession, _ text: String) throws {
            try tmux.send("A")
            try tmux.type(text)
            try tmux.send("Escape")
            try tmux.type(":wq")
            try tmux.send("Enter")
        }

        @Test(.enabled(if: ProcessSuites.EditorEndToEndTests.hasVim, "vim is not installed here (.ci/run installs it): skipped"))
        func vimEditsTheDraftAndPrismTakesTheScreenBack() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            var p = fixture.prism
            let (server, tmux) = (fixture.server, fixture.tmux)
            // Arguments in the variable are honoured; no vimrc or viminfo of the machine's.
            p.environment["EDITOR"] = "vim -u NONE -i NONE"
            try tmux.startPrism(p, arguments: "-m stub/echo")
            #expect(try tmux.wait(for: "the prompt") { Self.promptAndStatusBar($0) }.ok)
            try tmux.type("first draft")
            try tmux.send("C-x")
            let inVim = try tmux.wait(for: "vim showing the draft") {
                Self.vimShows("first draft")($0) && $0.contains("prism-prompt-")
            }
            try #require(inVim.ok, "vim never showed the draft:\n\(inVim.screen)")

            // Ctrl-Z inside vim: tmux's shell has no job control, so nobody could continue a
            // stopped Prism; vim is continued at once and keeps working.
            try tmux.send("C-z")
            Thread.sleep(forTimeInterval: 0.5)
            try tmux.send("C-l")
            #expect(try tmux.wait(for: "vim again after Ctrl-Z", Self.vimShows("first draft")).ok)

            try Self.appendInVim(tmux, " and then some")
            let back = try tmux.wait(for: "the edited draft on Prism's screen") {
                Self.promptAndStatusBar($0) && $0.contains("first draft and then some")
            }
            #expect(back.ok, "\(back.screen)")
            #expect(!back.screen.contains("~\n~\n"), "nothing of vim's screen is left")
            // Mouse reporting and the keypad are on again as at start.
            let modes = try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{mouse_any_flag}#{keypad_flag}#{alternate_on}"], output: true)
            #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "111")
            // The draft's file (in /tmp: the pane's environment has no TMPDIR) is gone.
            let pid = try #require(try tmux.prismPID())
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
            #expect(!leftovers.contains { $0.hasPrefix("prism-prompt-\(pid)-") })

            // The draft really is the edited text: it is what gets sent.
            try tmux.send("Enter")
            #expect(Self.sentPrompt(server) == "first draft and then some")
            // Bracketed paste is on again: a pasted newline does not send.
            let file = p.home.appendingPathComponent("paste.txt")
            try Data("pasted one\npasted two".utf8).write(to: file)
            try tmux.tmux(["load-buffer", file.path])
            try tmux.tmux(["paste-buffer", "-p", "-t", tmux.name])
            #expect(try tmux.wait(for: "the paste in the prompt") { $0.contains("pasted one") && $0.contains("pasted two") }.ok)
            Thread.sleep(forTimeInterval: 0.3)
            #expect(server.chatRequests.count == 1, "the pasted newline sent the prompt")
            try tmux.send("C-q")
        }

        /// A script as the editor sees the terminal on 0, 1 and 2 and nothing else of
        /// Prism's: the descriptors of its shell become the draft, which is what is sent.
        @Test func theEditorGetsTheTerminalAndNoOtherDescriptor() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            var p = fixture.prism
            let (server, tmux) = (fixture.server, fixture.tmux)
            let script = p.home.appendingPathComponent("list-fds")
            // find runs in a child of the script's shell and lists that shell's descriptors.
            try "#!/bin/sh\nfind /proc/$$/fd -mindepth 1 -printf '%f=%l ' > \"$1\"\n"
                .write(to: script, atomically: true, encoding: .utf8)
            chmod(script.path, 0o755)
            p.environment["EDITOR"] = script.path
            try tmux.startPrism(p, arguments: "-m stub/echo")
            #expect(try tmux.wait(for: "the prompt") { Self.promptAndStatusBar($0) }.ok)
            try tmux.type("replace me")
            try tmux.send("C-x")
            #expect(try tmux.wait(for: "the descriptors as the draft") { $0.contains("0=/dev/") }.ok)
            try tmux.send("Enter")
            let listed = try #require(Self.sentPrompt(server))
            let fds = Dictionary(listed.split(separator: " ").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }, uniquingKeysWith: { a, _ in a })
            let terminal = fds["0"] ?? ""
            #expect((terminal == "/dev/tty" || terminal.hasPrefix("/dev/pts/")) && fds["2"] == terminal, "\(listed)")
            // The rest is the shell's own: the script it reads, stdout sent to the draft's
            // file and its saved copy of the terminal. No socket, pipe or file of Prism's.
            let others = fds.filter { !["0", "2"].contains($0.key) }
            #expect(others.values.allSatisfy { $0 == terminal || $0 == script.path || $0.contains("/prism-prompt-") }, "\(listed)")
            try tmux.send("C-q")
        }

        /// SIGTERM to Prism while vim has the terminal: vim is asked to end too (it would
        /// otherwise be left running in a group nobody waits for), and Prism ends at once.
        @Test(.enabled(if: ProcessSuites.EditorEndToEndTests.hasVim, "vim is not installed here (.ci/run installs it): skipped"))
        func aTerminationSignalWhileTheEditorRunsEndsItToo() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            var p = fixture.prism
            let tmux = fixture.tmux
            p.environment["EDITOR"] = "vim -u NONE -i NONE"
            try tmux.startPrism(p, arguments: "-m stub/echo")
            #expect(try tmux.wait(for: "the prompt") { Self.promptAndStatusBar($0) }.ok)
            try tmux.type("a draft")
            try tmux.send("C-x")
            try #require(try tmux.wait(for: "vim showing the draft", Self.vimShows("a draft")).ok)
            let prism = try #require(try tmux.prismPID())
            let vim = try #require(TmuxSession.children(of: prism).first { TmuxSession.command(of: $0) == "vim" })
            let sent = Date()
            kill(prism, SIGTERM)
            let deadline = sent.addingTimeInterval(10)
            while Date() < deadline, kill(vim, 0) == 0 || kill(prism, 0) == 0 { Thread.sleep(forTimeInterval: 0.05) }
            #expect(kill(vim, 0) != 0, "vim outlived Prism")
            #expect(kill(prism, 0) != 0)
            #expect(Date().timeIntervalSince(sent) < 4, "Prism waited for its 5 s grace instead of ending with vim")
        }

        @Test func aFailingEditorLeavesTheDraftAndSaysWhy() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            var p = fixture.prism
            let tmux = fixture.tmux
            p.environment["EDITOR"] = "false"
            try tmux.startPrism(p, arguments: "-m stub/echo")
            #expect(try tmux.wait(for: "the prompt") { Self.promptAndStatusBar($0) }.ok)
            try tmux.type("keep this draft")
            try tmux.send("C-x")
            let said = try tmux.wait(for: "the editor's failure in the status bar") {
                $0.contains("editor false exited with status 1: draft unchanged")
            }
            #expect(said.ok)
            #expect(said.screen.contains("keep this draft"))
            #expect(Self.promptAndStatusBar(said.screen))

            // An editor that is not there is named too, and nothing is run.
            try tmux.send("C-q")
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("╭─ Prompt") }.ok)
            tmux.kill()
            let again = TmuxSession()
            defer { again.kill() }
            p.environment["VISUAL"] = "no-such-editor --wait"
            try again.startPrism(p, arguments: "-m stub/echo")
            #expect(try again.wait(for: "the prompt") { Self.promptAndStatusBar($0) }.ok)
            try again.type("still here")
            try again.send("C-x")
            let missing = try again.wait(for: "the missing editor named") {
                $0.contains("editor no-such-editor not found: draft unchanged")
            }
            #expect(missing.ok)
            #expect(missing.screen.contains("still here"))
            try again.send("C-q")
        }

        /// From an interactive shell with job control (as a person runs it): vim gets the
        /// terminal as the foreground job, Ctrl-Z inside it stops Prism as the shell's job,
        /// `fg` brings vim back, and writing returns to Prism with the edited draft.
        @Test(.enabled(if: ProcessSuites.EditorEndToEndTests.hasVim && ProcessSuites.EditorEndToEndTests.hasBash, "vim or bash is not installed here (.ci/run installs vim): skipped"))
        func vimFromAnInteractiveShellWithJobControl() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            var p = fixture.prism
            let (server, tmux) = (fixture.server, fixture.tmux)
            p.environment["EDITOR"] = "vim -u NONE -i NONE"
            p.environment["PS1"] = "jobshell$ "
            p.environment["TERM"] = "tmux-256color"
            try tmux.start("/bin/bash --norc --noprofile -i", environment: p.environment)
            #expect(try tmux.wait(for: "the shell prompt") { $0.contains("jobshell$") }.ok)
            try tmux.type(PrismProcess.binary.path + " -m stub/echo")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "the prompt") { Self.promptAndStatusBar($0) }.ok)
            try tmux.type("a draft")
            try tmux.send("C-x")
            try #require(try tmux.wait(for: "vim showing the draft", Self.vimShows("a draft")).ok)

            try tmux.send("C-z")
            let stopped = try tmux.wait(for: "the shell reporting Prism stopped") {
                $0.contains("Stopped") && $0.contains("jobshell$") && !$0.contains("a draft")
            }
            #expect(stopped.ok)
            try tmux.type("fg")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "vim back after fg", Self.vimShows("a draft")).ok)

            try Self.appendInVim(tmux, " with job control")
            let back = try tmux.wait(for: "the edited draft on Prism's screen") {
                Self.promptAndStatusBar($0) && $0.contains("a draft with job control")
            }
            #expect(back.ok, "\(back.screen)")
            try tmux.send("Enter")
            #expect(Self.sentPrompt(server) == "a draft with job control")
            try tmux.send("C-q")
            #expect(try tmux.wait(for: "the shell again") { $0.contains("jobshell$") && !$0.contains("╭─ Prompt") }.ok)
        }
    }
}
