import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension ProcessSuites {
    /// `prism mcp …` run as a user would, against the fixture stdio server (python3, standard library only).
    @Suite("prism mcp, run as a process", .serialized)
    struct MCPCommandTests {
        static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../PrismToolsTests/Fixtures").standardized
        static let key = "sk-or-v1-MCPKEY0123456789abcdef"

        static func prism(extra: String = "") throws -> PrismProcess {
            try PrismProcess(key: key, config: """
                [mcp.servers.fake]
                command = "python3"
                args = ["\(fixtures.appendingPathComponent("fake_server.py").path)"]
                \(extra)
                """)
        }

        @Test func listShowsServersWithoutStartingThem() throws {
            let p = try Self.prism()
            defer { p.cleanUp() }
            let r = try p.run(["mcp", "list"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("fake    not started      -  yes      stdio: python3 "))
            let started = try p.run(["mcp", "list", "--start", "--json"])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(started.stdout.utf8)) as? [[String: Any]])
            #expect(list.first?["state"] as? String == "running")
            #expect((list.first?["tools"] as? [[String: Any]])?.count == 8)
        }

        @Test func toolsAndCallPrintWhatTheServerGives() throws {
            let p = try Self.prism()
            defer { p.cleanUp() }
            let tools = try p.run(["mcp", "tools", "fake"])
            #expect(tools.status == 0, "\(tools.stderr)")
            #expect(tools.stdout.contains("fake/echo   Echo text back"))
            let call = try p.run(["mcp", "call", "fake", "echo", "{\"text\": \"hello from a tool\"}"])
            #expect(call.status == 0, "\(call.stderr)")
            #expect(call.stdout == "hello from a tool\n")
            let failing = try p.run(["mcp", "call", "fake", "fail"])
            #expect(failing.status == 1)
            #expect(failing.stdout == "it went wrong\n")
            #expect(failing.stderr == "prism: fake/fail reported an error\n")
        }

        @Test func theServerNeverSeesTheOpenRouterKey() throws {
            let p = try Self.prism()
            defer { p.cleanUp() }
            let r = try p.run(["mcp", "call", "fake", "env", "{\"name\": \"OPENROUTER_API_KEY\"}"])
            #expect(r.stdout == "<unset>\n")
            #expect(!p.writtenFiles().contains { String(decoding: $0.data, as: UTF8.self).contains(Self.key) })
        }

        @Test func badInputIsExitTwoWithOneLine() throws {
            let p = try Self.prism()
            defer { p.cleanUp() }
            let server = try p.run(["mcp", "call", "nope", "echo"])
            #expect(server.status == 2)
            #expect(server.stderr.hasPrefix("prism: no MCP server named nope in "))
            #expect(server.stderr.hasSuffix("(configured: fake)\n"))
            let tool = try p.run(["mcp", "call", "fake", "nope"])
            #expect(tool.status == 2)
            #expect(tool.stderr == "prism: fake has no tool named nope (it has: echo, image, crash, hang, slow, pid, env, fail)\n")
            let json = try p.run(["mcp", "call", "fake", "echo", "not json"])
            #expect(json.status == 2)
            #expect(json.stderr == "prism: the arguments must be a JSON object, e.g. '{\"timezone\": \"UTC\"}'\n")
            let tools = try p.run(["mcp", "tools", "nope"])
            #expect(tools.status == 2)
        }

        @Test func aCrashIsReportedWithTheServersLastLine() throws {
            let p = try Self.prism()
            defer { p.cleanUp() }
            let r = try p.run(["mcp", "call", "fake", "crash"])
            #expect(r.status == 1)
            #expect(r.stderr == "prism: tool server fake exited with status 1: boom: the fake server crashed\n")
            let log = try String(contentsOf: p.home.appendingPathComponent("state/prism/prism.log"), encoding: .utf8)
            #expect(log.contains("stderr: boom: the fake server crashed server=fake"))
        }

        @Test func importAddsServersAndKeepsExistingOnes() throws {
            let p = try Self.prism()
            defer { p.cleanUp() }
            let fixture = Self.fixtures.appendingPathComponent("claude_desktop_config.json").path
            let configFile = p.home.appendingPathComponent("config/prism/config.toml")
            let before = try String(contentsOf: configFile, encoding: .utf8)
            let dry = try p.run(["mcp", "import", fixture, "--dry-run"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("[mcp.servers.filesystem]\ncommand = \"npx\"\n"))
            #expect(try String(contentsOf: configFile, encoding: .utf8) == before)
            let r = try p.run(["mcp", "import", fixture])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("prism: skipped legacy: uses the older SSE transport"))
            let after = try String(contentsOf: configFile, encoding: .utf8)
            #expect(after.hasPrefix(before))
            let list = try p.run(["mcp", "list"])
            for name in ["Linear-Remote", "fake", "filesystem", "off", "time"] { #expect(list.stdout.contains("\n\(name) ")) }
            let again = try p.run(["mcp", "import", fixture])
            #expect(again.stderr.contains("prism: skipped time: config.toml already has a server of that name"))
            #expect(again.stderr.hasSuffix("prism: nothing to import\n"))
            #expect(try String(contentsOf: configFile, encoding: .utf8) == after)
        }

        /// The server a prism process started must not outlive it, however prism ends.
        @Test(arguments: [SIGKILL, SIGTERM])
        func noServerOutlivesPrism(signal: Int32) throws {
            let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("prism-mcp-pid-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: pidFile) }
            let p = try Self.prism(extra: "env = { FAKE_PID_FILE = \"\(pidFile.path)\" }")
            defer { p.cleanUp() }
            let run = try RunningPrism(p, ["mcp", "call", "fake", "slow"])
            var serverPid: Int32?
            let deadline = Date().addingTimeInterval(20)
            while serverPid == nil, Date() < deadline {
                serverPid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            let pid = try #require(serverPid)
            Thread.sleep(forTimeInterval: 0.3)  // the call is in flight
            run.send(signal)
            #expect(run.wait() == 128 + signal)
            var gone = false
            let until = Date().addingTimeInterval(5)
            while !gone, Date() < until {
                gone = Self.isGone(pid)
                if !gone { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(gone, "server \(pid) outlived prism")
            if !gone { kill(pid, SIGKILL) }
        }

        static func isGone(_ pid: Int32) -> Bool {
            if kill(pid, 0) != 0 { return errno == ESRCH }
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return true }
            return stat[stat.index(close, offsetBy: 2)] == "Z"
        }
    }
}
