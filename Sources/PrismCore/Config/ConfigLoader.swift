import Foundation

/// Combines flags, environment, config.toml and defaults into a `ResolvedConfig`.
///
/// Precedence is the same for every field: flag > environment > file > default (the model
/// has one more level, the model last chosen in the picker, and demo mode puts a demo
/// model before the default: see `chooseModel`). All
/// inputs are parameters (no process globals) so tests can use temporary XDG folders
/// and a made-up environment.
public enum ConfigLoader {
    /// Environment variable holding the API key.
    public static let apiKeyVariable = "OPENROUTER_API_KEY"
    /// Environment variable overriding the base URL.
    public static let baseURLVariable = "OPENROUTER_BASE_URL"
    /// Environment variable overriding the model.
    public static let modelVariable = "PRISM_MODEL"

    /// Resolves the effective configuration.
    ///
    /// A missing config file means defaults, not an error. Throws `TOMLError` for syntax
    /// or type errors in the file and `ConfigError` for an invalid base URL, an
    /// out-of-range flag or an unreadable file. Non-fatal problems land in `warnings`.
    public static func resolve(
        flags: ConfigOverrides = ConfigOverrides(), environment: [String: String], paths: PrismPaths,
        fileManager: FileManager = .default
    ) throws -> ResolvedConfig {
        let file = paths.configFile
        var warnings: [String] = []
        var config = PrismConfig()
        let loaded = fileManager.fileExists(atPath: file.path)
        if loaded {
            let parsed = try PrismConfig.parse(try readText(file, fileManager: fileManager))
            config = parsed.config
            warnings += parsed.warnings
            if let secret = config.secretHeld, let warning = permissionWarning(for: file, holding: secret, fileManager: fileManager) {
                warnings.append(warning)
            }
        }
        try validate(flags)

        func env(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }

        var sources: [ConfigField: ConfigSource] = [:]
        /// Takes the first non-nil of flag, environment and file, noting which one won.
        func pick<T>(_ field: ConfigField, flag: T? = nil, env: T? = nil, file: T?) -> T? {
            for (value, source) in [(flag, ConfigSource.flag), (env, .environment), (file, .file)] {
                if let value {
                    sources[field] = source
                    return value
                }
            }
            return nil
        }

        let openRouterKey = APIKey(nonEmpty: env(apiKeyVariable)).map { OpenRouterKey(key: $0, source: .environment, origin: apiKeyVariable) }
            ?? config.apiKey.map { OpenRouterKey(key: $0, source: .file, origin: "config.toml api_key") }
        let server = try chooseServer(flags: flags, environmentBaseURL: env(baseURLVariable), file: config,
                                      environment: environment, openRouterKey: openRouterKey)
        sources[.apiKey] = server.keySource
        sources[.baseURL] = server.baseURLSource
        sources[.server] = server.profileSource
        let baseURL = server.baseURL

        var resolved = ResolvedConfig(
            apiKey: server.apiKey,
            model: chooseModel(flag: flags.model, environment: env(modelVariable), file: config.model,
                               lastUsed: PreferencesStore(folder: paths.state).loadPicker().recents.first, demo: flags.demo),
            baseURL: baseURL,
            maxTokens: pick(.maxTokens, flag: flags.maxTokens, file: config.maxTokens) ?? ResolvedConfig.defaultMaxTokens,
            attribution: Attribution(
                referer: pick(.referer, file: config.referer) ?? Attribution.default.referer,
                title: pick(.title, file: config.title) ?? Attribution.default.title),
            // The switcher's last choice comes after every setting the user wrote.
            theme: pick(.theme, flag: flags.theme, file: config.theme)
                ?? PreferencesStore(folder: paths.state).loadTheme() ?? ResolvedConfig.defaultTheme,
            systemPrompt: pick(.systemPrompt, flag: flags.systemPrompt, file: config.systemPrompt),
            temperature: pick(.temperature, flag: flags.temperature, file: config.temperature),
            fallbackModels: pick(.fallbackModels, file: config.fallbackModels) ?? [],
            provider: pick(.provider, file: config.provider),
            reasoning: pick(.reasoning, file: config.reasoning),
            connectTimeout: pick(.connectTimeout, file: config.connectTimeout) ?? ResolvedConfig.defaultConnectTimeout,
            firstByteTimeout: pick(.firstByteTimeout, file: config.firstByteTimeout) ?? ResolvedConfig.defaultFirstByteTimeout,
            idleTimeout: pick(.idleTimeout, file: config.idleTimeout) ?? ResolvedConfig.defaultIdleTimeout,
            maxRetries: pick(.maxRetries, file: config.maxRetries) ?? ResolvedConfig.defaultMaxRetries,
            keyBindings: pick(.keys, file: config.keys) ?? [:],
            modelSets: pick(.sets, file: config.sets) ?? [],
            ignoredModelSets: config.ignoredSets,
            configFile: file,
            configFileLoaded: loaded,
            warnings: warnings,
            sources: sources)
        if let budget = config.budget {
            resolved.budget = budget
            resolved.sources[.budget] = .file
        }
        if let health = config.health {
            resolved.health = health
            resolved.sources[.health] = .file
        }
        if let route = config.route {
            resolved.route = route
            resolved.sources[.route] = .file
        }
        resolved.compareBlind = config.compareBlind ?? false
        resolved.keepPrompts = config.keepPrompts ?? false
        resolved.mcp = config.mcp ?? MCPConfig()
        resolved.toolLoop = config.toolLoop ?? ToolLoopSettings()
        resolved.features = config.features ?? RequestFeatures()
        resolved.server = server.profile
        resolved.apiKeyOrigin = server.keyOrigin
        resolved.serverKeyVariable = server.keyVariable
        resolved.serverHeaders = server.headers
        resolved.keyNotice = server.notice
        resolved.secrets = secrets(openRouterKey: openRouterKey?.key, server: server)
        return resolved
    }

