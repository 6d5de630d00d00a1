import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("prism ask, run as a process", .serialized)
    struct AskCommandTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        @Test func demoAnswersOfflineAndSaysItIsSimulated() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["ask", "--demo", "-m", "demo/instant", "hello"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("simulated"))
            #expect(r.stderr.contains("demo mode"))
        }

        @Test func missingKeyIsAConfigurationErrorThatSaysHowToSetIt() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["ask", "hello"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("OPENROUTER_API_KEY"))
            #expect(r.stderr.split(separator: "\n").count == 1)
        }

        @Test func badFlagsAreUsageErrors() throws {
            let p = try PrismProcess(key: Self.key)
            defer { p.cleanUp() }
            #expect(try p.run(["ask", "--temperature", "5", "x"]).status == 2)
            #expect(try p.run(["ask", "--reasoning-effort", "huge", "x"]).status == 2)
            #expect(try p.run(["ask", "--demo"]).status == 2, "no prompt at all")
            // A negative number is the option's value, and validation says what is wrong with it.
            let negative = try p.run(["ask", "--temperature", "-0.5", "x"])
            #expect(negative.status == 2 && negative.stderr.contains("--temperature must be between 0 and 2"))
            let topP = try p.run(["ask", "--top-p", "-1", "x"])
            #expect(topP.status == 2 && topP.stderr.contains("--top-p must be above 0"))
        }

        @Test func streamsFromTheStubAndAppendsPipedInput() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            server.enqueue(.text(["Sum", "mary", "."]))
            let r = try p.run(["ask", "-m", "stub/fast", "summarise this"], stdin: "line one\nline two\n")
            #expect(r.status == 0)
            #expect(r.stdout == "Summary.\n")
            let sent = try #require(server.chatRequests.first)
            #expect(sent.lastUserText == "summarise this\n\nline one\nline two")
            #expect(sent["max_tokens"] as? Int == 4096)
        }

        @Test("streams through libcurl (default) and through URLSession (PRISM_HTTP=urlsession)",
              arguments: [nil, "urlsession"])
        func streamsThroughEitherHTTPStack(stack: String?) throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            var p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            p.environment["PRISM_HTTP"] = stack
            server.enqueue(.text(["Hel", "lo"]))
            let r = try p.run(["ask", "-m", "stub/fast", "hi"])
            #expect(r.status == 0)
            #expect(r.stdout == "Hello\n")
        }

        @Test func jsonSuccessHasEveryField() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            server.enqueue(.stream(StubReply(content: ["4", "2"], reasoning: ["hm"], provider: "DeepInfra")))
            let r = try p.run(["ask", "--json", "-m", "stub/fast", "q"])
            #expect(r.status == 0)
            let o = try #require(r.stdout.jsonObject)
            #expect(o["content"] as? String == "42")
            #expect(o["reasoning"] as? String == "hm")
            #expect(o["provider"] as? String == "DeepInfra")
            #expect(o["finish_reason"] as? String == "stop")
            #expect((o["generation_id"] as? String)?.hasPrefix("gen-") == true)
            #expect(o["error"] is NSNull)
            let usage = try #require(o["usage"] as? [String: Any])
            #expect((usage["cost"] as? NSNumber)?.doubleValue == 0.000093)
            #expect(usage["prompt_tokens"] as? Int == 12)
            let timings = try #require(o["timings"] as? [String: Any])
            #expect(timings["ttft_ms"] is NSNumber && timings["total_ms"] is NSNumber)
        }

        @Test func tokensPerSecondIsNullUnlessMeasurable() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            server.enqueue(.stream(StubReply(content: ["4", "2"])))
            let tiny = try #require(try p.run(["ask", "--json", "-m", "stub/fast", "q"]).stdout.jsonObject)
            let tinyTimings = try #require(tiny["timings"] as? [String: Any])
            #expect(tinyTimings["tokens_per_second"] is NSNull, "two tokens in an instant have no meaningful rate")
            #expect(tinyTimings["ttft_ms"] is NSNumber)
            server.enqueue(.stream(StubReply(content: Array(repeating: "word ", count: 30), interChunkDelay: 0.025)))
            let normal = try #require(try p.run(["ask", "--json", "-m", "stub/fast", "q"]).stdout.jsonObject)
            let rate = try #require((normal["timings"] as? [String: Any])?["tokens_per_second"] as? NSNumber)
            #expect(rate.doubleValue > 5 && rate.doubleValue < 60)
        }

        /// The model sent is the one config resolution decided: -m over PRISM_MODEL over config.toml.
        @Test func theModelComesFromTheFlagThenTheEnvironmentThenTheConfigFile() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            var p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: "model = \"stub/fast\"\n")
            defer { p.cleanUp() }
            #expect(try p.run(["ask", "q"]).status == 0)
            p.environment["PRISM_MODEL"] = "stub/echo"
            #expect(try p.run(["ask", "q"]).status == 0)
            #expect(try p.run(["ask", "-m", "stub/fast", "q"]).status == 0)
            #expect(server.chatRequests.map(\.model) == ["stub/fast", "stub/echo", "stub/fast"])
            let log = try String(contentsOf: p.home.appendingPathComponent("state/prism/prism.log"), encoding: .utf8)
            #expect(log.contains("model stub/fast from config.toml model"))
            #expect(log.contains("model stub/echo from PRISM_MODEL"))
            #expect(log.contains("model stub/fast from -m"))
        }

        /// A model the server refuses is reported with where it came from, unless -m was just typed.
        @Test func aRefusedModelSaysWhereItCameFrom() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            var p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let fallback = try p.run(["ask", "q"])
            #expect(fallback.status == 1)
            #expect(fallback.stderr == "prism: HTTP 400 openrouter/auto is not a valid model ID (the model, openrouter/auto, is the default: "
                    + "choose one with -m, PRISM_MODEL or model in config.toml)\n")
            p.environment["PRISM_MODEL"] = "old/model"
            let stale = try p.run(["ask", "q"])
            #expect(stale.status == 1)
            #expect(stale.stderr == "prism: HTTP 400 old/model is not a valid model ID (the model, old/model, came from PRISM_MODEL)\n")
            let typed = try p.run(["ask", "-m", "typo/model", "q"])
            #expect(typed.status == 1)
            #expect(typed.stderr == "prism: HTTP 400 typo/model is not a valid model ID\n")
        }

        /// Each failure mode: exit 1, a one-line reason on stderr, and JSON that keeps the partial text.
        @Test("failure modes", arguments: [
            ("stub/fail-midstream", "stream", true),
            ("stub/disconnect", "", true),
            ("stub/truncated", "truncated", true),
            ("stub/stall", "timeout", true),
            ("stub/http-502", "http", false),
            ("stub/rate-limited", "http", false),
            ("stub/error-200", "http", false),
        ])
        func failureModes(model: String, kind: String, hasPartialText: Bool) throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: "max_retries = 0\nrequest_timeout = 1\n")
            defer { p.cleanUp() }
            let r = try p.run(["ask", "--json", "-m", model, "q"])
            #expect(r.status == 1, "\(model): \(r.stderr)")
            let o = try #require(r.stdout.jsonObject, "\(model) printed: \(r.stdout)")
            let error = try #require(o["error"] as? [String: Any], "\(model)")
            #expect((error["message"] as? String)?.isEmpty == false)
            if !kind.isEmpty { #expect(error["kind"] as? String == kind, "\(model)") }
            #expect(((o["content"] as? String)?.isEmpty == false) == hasPartialText, "\(model)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("prism: "), "\(model): \(r.stderr)")
        }

        @Test func providerErrorNamesTheProviderAndUpstreamMessage() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: "max_retries = 0\n")
            defer { p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/http-502", "q"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("502"))
            #expect(r.stderr.contains("Google AI Studio") || r.stderr.contains("provider"))
        }

        @Test func wrongKeyIsReportedWithoutShowingIt() throws {
            let server = StubServer(requiredKey: "sk-or-v1-the-right-one")
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/fast", "q"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("401"))
            #expect(!r.stderr.contains(Self.key) && !r.stdout.contains(Self.key))
        }

        /// A terminal never receives the reply's escape sequences; a pipe receives the reply exactly as sent (README says so).
        @Test func hostileEscapeSequencesNeverReachATerminal() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let pieces = ["safe ", "\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{1B}]52;c;ZXZpbA==\u{07}", "\u{202E}", "end"]
            server.enqueue(.text(pieces))
            let r = try p.run(["ask", "-m", "stub/fast", "q"])
            #expect(r.status == 0)
            #expect(r.stdout == pieces.joined() + "\n", "a pipe gets the text as sent")

            try #require(TmuxSession.available, "tmux is needed for the terminal half (.ci/run installs it)")
            server.enqueue(.text(pieces))
            let tmux = TmuxSession()
            defer { tmux.kill() }
            try tmux.start(PrismProcess.binary.path + " ask -m stub/fast q", environment: p.environment)
            // Raw, ESC [2J would have cleared "safe" off the screen; cleaned, the ESCs show as ␛ and the override is gone.
            let shown = try tmux.wait(for: "the cleaned reply") { $0.contains("safe ␛]0;pwned␛[2J␛]52;c;ZXZpbA==end") }
            #expect(shown.ok)
            #expect(!shown.screen.unicodeScalars.contains("\u{202E}"))
        }
    }
}
