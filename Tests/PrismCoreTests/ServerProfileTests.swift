import Foundation
import Testing
@testable import PrismCore

@Suite("Server profiles in config.toml")
struct ServerProfileParsingTests {
    @Test func profilesAreRead() throws {
        let (config, warnings) = try PrismConfig.parse("""
            server = "gpu"
            [servers.gpu]
            base_url = "http://gpu.lan:8000/v1"
            api_key_env = "GPU_KEY"
            allow_http = true
            headers = { "X-Team" = "prism", "X-Api-Key" = "kkkkkkkkkkkk1234567890" }
            colour = "blue"
            [servers.local-proxy]
            base_url = "http://127.0.0.1:4000"
            """)
        #expect(config.server == "gpu")
        #expect(config.servers?["gpu"] == ServerProfile(
            name: "gpu", baseURL: "http://gpu.lan:8000/v1", apiKeyVariable: "GPU_KEY",
            headers: ["X-Team": "prism", "X-Api-Key": "kkkkkkkkkkkk1234567890"], allowHTTP: true))
        #expect(config.servers?["local-proxy"] == ServerProfile(name: "local-proxy", baseURL: "http://127.0.0.1:4000"))
        #expect(warnings == ["config.toml: unknown key 'servers.gpu.colour'"])
        #expect(config.secretHeld == "a secret header (servers.gpu.headers.X-Api-Key)")
    }

    @Test(arguments: [
        ("[servers.a]\napi_key_env = \"K\"\n", 1, "'servers.a' needs a base_url"),
        ("[servers.a]\nbase_url = \"https://x\"\napi_key_env = \"sk-or-v1-abc\"\n", 3,
         "'servers.a.api_key_env' must name an environment variable (letters, digits and '_'), not hold the key itself"),
        ("[servers.a]\nbase_url = \"https://x\"\nheaders = { \"X-A\" = \"a\\nInjected: b\" }\n", 3,
         "'servers.a.headers.X-A' must not contain line breaks or control characters"),
        ("[servers.a]\nbase_url = \"https://x\"\nheaders = { \"bad header\" = \"v\" }\n", 3,
         "'servers.a.headers.\"bad header\"' is not a valid header name"),
        ("[servers.\"a b\"]\nbase_url = \"https://x\"\n", 1, "'servers.\"a b\"' is not a valid server name: use letters, digits, '-' and '_'"),
        ("servers = 3\n", 1, "'servers' must be a table, not an integer"),
        ("[servers]\na = \"https://x\"\n", 2, "'servers.a' must be a table, not a string"),
        ("[servers.a]\nbase_url = \"https://x\"\nallow_http = \"yes\"\n", 3, "'servers.a.allow_http' must be true or false, not a string"),
    ])
    func brokenProfilesAreErrorsWithLines(text: String, line: Int, message: String) {
        #expect(throws: TOMLError(fileName: "config.toml", line: line, message: message)) {
            try PrismConfig.parse(text)
        }
    }

    @Test func aFileWithASecretHeaderMustBePrivate() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("[servers.a]\nbase_url = \"https://x.example\"\nheaders = { Authorization = \"Bearer abc\" }\n", mode: 0o644)
        let config = try xdg.resolve()
        #expect(config.warnings == [
            "config.toml holds a secret header (servers.a.headers.Authorization) but is readable by others (mode 0644); run: chmod 600 \(xdg.paths.configFile.path)",
        ])
    }
}

@Suite("Which server, which key: the decision in ResolvedConfig")
struct ServerResolutionTests {
    static let orKey = "sk-or-v1-ORKEY0123456789"
    static let profiles = """
        [servers.gpu]
        base_url = "https://gpu.example/v1"
        api_key_env = "GPU_KEY"
        headers = { "X-Team" = "prism" }
        [servers.proxy]
        base_url = "http://127.0.0.1:4000/v1"
        [servers.lan]
        base_url = "http://ollama.lan:11434/v1"
        [servers.lan-ok]
        base_url = "http://ollama.lan:11434/v1"
        allow_http = true
        """

