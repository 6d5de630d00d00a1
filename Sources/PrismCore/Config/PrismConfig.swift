import Foundation

/// What config.toml said, field by field, before flags, environment and defaults apply.
///
/// Every field is optional: nil means "not in the file", so `ConfigLoader` can tell a
/// file value from a default and report where each effective value came from. The
/// format is documented in `docs/config.md`.
public struct PrismConfig: Sendable, Equatable {
    public var model: String?
    public var baseURL: String?
    /// `server`: the `[servers.NAME]` profile to use when no flag or environment variable picks the server.
    public var server: String?
    /// `[servers.NAME]` profiles, by name.
    public var servers: [String: ServerProfile]?
    /// Allowed but discouraged; the file must then be mode 0600.
    public var apiKey: APIKey?
    public var maxTokens: Int?
    /// `[attribution] referer`, sent as `HTTP-Referer`.
    public var referer: String?
    /// `[attribution] title`, sent as `X-Title`.
    public var title: String?
    public var theme: String?
    public var systemPrompt: String?
    public var fallbackModels: [String]?
    public var temperature: Double?
    public var provider: ProviderPreferences?
    public var reasoning: ReasoningSettings?
    /// Seconds to open a connection (`connect_timeout`).
    public var connectTimeout: Double?
    /// Seconds from sending a request until the response begins (`first_byte_timeout`).
    public var firstByteTimeout: Double?
    /// Seconds a reply may go without content (`idle_timeout`, or the older `request_timeout`).
    public var idleTimeout: Double?
    public var maxRetries: Int?
    /// `[keys]`, kept raw (action name to key spec) for the TUI to interpret.
    public var keys: [String: String]?
    /// `[sets]`: named lists of models for compare mode, in file order (bad entries are skipped with a warning).
    public var sets: [ModelSet]?
    /// Entries of `[sets]` that were skipped, by name, each with its warning.
    public var ignoredSets: [String: String] = [:]
    /// `[budget]`: spending caps, the warning fraction, when to ask first and the credit floor.
    public var budget: BudgetCaps?
    /// `[health]`: the circuit breaker's thresholds.
    public var health: HealthSettings?
    /// `[route]`: the routing score's weights and candidates.
    public var route: RouteSettings?
    /// `[compare] blind`: compare with model names hidden and panes shuffled until a verdict.
    public var compareBlind: Bool?
    /// `[history] keep_prompts`: keep each prompt's text in the reply history (off unless set).
    public var keepPrompts: Bool?
    /// `[mcp.servers.NAME]`: MCP tool servers.
    public var mcp: MCPConfig?
    /// `[tools]`: the chat screen's tool loop limits.
    public var toolLoop: ToolLoopSettings?
    /// `[web]`, `[pdf]`, `[cache]`; nil when none of them is in the file.
    public var features: RequestFeatures?

    public init() {}

    static let knownKeys: Set<String> = [
        "model", "base_url", "server", "servers", "api_key", "max_tokens", "attribution", "theme", "system_prompt",
        "fallback_models", "temperature", "provider", "reasoning", "request_timeout", "max_retries", "keys", "sets",
        "connect_timeout", "first_byte_timeout", "idle_timeout", "budget", "health", "route", "compare", "history",
        "mcp", "tools", "web", "pdf", "cache",
    ]
    static let providerKeys: Set<String> = [
        "order", "allow_fallbacks", "require_parameters", "data_collection", "zdr", "only", "ignore", "sort", "max_price", "quantizations",
    ]

    /// Parses config.toml text; unknown keys become warnings, wrong types and bad values throw `TOMLError`.
    public static func parse(_ text: String, fileName: String = "config.toml") throws(TOMLError) -> (config: PrismConfig, warnings: [String]) {
        try from(TOMLDocument(parsing: text, fileName: fileName))
    }

