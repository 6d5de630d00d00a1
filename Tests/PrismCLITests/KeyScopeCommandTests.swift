import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("Keys stay with their server, run as a process", .serialized)
    struct KeyScopeCommandTests {
        static let orKey = "sk-or-v1-OPENROUTERKEY0123456789"
        static let profileKey = "local-profile-key-5150"

        @Test func aProfileSendsItsOwnKeyAndHeadersNeverTheOpenRouterKey() throws {
            let server = StubServer(requiredKey: Self.profileKey)
            try server.start()
            defer { server.stop() }
            var p = try PrismProcess(key: Self.orKey, config: """
                [servers.local]
                base_url = "\(server.baseURL.absoluteString)"
                api_key_env = "LOCAL_KEY"
                headers = { "X-Team" = "prism" }
                """)
            defer { p.cleanUp() }
            p.environment["LOCAL_KEY"] = Self.profileKey
            let r = try p.run(["ask", "--server", "local", "-m", "stub/fast", "hi"])
            #expect(r.status == 0, "\(r.stderr)")
            let sent = try #require(server.chatRequests.first)
            #expect(sent.header("authorization") == "Bearer \(Self.profileKey)")
            #expect(sent.header("x-team") == "prism")
            #expect(!server.requests.contains { $0.headers.values.contains { $0.contains(Self.orKey) } })
            #expect(r.stderr.isEmpty, "no notice: the profile says what this server gets")
        }

        @Test func aProfileWithoutKeyVariableSendsNoAuthorizationAtAll() throws {
            let server = StubServer()
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.orKey, config: """
                server = "proxy"
                [servers.proxy]
                base_url = "\(server.baseURL.absoluteString)"
                """)
            defer { p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/fast", "hi"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(server.chatRequests.count == 1)
            #expect(server.chatRequests.first?.header("authorization") == nil)
        }

        @Test func aLoopbackBaseURLCarriesTheOpenRouterKey() throws {
            let server = StubServer(requiredKey: Self.orKey)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.orKey)
            defer { p.cleanUp() }
            let r = try p.run(["ask", "--base-url", server.baseURL.absoluteString, "-m", "stub/fast", "hi"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(server.chatRequests.first?.header("authorization") == "Bearer \(Self.orKey)")
            #expect(!r.stderr.contains("not sending"))
        }

        /// `prism models` answers from a fresh cache without a request, which lets the notice for
        /// another host be checked without reaching it; a proxy pointing at a local stub catches
        /// any request that would have left the machine anyway.
        @Test func anotherHostIsToldOnceHowToGiveItAKeyAndNeverSeesCredentialsPrinted() throws {
            let trap = StubServer()
            try trap.start()
            defer { trap.stop() }
            var p = try PrismProcess(key: Self.orKey)
            defer { p.cleanUp() }
            for name in ["http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] {
                p.environment[name] = "http://127.0.0.1:\(trap.port)"
            }
            let cache = p.home.appendingPathComponent("cache/prism")
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            let fetched = ISO8601DateFormatter().string(from: Date())
            try Data(#"{"fetched_at":"\#(fetched)","base_url":"https://models.example/v1","models":[]}"#.utf8)
                .write(to: cache.appendingPathComponent("models-models.example_v1.json"))

            let r = try p.run(["models", "--base-url", "https://alice:hunter2pw@models.example/v1"])
            #expect(r.status == 0, "\(r.stderr)")
            let notices = r.stderr.split(separator: "\n").filter { $0.contains("not sending OPENROUTER_API_KEY to models.example") }
            #expect(notices.count == 1)
            #expect(notices.first?.contains("--server NAME") == true)
            #expect(!r.stderr.contains("hunter2pw") && !r.stdout.contains("hunter2pw"))
            #expect(trap.requests.isEmpty, "nothing was sent anywhere")
        }

        @Test func plainHTTPToAnotherHostIsAUsageErrorThatSaysHowToAllowIt() throws {
            let p = try PrismProcess(key: Self.orKey, config: """
                [servers.lan]
                base_url = "http://ollama.lan:11434/v1"
                """)
            defer { p.cleanUp() }
            for args in [["ask", "--base-url", "http://ollama.lan:11434/v1", "hi"], ["ask", "--server", "lan", "hi"], ["models", "--server", "lan"]] {
                let r = try p.run(args)
                #expect(r.status == 2, "\(args)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
                #expect(r.stderr.contains("allow_http = true"))
            }
        }

        @Test func badBaseURLsAreOneLineUsageErrors() throws {
            let p = try PrismProcess(key: Self.orKey)
            defer { p.cleanUp() }
            for (url, words) in [("http://127.0.0.1:99999/v1", "port 99999"), ("https://u:hunter2pw@x.example/v1?a=1", "query"),
                                 ("ftp://u:hunter2pw@x.example/", "expected an http")] {
                let r = try p.run(["models", "--base-url", url])
                #expect(r.status == 2)
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
                #expect(r.stderr.contains(words), "\(r.stderr)")
                #expect(!r.stderr.contains("hunter2pw"))
            }
        }

        @Test func aProfileWhoseKeyVariableIsUnsetSaysWhichVariable() throws {
            let server = StubServer()
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.orKey, config: """
                [servers.local]
                base_url = "\(server.baseURL.absoluteString)"
                api_key_env = "LOCAL_KEY"
                """)
            defer { p.cleanUp() }
            let r = try p.run(["ask", "--server", "local", "-m", "stub/fast", "hi"])
            #expect(r.status == 2)
            #expect(r.stderr == "prism: no key for server 'local': its api_key_env, LOCAL_KEY, is not set in the environment\n")
            #expect(server.requests.isEmpty)
        }
    }
}