    private func resolve(_ file: String = profiles, flags: ConfigOverrides = ConfigOverrides(),
                         env: [String: String] = ["OPENROUTER_API_KEY": orKey]) throws -> ResolvedConfig {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig(file)
        return try xdg.resolve(flags: flags, env: env)
    }

    private func flags(server: String? = nil, baseURL: String? = nil) -> ConfigOverrides {
        var flags = ConfigOverrides(baseURL: baseURL)
        flags.server = server
        return flags
    }

    @Test func openRouterGetsTheKeyByDefault() throws {
        let config = try resolve()
        #expect(config.baseURL == ResolvedConfig.defaultBaseURL)
        #expect(config.apiKey?.value == Self.orKey)
        #expect(config.apiKeyOrigin == "OPENROUTER_API_KEY")
        #expect(config.server == nil)
        #expect(config.keyNotice == nil)
    }

    @Test func loopbackGetsTheKey() throws {
        for url in ["http://127.0.0.1:8080/v1", "http://localhost:11434/v1", "http://[::1]:9000/v1"] {
            let config = try resolve(flags: flags(baseURL: url))
            #expect(config.apiKey?.value == Self.orKey, "\(url)")
            #expect(config.keyNotice == nil)
        }
    }

    @Test func anotherHostNeverGetsTheOpenRouterKeyAndIsToldHowToGetOne() throws {
        let config = try resolve(flags: flags(baseURL: "https://api.example.com/v1"))
        #expect(config.apiKey == nil)
        #expect(config.source(of: .apiKey) == .default)
        let notice = try #require(config.keyNotice)
        #expect(notice.contains("not sending OPENROUTER_API_KEY to api.example.com"))
        #expect(notice.contains("[servers.NAME]") && notice.contains("api_key_env") && notice.contains("--server NAME"))
        #expect(!notice.contains("\n"))
        #expect("\(config)".contains("api_key = <none: the OpenRouter key is not sent to api.example.com> (default)"))
        #expect(config.secrets.map(\.value).contains(Self.orKey), "still redacted wherever it could appear")
    }

    @Test func aKeyFromTheFileIsHeldBackTooAndNamedAsSuch() throws {
        let config = try resolve("api_key = \"\(Self.orKey)\"\nbase_url = \"https://api.example.com/v1\"\n", env: [:])
        #expect(config.apiKey == nil)
        #expect(config.keyNotice?.hasPrefix("not sending config.toml api_key to api.example.com") == true)
    }

    @Test func aKeyFromTheFileGoesToOpenRouter() throws {
        let config = try resolve("api_key = \"\(Self.orKey)\"\n", env: [:])
        #expect(config.apiKey?.value == Self.orKey)
        #expect(config.source(of: .apiKey) == .file)
        #expect(config.apiKeyOrigin == "config.toml api_key")
    }

    @Test func noNoticeWithoutAKeyToHoldBack() throws {
        let config = try resolve(flags: flags(baseURL: "https://api.example.com/v1"), env: [:])
        #expect(config.keyNotice == nil)
    }

    @Test func aProfileSendsItsOwnKeyAndHeadersNeverTheOpenRouterKey() throws {
        let config = try resolve(flags: flags(server: "gpu"), env: ["OPENROUTER_API_KEY": Self.orKey, "GPU_KEY": "gpu-secret-1"])
        #expect(config.baseURL.absoluteString == "https://gpu.example/v1")
        #expect(config.server == "gpu")
        #expect(config.apiKey?.value == "gpu-secret-1")
        #expect(config.apiKeyOrigin == "$GPU_KEY (server 'gpu')")
        #expect(config.source(of: .apiKey) == .environment)
        #expect(config.source(of: .server) == .flag)
        #expect(config.source(of: .baseURL) == .file)
        #expect(config.serverHeaders == ["X-Team": "prism"])
        #expect(config.keyNotice == nil)
        let shown = "\(config)"
        #expect(shown.contains("server = gpu (flag)"))
        #expect(shown.contains("api_key = …(redacted) from $GPU_KEY (server 'gpu') (environment)"))
        #expect(!shown.contains("gpu-secret-1"))
    }