    /// Everything secret this run knows, for redaction: the OpenRouter key (even when held
    /// back), the server's key, secret-looking header values and the base URL's password.
    private static func secrets(openRouterKey: APIKey?, server: ServerChoice) -> [APIKey] {
        var texts = [openRouterKey?.value, server.apiKey?.value].compactMap { $0 }
        for (name, value) in server.headers { texts += SecretHeaders.secrets(name: name, value: value) }
        texts += DisplayURL.secrets(in: server.baseURL)
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }.map(APIKey.init)
    }

    /// Checks a base URL is absolute http(s) with a host, a port from 1 to 65535 and no
    /// query or fragment (paths are appended to it), and drops trailing slashes.
    public static func normalizeBaseURL(_ text: String, origin: String) throws(ConfigError) -> URL {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
              !trimmed.contains(" ")
        else {
            throw ConfigError.invalidBaseURL(text, origin: origin)
        }
        if let port = url.port, !(1...65_535).contains(port) {
            throw ConfigError.invalidBaseURL(text, origin: origin, reason: "port \(port) is not between 1 and 65535")
        }
        if url.query != nil || url.fragment != nil || trimmed.contains("?") || trimmed.contains("#") {
            throw ConfigError.invalidBaseURL(text, origin: origin, reason: "a base URL cannot have a query (?) or fragment (#)")
        }
        return url
    }

    /// The warning for a config file holding `secret` (an API key, by default) that group or others may read, or nil when it is private.
    public static func permissionWarning(for file: URL, holding secret: String = "an API key",
                                         fileManager: FileManager = .default) -> String? {
        guard let attributes = try? fileManager.attributesOfItem(atPath: file.path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue,
              mode & 0o077 != 0
        else { return nil }
        let octal = String(mode & 0o7777, radix: 8)
        let padded = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
        return "config.toml holds \(secret) but is readable by others (mode \(padded)); run: chmod 600 \(file.path)"
    }

    private static func validate(_ flags: ConfigOverrides) throws(ConfigError) {
        if let maxTokens = flags.maxTokens, maxTokens < 1 {
            throw ConfigError.invalidValue("--max-tokens must be at least 1")
        }
        if let temperature = flags.temperature, !(0...2).contains(temperature) {
            throw ConfigError.invalidValue("--temperature must be between 0 and 2")
        }
    }

    private static func readText(_ file: URL, fileManager: FileManager) throws(ConfigError) -> String {
        guard let data = fileManager.contents(atPath: file.path) else {
            throw ConfigError.unreadableFile(path: file.path, reason: "permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError.unreadableFile(path: file.path, reason: "not valid UTF-8")
        }
        return text
    }
}
