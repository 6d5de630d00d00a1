import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("prism compare, run as a process", .serialized)
    struct CompareCommandTests {
        static let key = "sk-or-v1-COMPAREKEY0123456789abcdef"

        @Test func comparesConcurrentlyAndPrintsAnswersAndATable() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["compare", "-m", "stub/echo", "-m", "stub/fast", "--save", "compare me"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("━━ stub/echo") && r.stdout.contains("━━ stub/fast"))
            #expect(r.stdout.contains("MODEL") && r.stdout.contains("TTFT") && r.stdout.contains("COST"))
            #expect(r.stdout.contains("cheapest: "))
            #expect(server.chatRequests.compactMap(\.model).sorted() == ["stub/echo", "stub/fast"])
            #expect(r.stderr.contains("saved session"))
            let file = try #require(p.writtenFiles().first { $0.path.contains("/sessions/") && $0.path.hasSuffix(".json") })
            let object = try #require(try JSONSerialization.jsonObject(with: file.data) as? [String: Any])
            let messages = try #require(object["messages"] as? [[String: Any]])
            #expect(messages.count == 3)
            #expect(messages.filter { $0["role"] as? String == "assistant" }.allSatisfy { $0["parent_id"] as? String == messages[0]["id"] as? String },
                    "the replies are siblings under the one prompt")

            // `sessions show` prints every pane, each under its model, after the shared prompt.
            let id = try #require(object["id"] as? String)
            let shown = try p.run(["sessions", "show", id]).stdout
            let echo = try #require(shown.range(of: "## Pane 1 of 2: stub/echo\n"))
            let fast = try #require(shown.range(of: "## Pane 2 of 2: stub/fast\n"))
            #expect(shown.range(of: "## You\n\ncompare me\n")!.upperBound < echo.lowerBound && echo.upperBound < fast.lowerBound, "\(shown)")
        }

        @Test func oneFailureGivesExit1AndJSONKeepsEveryEntry() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: "max_retries = 0\n")
            defer { p.cleanUp() }
            let r = try p.run(["compare", "--json", "-m", "stub/fast", "-m", "stub/fail-midstream", "-m", "stub/http-502", "q"])
            #expect(r.status == 1)
            let o = try #require(r.stdout.jsonObject)
            let models = try #require(o["models"] as? [[String: Any]])
            #expect(models.map { $0["model_requested"] as? String } == ["stub/fast", "stub/fail-midstream", "stub/http-502"])
            #expect(models[0]["error"] is NSNull)
            #expect((models[1]["error"] as? [String: Any])?["kind"] as? String == "stream")
            #expect((models[1]["content"] as? String)?.isEmpty == false, "the failed stream keeps its partial text")
            #expect((models[2]["error"] as? [String: Any])?["status"] as? Int == 502)
            let summary = try #require(o["summary"] as? [String: Any])
            #expect(summary["cheapest"] as? String == "stub/fast")
            #expect(r.stderr.contains("2 of 3 failed"))
        }

        @Test func needsTwoToFourDistinctModels() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            #expect(try p.run(["compare", "--demo", "-m", "demo/instant", "x"]).status == 2)
            #expect(try p.run(["compare", "--demo", "-m", "demo/instant", "-m", "demo/instant", "x"]).status == 2)
            let five = ["compare", "--demo"] + Array(repeating: ["-m", "a"], count: 5).enumerated().flatMap { i, pair in [pair[0], pair[1] + "\(i)"] } + ["x"]
            #expect(try p.run(five).status == 2)
        }
    }
}

extension ProcessSuites {
    @Suite("prism compare --set, run as a process", .serialized)
    struct CompareSetCommandTests {
        static let key = "sk-or-v1-COMPARESETKEY0123456789abcd"

        @Test func aConfigSetSendsThePromptToItsModels() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL, config: """
                [sets]
                pair = ["stub/echo", "stub/fast"]
                solo = ["stub/echo"]
                """)
            defer { p.cleanUp() }
            let r = try p.run(["compare", "--json", "--set", "pair", "compare me"])
            #expect(r.status == 0, "\(r.stderr)")
            let models = try #require(r.stdout.jsonObject?["models"] as? [[String: Any]])
            #expect(models.map { $0["model_requested"] as? String } == ["stub/echo", "stub/fast"])
            #expect(server.chatRequests.compactMap(\.model).sorted() == ["stub/echo", "stub/fast"])
            #expect(r.stderr.contains("config.toml line 3: set 'solo' ignored: a set needs 2 to 4 models, not 1"))
            let solo = try p.run(["compare", "--set", "solo", "x"])
            #expect(solo.status == 2)
            #expect(solo.stderr.hasSuffix("prism: config.toml line 3: set 'solo' ignored: a set needs 2 to 4 models, not 1\n"), "\(solo.stderr)")
        }

        @Test func aSetSavedInTheChatScreenWorksToo() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let state = p.home.appendingPathComponent("state/prism")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try Data(#"{"sets": [{"name": "mine", "models": ["stub/fast", "stub/echo", "stub/auto"]}]}"#.utf8)
                .write(to: state.appendingPathComponent("sets.json"))
            let r = try p.run(["compare", "--set", "mine", "hi"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("━━ stub/fast") && r.stdout.contains("━━ stub/echo"))
            #expect(server.chatRequests.compactMap(\.model).sorted() == ["stub/auto", "stub/echo", "stub/fast"])
        }

        @Test func anUnknownSetIsAUsageErrorListingTheKnownOnes() throws {
            let p = try PrismProcess(config: "[sets]\nfast = [\"demo/instant\", \"demo/aurora-mini\"]\nbig = [\"demo/instant\", \"demo/prism-coder\"]\n")
            defer { p.cleanUp() }
            let r = try p.run(["compare", "--demo", "--set", "nope", "x"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("prism: unknown set 'nope'; sets: fast, big"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            let both = try p.run(["compare", "--demo", "--set", "fast", "-m", "demo/instant", "x"])
            #expect(both.status == 2)
            #expect(both.stderr.contains("give either --set or -m, not both"))
            let demo = try p.run(["compare", "--demo", "--set", "fast", "x"])
            #expect(demo.status == 0, "\(demo.stderr)")
            #expect(demo.stdout.contains("━━ demo/instant") && demo.stdout.contains("━━ demo/aurora-mini"))
        }

        @Test func withNoSetsTheErrorSaysHowToMakeOne() throws {
            let p = try PrismProcess()
            defer { p.cleanUp() }
            let r = try p.run(["compare", "--demo", "--set", "fast", "x"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("no sets yet: add a [sets] table to config.toml or save one in the chat screen with /set save NAME"))
        }
    }
}