    /// Reads the fields out of an already parsed document.
    public static func from(_ document: TOMLDocument) throws(TOMLError) -> (config: PrismConfig, warnings: [String]) {
        var reader = ConfigFileReader(document: document)
        reader.warnUnknown(in: [], known: knownKeys)
        reader.warnUnknown(in: ["attribution"], known: ["referer", "title"])
        reader.warnUnknown(in: ["provider"], known: providerKeys)
        reader.warnUnknown(in: ["provider", "max_price"], known: ["prompt", "completion", "request", "image"])
        reader.warnUnknown(in: ["reasoning"], known: ["effort", "max_tokens", "exclude"])
        reader.warnUnknown(in: ["budget"], known: budgetKeys)
        reader.warnUnknown(in: ["health"], known: healthKeys)
        reader.warnUnknown(in: ["route"], known: routeKeys)
        reader.warnUnknown(in: ["compare"], known: ["blind"])
        reader.warnUnknown(in: ["history"], known: ["keep_prompts"])
        reader.warnUnknown(in: ["tools"], known: toolKeys)

        var config = PrismConfig()
        config.model = try reader.string("model")
        config.baseURL = try reader.string("base_url")
        config.apiKey = APIKey(nonEmpty: try reader.string("api_key"))
        config.server = try reader.string("server")
        config.servers = try readServers(&reader)
        config.maxTokens = try reader.integer("max_tokens", atLeast: 1)
        _ = try reader.table("attribution")
        config.referer = try reader.string("attribution", "referer")
        config.title = try reader.string("attribution", "title")
        config.theme = try reader.string("theme")
        config.systemPrompt = try reader.string("system_prompt")
        config.fallbackModels = try reader.strings("fallback_models")
        if let chain = config.fallbackModels, chain.count > FallbackChain.maxFallbacks {
            // Sent as it is, every request would be refused with a 400.
            reader.warn(["fallback_models"], "OpenRouter takes \(FallbackChain.maxModels) models with the main one: "
                + "only the first \(FallbackChain.maxFallbacks) fallbacks are used")
            config.fallbackModels = Array(chain.prefix(FallbackChain.maxFallbacks))
        }
        config.temperature = try reader.number("temperature", in: 0...2)
        config.provider = try readProvider(reader)
        config.reasoning = try readReasoning(reader)
        config.connectTimeout = try reader.number("connect_timeout", in: 1...86_400)
        config.firstByteTimeout = try reader.number("first_byte_timeout", in: 1...86_400)
        // `request_timeout` is the older name; `idle_timeout` wins when both are set.
        let olderIdle = try reader.number("request_timeout", in: 1...86_400)
        config.idleTimeout = try reader.number("idle_timeout", in: 1...86_400) ?? olderIdle
        config.maxRetries = try reader.integer("max_retries", atLeast: 0)
        config.keys = try reader.keyTable("keys")
        let sets = try readSets(&reader)
        config.sets = sets?.sets
        config.ignoredSets = sets?.ignored ?? [:]
        config.budget = try readBudget(reader)
        config.health = try readHealth(reader)
        config.route = try readRoute(reader)
        _ = try reader.table("compare")
        config.compareBlind = try reader.bool("compare", "blind")
        _ = try reader.table("history")
        config.keepPrompts = try reader.bool("history", "keep_prompts")
        config.mcp = try readMCP(&reader)
        config.toolLoop = try readTools(reader)
        config.features = try readFeatures(&reader)
        return (config, reader.warnings)
    }

    private static func readProvider(_ reader: ConfigFileReader) throws(TOMLError) -> ProviderPreferences? {
        guard try reader.table("provider") != nil else { return nil }
        var prefs = ProviderPreferences()
        prefs.order = try reader.strings("provider", "order")
        prefs.allowFallbacks = try reader.bool("provider", "allow_fallbacks")
        prefs.requireParameters = try reader.bool("provider", "require_parameters")
        prefs.dataCollection = try reader.choice("provider", "data_collection", from: ["allow", "deny"])
        prefs.zdr = try reader.bool("provider", "zdr")
        prefs.only = try reader.strings("provider", "only")
        prefs.ignore = try reader.strings("provider", "ignore")
        prefs.sort = try reader.choice("provider", "sort", from: ProviderPreferences.sorts)
        prefs.quantizations = try reader.strings("provider", "quantizations")
        if try reader.table("provider", "max_price") != nil {
            func price(_ key: String) throws(TOMLError) -> Decimal? {
                try reader.number("provider", "max_price", key, in: 0...1_000_000).flatMap { Decimal(string: String($0)) }
            }
            prefs.maxPrice = MaxPrice(
                prompt: try price("prompt"), completion: try price("completion"),
                request: try price("request"), image: try price("image"))
        }
        return prefs.isEmpty ? nil : prefs
    }

    private static func readReasoning(_ reader: ConfigFileReader) throws(TOMLError) -> ReasoningSettings? {
        guard try reader.table("reasoning") != nil else { return nil }
        let settings = ReasoningSettings(
            effort: try reader.choice("reasoning", "effort", from: ReasoningSettings.efforts),
            maxTokens: try reader.integer("reasoning", "max_tokens", atLeast: 1),
            exclude: try reader.bool("reasoning", "exclude"))
        if settings.effort != nil && settings.maxTokens != nil {
            throw reader.error(["reasoning", "max_tokens"], "cannot be set together with 'reasoning.effort'; choose one")
        }
        return settings == ReasoningSettings() ? nil : settings
    }
}
