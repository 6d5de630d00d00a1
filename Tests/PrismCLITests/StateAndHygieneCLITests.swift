import Foundation
import PrismStub
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files, permissions, hostile text and the `sessions` edge cases, through the real `prism` binary.
extension ProcessSuites {
    @Suite("prism: state files, permissions, text hygiene, sessions edge cases", .serialized)
    struct StateAndHygieneCLITests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        static func mode(_ path: String) -> mode_t? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return info.st_mode & 0o777
        }

        /// Saves one demo exchange and returns its id.
        static func saveOne(_ p: PrismProcess, prompt: String = "What is a monad?") throws -> String {
            let ask = try p.run(["ask", "--demo", "--save", "-m", "demo/instant", prompt])
            #expect(ask.status == 0)
            let list = try p.run(["sessions", "list", "--json"])
            let sessions = try #require((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]])
            return try #require(sessions.first?["id"] as? String)
        }

        @Test func sessionsSubcommandsPrintNoLogRecords() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let id = try Self.saveOne(p)
            let sessions = p.home.appendingPathComponent("data/prism/sessions")
            try Data("{ not json".utf8).write(to: sessions.appendingPathComponent("20250101-000000-dead.json"))
            let list = try p.run(["sessions", "list"])
            #expect(list.status == 0)
            // One line of ours, nothing from the log handler (which would name the label and level).
            let lines = list.stderr.split(separator: "\n")
            #expect(lines.count == 1, "stderr: \(list.stderr)")
            #expect(lines.first?.hasPrefix("prism: warning: session file 20250101-000000-dead.json is damaged (not valid JSON)") == true)
            #expect(!list.stderr.contains("prism.sessions"))
            for args in [["sessions", "show", id], ["sessions", "export", id, "--format", "json"], ["sessions", "rename", id, "New", "name"]] {
                let r = try p.run(args)
                #expect(r.status == 0)
                #expect(!r.stderr.contains("prism.sessions") && !r.stderr.contains("[PrismCore]"), "\(args): \(r.stderr)")
            }
            // The records went to the log file instead.
            let log = try String(contentsOf: p.home.appendingPathComponent("state/prism/prism.log"), encoding: .utf8)
            #expect(log.contains("moved damaged session file aside"))
        }

        @Test func removingByAPrefixNeedsTheFullIdOrYes() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let id = try Self.saveOne(p)
            let prefix = String(id.prefix(8))
            let refused = try p.run(["sessions", "rm", prefix])
            #expect(refused.status == 2)
            #expect(refused.stderr == "prism: \"\(prefix)\" is only the start of session \(id) \"What is a monad?\"; give the full id, or add --yes\n")
            #expect(try p.run(["sessions", "show", id]).status == 0, "still there")
            let yes = try p.run(["sessions", "rm", "-y", prefix])
            #expect(yes.status == 0)
            #expect(yes.stderr.contains("removed \(id)"))
            #expect(try p.run(["sessions", "show", id]).status == 2)

            let second = try Self.saveOne(p, prompt: "Another")
            let full = try p.run(["sessions", "rm", second])
            #expect(full.status == 0, "the full id deletes without asking")
            #expect(full.stderr == "prism: removed \(second)\n")
        }

        @Test func onATerminalRemovingByAPrefixAsksFirst() throws {
            try #require(TmuxSession.available, "tmux is needed for this test (.ci/run installs it)")
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let id = try Self.saveOne(p)
            let prefix = String(id.prefix(15))
            for (answer, kept) in [("n", true), ("y", false)] {
                let tmux = TmuxSession()
                defer { tmux.kill() }
                try tmux.start(PrismProcess.binary.path + " sessions rm " + prefix, environment: p.environment)
                let asked = try tmux.wait(for: "the question") { $0.contains("Delete session \(id) \"What is a monad?\"? [y/N]") }
                #expect(asked.ok)
                try tmux.type(answer)
                try tmux.send("Enter")
                let said = kept ? "prism: kept \(id)" : "prism: removed \(id)"
                #expect(try tmux.wait(for: said) { $0.contains(said) }.ok)
                #expect(try p.run(["sessions", "show", id]).status == (kept ? 0 : 2))
            }
        }

        @Test func hugeTitlesAreCutOnRenameAndInListAndShow() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let id = try Self.saveOne(p)
            let rename = try p.run(["sessions", "rename", id, String(repeating: "long ", count: 2000)])
            #expect(rename.status == 0)
            #expect(rename.stderr.contains("the title was cut to its first 200 characters"))
            let listed = try p.run(["sessions", "list", "--json"])
            let title = try #require(((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]])?.first?["title"] as? String)
            #expect(title.count <= 200 && title.hasPrefix("long long"))

            // A title written by hand (or by an older Prism) of a megabyte, with hostile characters.
            let file = p.home.appendingPathComponent("data/prism/sessions/\(id).json")
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            object["title"] = "\u{202E}evil\u{1B}[2J " + String(repeating: "x", count: 1_000_000)
            try JSONSerialization.data(withJSONObject: object).write(to: file)
            let list = try p.run(["sessions"])
            #expect(list.status == 0)
            #expect(list.stdout.split(separator: "\n").allSatisfy { $0.count < 160 }, "list lines stay short")
            #expect(list.stdout.contains("…"))
            #expect(!list.stdout.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" })
            let show = try p.run(["sessions", "show", id])
            let heading = try #require(show.stdout.split(separator: "\n").first)
            #expect(heading.count <= 205 && heading.hasSuffix("…"), "\(heading.prefix(40))… \(heading.count)")
            #expect(show.stdout.count < 10_000)
        }

        @Test func negativeMaxTokensSaysWhatIsWrong() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            for args in [["ask", "--demo", "--max-tokens", "-1", "hi"],
                         ["compare", "--demo", "-m", "demo/instant", "-m", "demo/aurora-mini", "--max-tokens", "-1", "hi"]] {
                let r = try p.run(args)
                #expect(r.status == 2)
                #expect(r.stderr.hasPrefix("Error: --max-tokens must be at least 1"), "\(args.first!): \(r.stderr)")
            }
        }

        @Test func everyFileWrittenIsPrivateInPrivateFolders() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            #expect(try p.run(["models"]).status == 0)                                            // catalog cache
            #expect(try p.run(["ask", "--save", "-m", "stub/echo", "hello"]).status == 0)        // session, spend, log
            // A damaged session file makes the store log a warning (the log file).
            try Data("{".utf8).write(to: p.home.appendingPathComponent("data/prism/sessions/20250101-000000-dead.json"))
            #expect(try p.run(["sessions"]).status == 0)                                          // session index, log
            let id = try #require(try p.run(["sessions", "list", "--json"]).stdout.jsonArrayFirstID)
            let export = p.home.appendingPathComponent("chat.md")
            #expect(try p.run(["sessions", "export", id, "-o", export.path]).status == 0)
            #expect(Self.mode(export.path) == 0o600)

            // The damaged file the test wrote was moved, not written, by Prism: it keeps its mode.
            let written = p.writtenFiles().map(\.path).filter { !$0.hasSuffix("chat.md") && !$0.contains("/corrupt/") }
            for name in ["models-", "session-index.json", "prism.log", "prism.db", "\(id).json"] {
                #expect(written.contains { ($0 as NSString).lastPathComponent.hasPrefix(name) || $0.hasSuffix(name) }, "\(name) was written")
            }
            for path in written {
                #expect(Self.mode(path) == 0o600, "\(path) is \(String(Self.mode(path) ?? 0, radix: 8))")
                #expect(!(path as NSString).lastPathComponent.hasSuffix(".tmp"), "temp file left: \(path)")
            }
            for folder in ["data", "data/prism", "data/prism/sessions", "cache", "cache/prism", "state", "state/prism"] {
                let path = p.home.appendingPathComponent(folder).path
                #expect(Self.mode(path) == 0o700, "\(folder) is \(String(Self.mode(path) ?? 0, radix: 8))")
            }
        }

        @Test func aDamagedSetsFileIsMovedAsideAndReportedOnce() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let state = p.home.appendingPathComponent("state/prism")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            let text = "{\"sets\": [{\"name\": \"fast\", \"models\": [\"demo/instant\", \"demo/aurora-mini\"]}] // mine\n}"
            try Data(text.utf8).write(to: state.appendingPathComponent("sets-demo.json"))
            let first = try p.run(["compare", "--demo", "--set", "fast", "hi"])
            #expect(first.status == 2, "the set is gone from the live file, so it is unknown")
            let warning = try #require(first.stderr.split(separator: "\n").first { $0.contains("sets-demo.json") })
            #expect(warning.hasPrefix("prism: warning: sets-demo.json could not be read (not valid JSON); moved to \(state.path)/corrupt/sets-demo.json."))
            let moved = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("corrupt").path)
            #expect(moved.count == 1)
            #expect(try String(contentsOf: state.appendingPathComponent("corrupt/\(moved[0])"), encoding: .utf8) == text)
            let second = try p.run(["compare", "--demo", "--set", "fast", "hi"])
            #expect(!second.stderr.contains("could not be read"), "reported once")
        }

        @Test func hostileIdsAreCleanedAndAskToAPipeKeepsTheReplyAsSent() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let hostile = "evil/\u{202E}txt.exe\u{202C}\u{1B}]0;pwned\u{7}"
            server.modelsPayload = Data("""
                {"data": [{"id": "\(hostile.jsonEscaped)", "name": "Evil", "context_length": 1000,
                           "pricing": {"prompt": "0", "completion": "0"},
                           "architecture": {"input_modalities": ["text\\u202e"], "output_modalities": ["text"]}}]}
                """.utf8)
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let models = try p.run(["models"])
            #expect(models.status == 0)
            #expect(models.stdout.contains("evil/txt.exe␛]0;pwned"))
            #expect(!models.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x202C || $0.value == 0x1B || $0.value == 7 })

            let body = "red \u{1B}[31mtext\u{1B}[0m \u{202E}kept\n"
            server.enqueue(.stream(StubReply(content: [body], model: hostile, provider: "Prov\u{2066}ider")))
            let ask = try p.run(["ask", "-m", "stub/echo", "hi"])
            #expect(ask.status == 0)
            #expect(ask.stdout == body, "a pipe gets the reply exactly as the model sent it")

            server.enqueue(.httpError(status: 400, body: #"{"error": {"code": 400, "message": "bad \u202eid\u001b[2J\nsecond line"}}"#, headers: [:]))
            let failed = try p.run(["ask", "-m", "stub/echo", "hi"])
            #expect(failed.status == 1)
            #expect(failed.stderr.split(separator: "\n").count == 1, "one line: \(failed.stderr)")
            #expect(!failed.stderr.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
        }

        @Test func exportsToAFileCarryNoEscapes() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            server.enqueue(.stream(StubReply(content: ["a \u{1B}]52;c;ZXZpbA==\u{7} b\r\n\tc"])))
            #expect(try p.run(["ask", "--save", "-m", "stub/echo", "hi"]).status == 0)
            let id = try #require(try p.run(["sessions", "list", "--json"]).stdout.jsonArrayFirstID)
            let out = p.home.appendingPathComponent("out.md")
            #expect(try p.run(["sessions", "export", id, "-o", out.path]).status == 0)
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(text.contains("a ]52;c;ZXZpbA== b\n\tc"))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
            let piped = try p.run(["sessions", "export", id])
            #expect(piped.stdout == text, "a pipe gets the same clean Markdown")
            let json = try p.run(["sessions", "export", id, "--format", "json"])
            #expect(json.stdout.contains("\\u001b]52"), "JSON keeps the exact text, escaped")
        }
    }
}

private extension String {
    /// The string as the inside of a JSON string literal.
    var jsonEscaped: String {
        let data = try! JSONSerialization.data(withJSONObject: [self])
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst(2).dropLast(2))
    }

    /// The `id` of the first object of a JSON array.
    var jsonArrayFirstID: String? {
        ((try? JSONSerialization.jsonObject(with: Data(utf8))) as? [[String: Any]])?.first?["id"] as? String
    }
}
