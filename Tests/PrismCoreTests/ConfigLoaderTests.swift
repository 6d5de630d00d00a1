import Foundation
import Testing
@testable import PrismCore

/// A throwaway XDG home; each test gets its own folder.
struct TempXDG {
    let root: URL
    let environment: [String: String]
    let paths: PrismPaths

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        environment = [
            "HOME": root.path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_STATE_HOME": root.appendingPathComponent("state").path,
        ]
        paths = PrismPaths(environment: environment)
    }

    func writeConfig(_ text: String, mode: Int = 0o600) throws {
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: paths.configFile.path)
    }

    func resolve(flags: ConfigOverrides = ConfigOverrides(), env extra: [String: String] = [:]) throws -> ResolvedConfig {
        try ConfigLoader.resolve(flags: flags, environment: environment.merging(extra) { $1 }, paths: paths)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

@Suite("Config precedence")
struct ConfigLoaderTests {
    @Test func missingFileGivesDefaults() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let config = try xdg.resolve()
        #expect(config.configFileLoaded == false)
        #expect(config.model.id == "openrouter/auto")
        #expect(config.baseURL.absoluteString == "https://openrouter.ai/api/v1")
        #expect(config.maxTokens == 4096)
        #expect(config.attribution == Attribution(referer: "https://github.com/prism-terminal/prism", title: "Prism"))
        #expect(config.theme == "default")
        #expect(config.idleTimeout == 300 && config.connectTimeout == 10 && config.firstByteTimeout == 60)
        #expect(config.maxRetries == 3)
        #expect(config.apiKey == nil)
        #expect(config.temperature == nil)
        #expect(config.isOpenRouter)
        #expect(config.warnings.isEmpty)
        #expect(ConfigField.allCases.allSatisfy { config.source(of: $0) == .default })
    }

    static let fileText = """
        model = "file/model"
        base_url = "https://file.example/v1/"
        api_key = "sk-or-v1-filekey"
        max_tokens = 1000
        theme = "file-theme"
        temperature = 0.5
        system_prompt = "from file"
        """

    @Test func fileBeatsDefaults() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig(Self.fileText)
        let config = try xdg.resolve()
        #expect(config.model.id == "file/model")
        #expect(config.baseURL.absoluteString == "https://file.example/v1")
        #expect(config.apiKey == nil, "the OpenRouter key is not sent to file.example")
        #expect(config.keyNotice?.contains("config.toml api_key") == true)
        #expect(config.maxTokens == 1000)
        #expect(config.theme == "file-theme")
        #expect(config.temperature == 0.5)
        #expect(config.systemPrompt == "from file")
        for field in [ConfigField.model, .baseURL, .maxTokens, .theme, .temperature, .systemPrompt] {
            #expect(config.source(of: field) == .file)
        }
        #expect(!config.isOpenRouter)
    }

    @Test func aChainLongerThanOpenRouterTakesIsCutWithAWarning() throws {
        let xdg = try TempXDG()
        try xdg.writeConfig("""
            fallback_models = ["a/one", "b/two", "c/three"]
            """)
        let config = try xdg.resolve()
        #expect(config.fallbackModels == ["a/one", "b/two"])
        #expect(config.warnings == ["config.toml line 1: OpenRouter takes 3 models with the main one: only the first 2 fallbacks are used"])
    }

    @Test func environmentBeatsFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig(Self.fileText)
        let config = try xdg.resolve(env: [
            "OPENROUTER_API_KEY": "sk-or-v1-envkey", "OPENROUTER_BASE_URL": "http://127.0.0.1:8080/v1",
            "PRISM_MODEL": "env/model",
        ])
        #expect(config.apiKey?.value == "sk-or-v1-envkey")
        #expect(config.baseURL.absoluteString == "http://127.0.0.1:8080/v1")
        #expect(config.model.id == "env/model")
        #expect(config.source(of: .apiKey) == .environment)
        #expect(config.source(of: .baseURL) == .environment)
        #expect(config.source(of: .model) == .environment)
        #expect(config.source(of: .maxTokens) == .file)
    }

    @Test func flagsBeatEnvironmentAndFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig(Self.fileText)
        let flags = ConfigOverrides(
            model: "flag/model", baseURL: "https://flag.example/api/", maxTokens: 77, theme: "flag-theme",
            temperature: 1.25, systemPrompt: "from flag")
        let config = try xdg.resolve(flags: flags, env: [
            "OPENROUTER_BASE_URL": "http://127.0.0.1:8080/v1", "PRISM_MODEL": "env/model",
        ])
        #expect(config.model.id == "flag/model")
        #expect(config.baseURL.absoluteString == "https://flag.example/api")
        #expect(config.maxTokens == 77)
        #expect(config.theme == "flag-theme")
        #expect(config.temperature == 1.25)
        #expect(config.systemPrompt == "from flag")
        for field in [ConfigField.model, .baseURL, .maxTokens, .theme, .temperature, .systemPrompt] {
            #expect(config.source(of: field) == .flag)
        }
        #expect(config.apiKey == nil, "the OpenRouter key is not sent to flag.example")
        #expect(config.source(of: .apiKey) == .default)
    }

    @Test func flagsBeatDefaultsWithoutFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let config = try xdg.resolve(flags: ConfigOverrides(model: "m", maxTokens: 5))
        #expect(config.model.id == "m")
        #expect(config.maxTokens == 5)
        #expect(config.source(of: .model) == .flag)
        #expect(config.source(of: .baseURL) == .default)
    }

    @Test func emptyEnvironmentValuesAreIgnored() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let config = try xdg.resolve(env: ["OPENROUTER_API_KEY": "  ", "PRISM_MODEL": ""])
        #expect(config.apiKey == nil)
        #expect(config.model.id == "openrouter/auto")
    }

    @Test func fileOnlySettingsAreRead() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("""
            fallback_models = ["a/one", "b/two"]
            request_timeout = 90
            max_retries = 0
            [attribution]
            referer = "https://example.com"
            title = "Mine"
            [provider]
            order = ["openai", "together"]
            allow_fallbacks = false
            data_collection = "deny"
            zdr = true
            only = ["openai"]
            ignore = ["deepinfra"]
            sort = "throughput"
            [reasoning]
            effort = "high"
            exclude = true
            [keys]
            quit = "ctrl+q"
            "send" = "enter"
            """)
        let config = try xdg.resolve()
        #expect(config.fallbackModels == ["a/one", "b/two"])
        #expect(config.idleTimeout == 90)
        #expect(config.maxRetries == 0)
        #expect(config.attribution == Attribution(referer: "https://example.com", title: "Mine"))
        #expect(config.provider == ProviderPreferences(
            order: ["openai", "together"], allowFallbacks: false, dataCollection: "deny", zdr: true,
            only: ["openai"], ignore: ["deepinfra"], sort: "throughput"))
        #expect(config.reasoning == ReasoningSettings(effort: "high", exclude: true))
        #expect(config.keyBindings == ["quit": "ctrl+q", "send": "enter"])
        #expect(config.requestSettings.fallbackModels == ["a/one", "b/two"])
        #expect(config.maxTokens == 4096)
        #expect(config.requestSettings.maxTokens == nil, "a cap, applied per model when a request is built")
        #expect(config.source(of: .provider) == .file)
        #expect(config.warnings.isEmpty)
    }

    @Test(arguments: ["not a url", "ftp://example.com", "openrouter.ai/api/v1", "https://"])
    func invalidBaseURLIsAnError(url: String) throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect(throws: ConfigError.invalidBaseURL(url, origin: "OPENROUTER_BASE_URL")) {
            try xdg.resolve(env: ["OPENROUTER_BASE_URL": url])
        }
        let error = ConfigError.invalidBaseURL(url, origin: "--base-url")
        #expect(!error.description.contains("\n"))
    }

    @Test func invalidBaseURLInFileNamesTheFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("base_url = \"nope\"\n")
        #expect(throws: ConfigError.invalidBaseURL("nope", origin: "config.toml base_url")) { try xdg.resolve() }
    }

    @Test func outOfRangeFlagsAreErrors() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect(throws: ConfigError.invalidValue("--max-tokens must be at least 1")) {
            try xdg.resolve(flags: ConfigOverrides(maxTokens: 0))
        }
        #expect(throws: ConfigError.invalidValue("--temperature must be between 0 and 2")) {
            try xdg.resolve(flags: ConfigOverrides(temperature: 3))
        }
    }

    @Test func syntaxErrorInFileIsThrownWithLine() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("model = \"x\"\ntheme \"y\"\n")
        #expect(throws: TOMLError(fileName: "config.toml", line: 2, message: "expected '=' after key")) {
            try xdg.resolve()
        }
    }

    @Test func localServerIsNotOpenRouter() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect(try !xdg.resolve(env: ["OPENROUTER_BASE_URL": "http://localhost:11434/v1"]).isOpenRouter)
        #expect(try xdg.resolve(env: ["OPENROUTER_BASE_URL": "https://eu.openrouter.ai/api/v1"]).isOpenRouter)
        #expect(try !xdg.resolve(env: ["OPENROUTER_BASE_URL": "https://notopenrouter.ai/v1"]).isOpenRouter)
    }
}
