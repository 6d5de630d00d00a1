import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// `prism mcp …` with servers that hold tokens and say hostile things: no token in any
    /// output, log or file Prism writes, secret settings printed masked, no raw escapes.
    @Suite("prism mcp: secrets and hostile text", .serialized)
    struct MCPSecretsCommandTests {
        static let token = "tok_live_4f9a8b7c6d5e"
        static let script = MCPCommandTests.fixtures.appendingPathComponent("fake_server.py").path

        /// The fake server with `env`; with `remote`, an HTTP server too, which no test starts (it is not there).
        static func prism(env: String, remote: Bool = false, baseURL: URL? = nil) throws -> PrismProcess {
            var p = try PrismProcess(key: MCPCommandTests.key, baseURL: baseURL, config: """
                [mcp.servers.fake]
                command = "python3"
                args = ["\(script)"]
                env = { \(env) }
                """ + (remote ? """

                [mcp.servers.remote]
                url = "https://mcp.example.com/mcp"
                headers = { Authorization = "Bearer sk-literal-0123456789abc", X-Trace = "abc" }
                """ : ""))
            p.environment["FROM_SHELL"] = token
            return p
        }

        @Test func aServersTokenIsInNoOutputLogOrFile() throws {
            let p = try Self.prism(env: #"FAKE_LEAK = "SERVICE_TOKEN", SERVICE_TOKEN = "${FROM_SHELL}""#)
            defer { p.cleanUp() }
            let call = try p.run(["mcp", "call", "fake", "fail"])
            #expect(call.status == 1)
            #expect(call.stdout == "it went wrong: token [REDACTED] was refused\n")
            let json = try p.run(["mcp", "call", "fake", "fail", "--json"])
            #expect(json.stdout.contains("it went wrong: token [REDACTED] was refused"))
            let list = try p.run(["mcp", "list", "--start", "--json"])
            let tools = try p.run(["mcp", "tools", "fake"])
            #expect(tools.status == 0, "\(tools.stderr)")
            let log = try String(contentsOf: p.home.appendingPathComponent("state/prism/prism.log"), encoding: .utf8)
            #expect(log.contains("stderr: connecting with token [REDACTED] server=fake"))
            for r in [call, json, list, tools] {
                #expect(!r.stdout.contains(Self.token) && !r.stderr.contains(Self.token))
            }
            for file in p.writtenFiles() {
                #expect(!String(decoding: file.data, as: UTF8.self).contains(Self.token), "\(file.path)")
            }
        }

        @Test func askWithToolsKeepsTheTokenFromJSONTheSessionAndTheModel() throws {
            let stub = StubServer(requiredKey: MCPCommandTests.key)
            try stub.start()
            defer { stub.stop() }
            let p = try Self.prism(env: #"FAKE_LEAK = "SERVICE_TOKEN", SERVICE_TOKEN = "${FROM_SHELL}""#, baseURL: stub.baseURL)
            defer { p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/agent", "--tool", "fake", "--yes", "--save", "--json", "use fail {}"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("it went wrong: token [REDACTED] was refused"))
            #expect(r.stderr.contains("prism: tool: fake/fail failed"))
            let sent = try #require(stub.chatRequests.last).body
            #expect(String(decoding: sent, as: UTF8.self).contains("token [REDACTED] was refused"), "the model reads the redacted result")
            #expect(!(r.stdout + r.stderr).contains(Self.token))
            for request in stub.requests { #expect(!String(decoding: request.body, as: UTF8.self).contains(Self.token)) }
            let files = p.writtenFiles()
            #expect(files.contains { $0.path.contains("/sessions/") })
            for file in files { #expect(!String(decoding: file.data, as: UTF8.self).contains(Self.token), "\(file.path)") }
        }

        @Test func listShowsSecretSettingsMasked() throws {
            let p = try Self.prism(env: #"API_KEY = "literal-key-0123456", SERVICE_TOKEN = "${FROM_SHELL}", DEBUG = "1""#, remote: true)
            defer { p.cleanUp() }
            let r = try p.run(["mcp", "list"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("\nfake env: API_KEY=******** DEBUG=1 SERVICE_TOKEN=${FROM_SHELL}\n"), "\(r.stdout)")
            #expect(r.stdout.contains("\nremote headers: Authorization=******** X-Trace=abc\n"), "\(r.stdout)")
            let json = try p.run(["mcp", "list", "--json"])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect((list.first { $0["name"] as? String == "remote" }?["headers"] as? [String: String])?["Authorization"] == "********")
            #expect((list.first { $0["name"] as? String == "fake" }?["env"] as? [String: String])?["API_KEY"] == "********")
            for output in [r.stdout, json.stdout] {
                #expect(!output.contains("literal-key-0123456") && !output.contains("sk-literal-0123456789abc"))
            }
        }

        @Test func hostileToolTextReachesNoOutputRaw() throws {
            let p = try Self.prism(env: #"FAKE_HOSTILE = "1""#)
            defer { p.cleanUp() }
            let tools = try p.run(["mcp", "tools", "fake"])
            #expect(tools.stdout.contains("fake/echo   Echo ␛[2J text ␛]52;c;cHduZWQ= back esrever"), "\(tools.stdout)")
            let list = try p.run(["mcp", "list", "--start"])
            let call = try p.run(["mcp", "call", "fake", "echo", #"{"text": "a\u001b[2Jb\u001b]52;c;eA==\u0007c\u202ed"}"#])
            #expect(call.stdout == "a[2Jb]52;c;eA==c\u{202E}d\n", "a pipe gets the export form: controls dropped")
            for r in [tools, list, call] {
                #expect(r.status == 0, "\(r.stderr)")
                #expect(!(r.stdout + r.stderr).unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
            }
        }

        @Test func importNeverPrintsTheValuesItWrites() throws {
            let p = try Self.prism(env: #"DEBUG = "1""#)
            defer { p.cleanUp() }
            let file = p.home.appendingPathComponent("servers.json")
            try Data("""
                {"mcpServers": {"gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": "ghp_importedsecret0123"}}}}
                """.utf8).write(to: file)
            let dry = try p.run(["mcp", "import", file.path, "--dry-run"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("env = { GITHUB_TOKEN = \"********\" }"))
            #expect(dry.stderr.contains("secret values are shown as ********"))
            let real = try p.run(["mcp", "import", file.path])
            #expect(real.status == 0, "\(real.stderr)")
            let list = try p.run(["mcp", "list"])
            #expect(list.stdout.contains("gh env: GITHUB_TOKEN=********"))
            for r in [dry, real, list] { #expect(!(r.stdout + r.stderr).contains("ghp_importedsecret0123")) }
            let config = try String(contentsOf: p.home.appendingPathComponent("config/prism/config.toml"), encoding: .utf8)
            #expect(config.contains("GITHUB_TOKEN = \"ghp_importedsecret0123\""), "the file gets the value as written")
        }
    }
}
