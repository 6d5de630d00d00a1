import Foundation

/// The effective configuration after flags, environment, config file and defaults, with each value's origin.
///
/// Safe to print, log and `dump`: the API key only ever shows as `sk-or-…(redacted)`
/// or `<none>`. Build it with `ConfigLoader.resolve`.
public struct ResolvedConfig: Sendable, Equatable {
    public static let defaultModel = "openrouter/auto"
    public static let defaultBaseURL = URL(string: "https://openrouter.ai/api/v1")!
    public static let defaultMaxTokens = 4096
    public static let defaultTheme = "default"
    /// Why these three: see docs/config.md, "Timeouts".
    public static let defaultConnectTimeout: Double = 10
    public static let defaultFirstByteTimeout: Double = 60
    public static let defaultIdleTimeout: Double = 300
    public static let defaultMaxRetries = 3

    /// The key sent to this server: the OpenRouter key only for OpenRouter and loopback, a
    /// profile's own key for a profile, else nil (see `ConfigLoader.chooseServer`).
    public var apiKey: APIKey?
    /// The model and what picked it: the one decision every front end reads (see `ConfigLoader.chooseModel`).
    public var model: ModelChoice
    /// No trailing slash, so paths can be appended as `/chat/completions`. May hold a user
    /// and password for basic auth: show it only as `baseURL.displayString`.
    public var baseURL: URL
    /// The `[servers.NAME]` profile in use, or nil for a bare base URL (or OpenRouter).
    public var server: String? = nil
    /// Where `apiKey` came from, in words: `OPENROUTER_API_KEY`, `config.toml api_key`, `$NAME (server 'x')`.
    public var apiKeyOrigin: String? = nil
    /// The profile's `api_key_env`, so a variable that is not set can be named.
    public var serverKeyVariable: String? = nil
    /// The profile's extra headers, sent with every request.
    public var serverHeaders: [String: String] = [:]
    /// One line for stderr when the OpenRouter key is held back from this server, saying how to give it a key.
    public var keyNotice: String? = nil
    /// Every secret this run knows (keys, secret header values, the URL's password), for redaction.
    public var secrets: [APIKey] = []
    /// `[web]`, `[pdf]`, `[cache]`: web search defaults, the PDF engine, prompt caching.
    public var features = RequestFeatures()
    /// Default cap for replies.
    public var maxTokens: Int
    public var attribution: Attribution
    public var theme: String
    public var systemPrompt: String?
    public var temperature: Double?
    public var fallbackModels: [String]
    public var provider: ProviderPreferences?
    public var reasoning: ReasoningSettings?
    /// Seconds to open a connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds from sending a request until the response begins.
    public var firstByteTimeout: Double
    /// Seconds a reply may go without content (keep-alive comments do not count).
    public var idleTimeout: Double
    public var maxRetries: Int
    /// The raw `[keys]` table, action to key spec, for the TUI.
    public var keyBindings: [String: String]
    /// config.toml's `[sets]`, valid ones only, in file order.
    public var modelSets: [ModelSet]
    /// Entries of `[sets]` that were skipped, by name, each with its warning (so "unknown set" can say why).
    public var ignoredModelSets: [String: String]
    /// `[budget]`: the caps every front end checks before sending (all off by default).
    public var budget = BudgetCaps()
    /// `[health]`: when a model's circuit opens and how long it is skipped.
    public var health = HealthSettings()
    /// `[route]`: how `prism route` weighs candidates, and which it weighs.
    public var route = RouteSettings()
    /// `[compare] blind`: the chat screen compares blind by default.
    public var compareBlind = false
    /// `[history] keep_prompts`: whether the reply history keeps prompt text (default false).
    public var keepPrompts = false
    /// `[mcp.servers.NAME]`: the MCP tool servers (none unless configured).
    public var mcp = MCPConfig()
    /// `[tools]`: rounds per turn and the result size cap of the chat screen's tool loop.
    public var toolLoop = ToolLoopSettings()
    /// Where the config file is (or would be).
    public var configFile: URL
    /// Whether the config file existed and was read.
    public var configFileLoaded: Bool
    /// Messages for stderr: unknown keys, a key in a file readable by others.
    public var warnings: [String]
    /// Origin of each field; fields not listed came from defaults. The model's is `model.source`.
    public var sources: [ConfigField: ConfigSource]

    public init(
        apiKey: APIKey? = nil, model: ModelChoice = .builtIn, baseURL: URL = defaultBaseURL,
        maxTokens: Int = defaultMaxTokens, attribution: Attribution = .default, theme: String = defaultTheme,
        systemPrompt: String? = nil, temperature: Double? = nil, fallbackModels: [String] = [],
        provider: ProviderPreferences? = nil, reasoning: ReasoningSettings? = nil,
        connectTimeout: Double = defaultConnectTimeout, firstByteTimeout: Double = defaultFirstByteTimeout,
        idleTimeout: Double = defaultIdleTimeout, maxRetries: Int = defaultMaxRetries,
        keyBindings: [String: String] = [:], modelSets: [ModelSet] = [], ignoredModelSets: [String: String] = [:], configFile: URL, configFileLoaded: Bool = false,
        warnings: [String] = [], sources: [ConfigField: ConfigSource] = [:]
    ) {
        self.apiKey = apiKey
        self.model = model
        self.baseURL = baseURL
        self.maxTokens = maxTokens
        self.attribution = attribution
        self.theme = theme
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.fallbackModels = fallbackModels
        self.provider = provider
        self.reasoning = reasoning
        self.connectTimeout = connectTimeout
        self.firstByteTimeout = firstByteTimeout
        self.idleTimeout = idleTimeout
        self.maxRetries = maxRetries
        self.keyBindings = keyBindings
        self.modelSets = modelSets
        self.ignoredModelSets = ignoredModelSets
        self.configFile = configFile
        self.configFileLoaded = configFileLoaded
        self.warnings = warnings
        self.sources = sources
    }