extension ProcessSuites {
    @Suite("A server that echoes the key back, run as a process", .serialized)
    struct KeyEchoCommandTests {
        static let key = "sk-or-v1-ECHOMEBACK0123456789abcdef"

        /// Fails if `secret` is in any output or in any file Prism wrote (config.toml aside, which the test wrote).
        private func expectNowhere(_ secrets: [String], outputs: [PrismProcess.Result], files p: PrismProcess) {
            for secret in secrets {
                for r in outputs {
                    #expect(!r.stdout.contains(secret), "stdout: \(r.stdout)")
                    #expect(!r.stderr.contains(secret), "stderr: \(r.stderr)")
                }
                for file in p.writtenFiles() where !file.path.hasSuffix("config.toml") {
                    #expect(!String(decoding: file.data, as: UTF8.self).contains(secret), "in \(file.path)")
                }
            }
        }

        @Test func theEchoedKeyAppearsInNoOutputAndNoFile() throws {
            let server = StubServer()
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            var outputs: [PrismProcess.Result] = []

            // A retryable echo first, so the retry is logged with the server's words.
            server.enqueue(.httpError(status: 503, body: StubBehavior.openRouterErrorBody(
                code: 503, message: "overloaded; you sent Authorization: Bearer \(Self.key)"), headers: ["Retry-After": "0"]))
            let ask = try p.run(["ask", "--save", "-m", "stub/echo-key", "hi"])
            #expect(ask.status == 1)
            #expect(ask.stderr.contains("HTTP 401") && ask.stderr.contains("Bearer [REDACTED]"), "\(ask.stderr)")
            let json = try p.run(["ask", "--json", "--save", "-m", "stub/echo-key", "hi"])
            #expect(json.status == 1)
            let error = try #require(json.stdout.jsonObject?["error"] as? [String: Any])
            #expect((error["message"] as? String)?.contains("[REDACTED]") == true)
            let compare = try p.run(["compare", "--json", "--save", "-m", "stub/echo-key", "-m", "stub/fast", "hi"])
            #expect(compare.status == 1)
            outputs += [ask, json, compare]

            server.echoesCredentialsBack = true
            let models = try p.run(["models", "--refresh"])
            #expect(models.status == 1)
            #expect(models.stderr.contains("401"))
            let key = try p.run(["key"])
            #expect(key.status == 1)
            outputs += [models, key]

            #expect(server.requests.count >= 6)
            #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(Self.key)" }, "the key was sent each time")
            let sessions = p.writtenFiles().filter { $0.path.contains("/sessions/") && $0.path.hasSuffix(".json") }
            #expect(sessions.count >= 3, "each failed exchange was saved, failure record and all")
            let log = try #require(p.writtenFiles().first { $0.path.hasSuffix("prism.log") }, "the retry was logged")
            #expect(String(decoding: log.data, as: UTF8.self).contains("HTTP 503"))
            expectNowhere([Self.key, "ECHOMEBACK0123"], outputs: outputs, files: p)
        }

        @Test func profileKeysSecretHeadersAndURLPasswordsAreNotRepeatedEither() throws {
            let server = StubServer()
            try server.start()
            defer { server.stop() }
            let credentialed = "http://alice:hunter2pw@127.0.0.1:\(server.port)/api/v1"
            var p = try PrismProcess(config: """
                [servers.echo]
                base_url = "\(server.baseURL.absoluteString)"
                api_key_env = "ECHO_KEY"
                headers = { "X-Api-Key" = "header-secret-31337" }
                """)
            defer { p.cleanUp() }
            p.environment["ECHO_KEY"] = "profile-secret-8675309"
            let profile = try p.run(["ask", "--save", "--server", "echo", "-m", "stub/echo-key", "hi"])
            #expect(profile.status == 1)
            let basic = try p.run(["ask", "--save", "--base-url", credentialed, "-m", "stub/echo-key", "hi"])
            #expect(basic.status == 1)
            server.echoesCredentialsBack = true
            let models = try p.run(["models", "--refresh", "--base-url", credentialed])
            #expect(models.status == 1)
            #expect(server.requests.contains { $0.header("authorization") == "Basic " + Data("alice:hunter2pw".utf8).base64EncodedString() })
            expectNowhere(["profile-secret-8675309", "header-secret-31337", "hunter2pw", Data("alice:hunter2pw".utf8).base64EncodedString()],
                          outputs: [profile, basic, models], files: p)
        }
    }
}
