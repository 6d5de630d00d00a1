import Foundation
import Testing
@testable import PrismCore

@Suite("MCP config")
struct MCPConfigTests {
    @Test func stdioAndHTTPServersAreRead() throws {
        let (config, warnings) = try PrismConfig.parse("""
            [mcp.servers.time]
            command = "uvx"
            args = ["mcp-server-time", "--local-timezone", "Europe/Paris"]
            env = { TZ_HINT = "${HOME}/x" }
            cwd = "/tmp"
            timeout = 5

            [mcp.servers.remote]
            url = "https://tools.example.com/mcp"
            headers = { Authorization = "Bearer ${TOOLS_TOKEN}" }
            enabled = false
            """)
        #expect(warnings.isEmpty)
        let mcp = try #require(config.mcp)
        #expect(mcp.servers.map(\.name) == ["remote", "time"])
        #expect(mcp["time"] == MCPServerConfig(
            name: "time",
            transport: .stdio(command: "uvx", args: ["mcp-server-time", "--local-timezone", "Europe/Paris"],
                              env: ["TZ_HINT": "${HOME}/x"], cwd: "/tmp"),
            enabled: true, timeout: 5))
        #expect(mcp["remote"]?.enabled == false)
        #expect(mcp["remote"]?.timeout == 60)
        #expect(mcp["remote"]?.endpoint == "http: https://tools.example.com/mcp")
        #expect(mcp["time"]?.endpoint == "stdio: uvx mcp-server-time --local-timezone Europe/Paris")
    }

    @Test func unknownServerKeysWarn() throws {
        let (_, warnings) = try PrismConfig.parse("[mcp.servers.a]\ncommand = \"x\"\ncolour = 1\n")
        #expect(warnings == ["config.toml: unknown key 'mcp.servers.a.colour'"])
    }

    @Test(arguments: [
        ("[mcp.servers.a]\nargs = [\"x\"]\n", 1, "'mcp.servers.a' needs a command (a program to start) or a url (an HTTP endpoint)"),
        ("[mcp.servers.a]\ncommand = \"x\"\nurl = \"https://h/\"\n", 3, "'mcp.servers.a.url' cannot be set together with 'command': choose one"),
        ("[mcp.servers.a]\ncommand = 3\n", 2, "'mcp.servers.a.command' must be a string, not an integer"),
        ("[mcp.servers.a]\ncommand = \"x\"\nargs = \"-v\"\n", 3, "'mcp.servers.a.args' must be an array of strings, not a string"),
        ("[mcp.servers.a]\ncommand = \"x\"\nenv = { A = 1 }\n", 3, "'mcp.servers.a.env.A' must be a string, not an integer"),
        ("[mcp.servers.a]\ncommand = \"x\"\nenv = { \"A B\" = \"1\" }\n", 3, "'mcp.servers.a.env.\"A B\"' is not a valid environment variable name"),
        ("[mcp.servers.a]\nurl = \"ftp://h/\"\n", 2, "'mcp.servers.a.url' must be an http:// or https:// URL with a host"),
        ("[mcp.servers.a]\nurl = \"https://h/\"\nargs = [\"x\"]\n", 3, "'mcp.servers.a.args' is for a command server; a url server takes headers"),
        ("[mcp.servers.a]\ncommand = \"x\"\ntimeout = 0\n", 3, "'mcp.servers.a.timeout' must be between 1 and 86400"),
        ("[mcp.servers.a]\ncommand = \"x\"\nenabled = \"yes\"\n", 3, "'mcp.servers.a.enabled' must be true or false, not a string"),
        ("[mcp.servers.\"a b\"]\ncommand = \"x\"\n", 1, "'mcp.servers.\"a b\"' is not a valid server name: use letters, digits, '-' and '_'"),
    ])
    func badEntriesAreOneLineErrorsNamingServerAndKey(text: String, line: Int, message: String) {
        #expect(throws: TOMLError(fileName: "config.toml", line: line, message: message)) {
            try PrismConfig.parse(text)
        }
    }

    @Test func theOpenRouterKeyIsNeverInherited() throws {
        let env = try MCPEnvironment.build(
            server: "t", env: ["GREETING": "hi ${USER}", "PRICE": "$$5"],
            inherited: ["OPENROUTER_API_KEY": "sk-or-v1-secret", "USER": "ada", "PATH": "/bin"])
        #expect(env == ["USER": "ada", "PATH": "/bin", "GREETING": "hi ada", "PRICE": "$5"])
    }

    @Test func referencingTheKeyOrAnUnsetVariableIsRefused() {
        #expect(throws: ConfigError.invalidValue("mcp.servers.t.env.K: ${OPENROUTER_API_KEY} is never passed to a tool server")) {
            try MCPEnvironment.build(server: "t", env: ["K": "${OPENROUTER_API_KEY}"], inherited: ["OPENROUTER_API_KEY": "sk"])
        }
        #expect(throws: ConfigError.invalidValue("mcp.servers.t.env.OPENROUTER_API_KEY: OPENROUTER_API_KEY is never passed to a tool server")) {
            try MCPEnvironment.build(server: "t", env: ["OPENROUTER_API_KEY": "x"], inherited: [:])
        }
        #expect(throws: ConfigError.invalidValue("mcp.servers.t.headers.Authorization: ${NOPE} is not set in the environment")) {
            try MCPEnvironment.headers(server: "t", ["Authorization": "Bearer ${NOPE}"], inherited: [:])
        }
    }

    @Test func aLiteralSecretHeaderAsksForAPrivateFile() throws {
        let (config, _) = try PrismConfig.parse("[mcp.servers.r]\nurl = \"https://h/\"\nheaders = { Authorization = \"Bearer abcdef123456\" }\n")
        #expect(config.secretHeld == "a secret header (mcp.servers.r.headers.Authorization)")
        let (referenced, _) = try PrismConfig.parse("[mcp.servers.r]\nurl = \"https://h/\"\nheaders = { Authorization = \"Bearer ${T}\" }\n")
        #expect(referenced.secretHeld == nil)
    }

    @Test func resolvedConfigCarriesTheServers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mcpcfg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = PrismPaths(environment: ["XDG_CONFIG_HOME": folder.path + "/c", "XDG_STATE_HOME": folder.path + "/s",
                                             "XDG_CACHE_HOME": folder.path + "/k", "HOME": folder.path])
        try FileManager.default.createDirectory(at: paths.configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[mcp.servers.git]\ncommand = \"mcp-server-git\"\n".write(to: paths.configFile, atomically: true, encoding: .utf8)
        let resolved = try ConfigLoader.resolve(environment: [:], paths: paths)
        #expect(resolved.mcp.servers.map(\.name) == ["git"])
    }
}