    /// Where a field's value came from (`.default` when nothing set it).
    public func source(of field: ConfigField) -> ConfigSource {
        field == .model ? model.source : sources[field] ?? .default
    }

    /// True when talking to OpenRouter itself (host `openrouter.ai` or a subdomain), not a local server.
    public var isOpenRouter: Bool {
        KeyScope.isOpenRouter(baseURL.host ?? "")
    }

    /// How the screen names the server when it is not OpenRouter: the profile's name and its
    /// host (`gpu (gpu-box.example)`), or the base URL's host and port (`localhost:11434`);
    /// nil for OpenRouter. Never the path, user or password of the URL.
    public var serverLabel: String? {
        guard !isOpenRouter else { return nil }
        let host = baseURL.host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "the server"
        let address = host + (baseURL.port.map { ":\($0)" } ?? "")
        return server.map { "\($0) (\(address))" } ?? address
    }

    /// The request parameters a new conversation starts with.
    /// The settings a new session starts with. `max_tokens` is not among them: it is a cap
    /// (`ChatRequest.build` lowers it to each model's own limit), and a value here would read
    /// as the user's explicit choice for every model.
    public var requestSettings: RequestSettings {
        RequestSettings(temperature: temperature, fallbackModels: fallbackModels, provider: provider, reasoning: reasoning,
                        pdfEngine: features.pdfEngine)
    }

    /// One `name = value (source)` line per field, for `prism config` style output. Never shows the key.
    public var explanation: [String] {
        ConfigField.allCases.map { field in "\(field.rawValue) = \(display(field)) (\(source(of: field).rawValue))" }
    }

    private func display(_ field: ConfigField) -> String {
        switch field {
        case .apiKey: return keyDisplay
        case .model: return model.id
        case .baseURL: return baseURL.displayString
        case .server: return server ?? "<none>"
        case .maxTokens: return String(maxTokens)
        case .referer: return attribution.referer
        case .title: return attribution.title
        case .theme: return theme
        case .systemPrompt: return systemPrompt.map { "\"\($0.count > 40 ? $0.prefix(40) + "…" : $0)\"" } ?? "<none>"
        case .fallbackModels: return "[\(fallbackModels.joined(separator: ", "))]"
        case .temperature: return temperature.map { String($0) } ?? "<provider default>"
        case .provider: return provider.map { String(describing: $0) } ?? "<none>"
        case .reasoning: return reasoning.map { String(describing: $0) } ?? "<none>"
        case .connectTimeout: return "\(Self.trim(connectTimeout))s"
        case .firstByteTimeout: return "\(Self.trim(firstByteTimeout))s"
        case .idleTimeout: return "\(Self.trim(idleTimeout))s"
        case .maxRetries: return String(maxRetries)
        case .keys: return "\(keyBindings.count) binding(s)"
        case .sets: return modelSets.isEmpty ? "<none>" : modelSets.map(\.name).joined(separator: ", ")
        case .budget: return BudgetSummary.line(budget)
        case .health: return "\(health.failures) failures in \(Self.trim(health.window))s, cool-down \(Self.trim(health.cooldown))s"
        case .route:
            let w = route.weights.normalized
            return String(format: "quality %.2f, cost %.2f, speed %.2f, specialization %.2f", w.quality, w.cost, w.speed, w.specialization)
                + (route.candidates.isEmpty ? "; candidates: favourites" : "; candidates: " + route.candidates.joined(separator: ", "))
        }
    }

    /// The key as `prism` may show it: redacted, with its origin when it came from a profile.
    private var keyDisplay: String {
        if let apiKey, let apiKeyOrigin, server != nil { return "\(apiKey) from \(apiKeyOrigin)" }
        if apiKey == nil, keyNotice != nil, let host = baseURL.host { return "<none: the OpenRouter key is not sent to \(host)>" }
        return APIKey.display(apiKey)
    }

    private static func trim(_ number: Double) -> String {
        number.rounded() == number ? String(Int(number)) : String(number)
    }
}

extension ResolvedConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The explanation lines joined by newlines.
    public var description: String { explanation.joined(separator: "\n") }

    public var debugDescription: String {
        "ResolvedConfig(model: \(model.id), baseURL: \(baseURL.displayString), server: \(server ?? "<none>"), apiKey: \(APIKey.display(apiKey)), "
            + "maxTokens: \(maxTokens), theme: \(theme), configFile: \(configFile.path))"
    }

    /// Reflection shows the redacted key as a plain string, so `dump` cannot reach the secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "apiKey": APIKey.display(apiKey), "model": model.id, "baseURL": baseURL.displayString, "server": server as Any, "maxTokens": maxTokens,
            "attribution": attribution, "theme": theme, "systemPrompt": systemPrompt as Any,
            "temperature": temperature as Any, "fallbackModels": fallbackModels, "provider": provider as Any,
            "reasoning": reasoning as Any, "connectTimeout": connectTimeout, "firstByteTimeout": firstByteTimeout, "idleTimeout": idleTimeout, "maxRetries": maxRetries,
            "keyBindings": keyBindings, "modelSets": modelSets.map(\.name), "configFile": configFile.path, "warnings": warnings,
        ], displayStyle: .struct)
    }
}