    @Test func aLoopbackProfileWithoutKeyVariableSendsNoKeyAtAll() throws {
        let config = try resolve(flags: flags(server: "proxy"))
        #expect(config.apiKey == nil)
        #expect(config.serverKeyVariable == nil)
        #expect(config.keyNotice == nil)
    }

    @Test func aProfileWhoseVariableIsUnsetHasNoKeyButNamesTheVariable() throws {
        let config = try resolve(flags: flags(server: "gpu"))
        #expect(config.apiKey == nil)
        #expect(config.serverKeyVariable == "GPU_KEY")
    }

    @Test func plainHTTPOffLoopbackNeedsAProfileThatAllowsIt() throws {
        #expect(throws: ConfigError.invalidValue(
            "server 'lan': plain http to ollama.lan would cross the network unencrypted; use https, or add allow_http = true to [servers.lan] in config.toml")) {
            try resolve(flags: flags(server: "lan"))
        }
        #expect(try resolve(flags: flags(server: "lan-ok")).baseURL.absoluteString == "http://ollama.lan:11434/v1")
        do {
            _ = try resolve(flags: flags(baseURL: "http://ollama.lan:11434/v1"))
            Issue.record("plain http to another host was accepted")
        } catch let error as ConfigError {
            #expect(error.description.contains("allow_http = true"))
            #expect(error.description.contains("--server NAME"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func precedenceOfServerAndBaseURL() throws {
        let env = ["OPENROUTER_API_KEY": Self.orKey, "OPENROUTER_BASE_URL": "http://127.0.0.1:9999/v1"]
        // Top-level keys must come before the first table, so `server` goes first.
        let withDefault = "server = \"proxy\"\n" + Self.profiles
        #expect(try resolve(withDefault, flags: flags(server: "gpu"), env: env).server == "gpu", "--server beats the environment")
        let byFlagURL = try resolve(withDefault, flags: flags(baseURL: "http://localhost:1234/v1"), env: env)
        #expect(byFlagURL.server == nil && byFlagURL.baseURL.absoluteString == "http://localhost:1234/v1")
        let byEnv = try resolve(withDefault, env: env)
        #expect(byEnv.server == nil && byEnv.baseURL.absoluteString == "http://127.0.0.1:9999/v1",
                "OPENROUTER_BASE_URL beats config.toml's server")
        let byFile = try resolve(withDefault)
        #expect(byFile.server == "proxy" && byFile.source(of: .server) == .file)
        #expect(throws: ConfigError.invalidValue("--server and --base-url cannot be used together: a server profile has its own base_url")) {
            try resolve(flags: flags(server: "gpu", baseURL: "https://x.example/v1"))
        }
        #expect(throws: ConfigError.invalidValue(
            "config.toml sets both 'server' and 'base_url': keep one (a [servers.NAME] profile has its own base_url)")) {
            try resolve("server = \"proxy\"\nbase_url = \"https://x.example/v1\"\n" + Self.profiles)
        }
    }

    @Test func unknownServerListsTheKnownOnes() throws {
        #expect(throws: ConfigError.invalidValue("unknown server 'nope' (from --server); config.toml defines: gpu, lan, lan-ok, proxy")) {
            try resolve(flags: flags(server: "nope"))
        }
        #expect(throws: ConfigError.invalidValue("unknown server 'x' (from config.toml server); config.toml defines no [servers.NAME] profiles")) {
            try resolve("server = \"x\"\n")
        }
    }

    @Test func secretsCoverKeysHeadersAndURLPasswords() throws {
        let file = """
            [servers.s]
            base_url = "https://bob:hunter22@secure.example/v1"
            api_key_env = "S_KEY"
            headers = { "X-Api-Key" = "header-secret-value", "X-Team" = "prism" }
            """
        let config = try resolve(file, flags: flags(server: "s"), env: ["OPENROUTER_API_KEY": Self.orKey, "S_KEY": "s-key-value"])
        let secrets = Set(config.secrets.map(\.value))
        for expected in [Self.orKey, "s-key-value", "header-secret-value", "hunter22"] {
            #expect(secrets.contains(expected))
        }
        #expect(!secrets.contains("prism"))
        #expect(!"\(config)".contains("hunter22"))
        #expect(!String(reflecting: config).contains("hunter22"))
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains("hunter22") && !dumped.contains("header-secret-value") && !dumped.contains("s-key-value"))
    }
}

@Suite("Base URL validation")
struct BaseURLValidationTests {
    @Test(arguments: [
        ("http://127.0.0.1:99999/v1", "port 99999 is not between 1 and 65535"),
        ("http://127.0.0.1:0/v1", "port 0 is not between 1 and 65535"),
        ("https://api.example.com/v1?key=1", "a base URL cannot have a query (?) or fragment (#)"),
        ("https://api.example.com/v1#top", "a base URL cannot have a query (?) or fragment (#)"),
    ])
    func refused(url: String, reason: String) {
        #expect(throws: ConfigError.invalidBaseURL(url, origin: "--base-url", reason: reason)) {
            try ConfigLoader.normalizeBaseURL(url, origin: "--base-url")
        }
    }

    @Test func errorsNeverShowAPassword() {
        for text in ["http://u:hunter22@127.0.0.1:99999/v1", "http://u:hunter22@", "ftp://u:hunter22@host/"] {
            let error = ConfigError.invalidBaseURL(text, origin: "--base-url")
            #expect(!error.description.contains("hunter22"), "\(error)")
        }
    }

    @Test func validPortsAndPathsPass() throws {
        #expect(try ConfigLoader.normalizeBaseURL("http://127.0.0.1:65535/v1/", origin: "x").absoluteString == "http://127.0.0.1:65535/v1")
        #expect(try ConfigLoader.normalizeBaseURL("https://openrouter.ai/api/v1", origin: "x").port == nil)
    }
}

@Suite("Server profiles documentation")
struct ServerProfileDocsTests {
    /// The profiles example in docs/config.md's Servers section must parse cleanly.
    @Test func documentedProfilesParse() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/config.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(markdown.range(of: "## Servers\n"))
        let start = try #require(markdown.range(of: "```toml\n", range: section.upperBound..<markdown.endIndex))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let (config, warnings) = try PrismConfig.parse(String(markdown[start.upperBound..<end.lowerBound]))
        #expect(warnings.isEmpty)
        #expect(config.server == "gpu")
        #expect(config.servers?["gpu"]?.allowHTTP == true)
        #expect(config.servers?["gateway"]?.apiKeyVariable == "GATEWAY_TOKEN")
    }
}

@Suite("How the chat screen names a server")
struct ServerLabelTests {
    private func config(_ url: String, server: String? = nil) -> ResolvedConfig {
        var c = ResolvedConfig(baseURL: URL(string: url)!, configFile: URL(fileURLWithPath: "/nonexistent/config.toml"))
        c.server = server
        return c
    }

    @Test func openRouterIsNotNamedAndOtherServersAreByHostAndPort() {
        #expect(config("https://openrouter.ai/api/v1").serverLabel == nil)
        #expect(config("http://localhost:11434/v1").serverLabel == "localhost:11434")
        #expect(config("http://[::1]:8080/v1").serverLabel == "[::1]:8080")
        #expect(config("https://gpu-box.example/v1", server: "gpu").serverLabel == "gpu (gpu-box.example)")
        #expect(config("https://user:secret@proxy.example:8443/v1").serverLabel == "proxy.example:8443", "never the credentials")
    }
}
