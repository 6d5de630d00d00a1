import Foundation

/// The server a command talks to and everything that decides what it is sent.
///
/// Made once, in `ConfigLoader.resolve`, so there is a single answer to "which key goes
/// where" and every front end builds its client from it.
struct ServerChoice {
    var baseURL: URL
    var baseURLSource: ConfigSource?
    var profile: String?
    var profileSource: ConfigSource?
    var apiKey: APIKey?
    var keySource: ConfigSource?
    /// Where the key came from, in words: `OPENROUTER_API_KEY`, `config.toml api_key`, `$NAME (server 'x')`.
    var keyOrigin: String?
    /// The profile's `api_key_env`, so a missing variable can be reported by name.
    var keyVariable: String?
    var headers: [String: String] = [:]
    /// The one-line note when the OpenRouter key is held back from this server.
    var notice: String?
}

/// The OpenRouter key as configured, before deciding whether this server may have it.
struct OpenRouterKey {
    var key: APIKey
    var source: ConfigSource
    /// `OPENROUTER_API_KEY` or `config.toml api_key`.
    var origin: String
}

extension ConfigLoader {
    /// Picks the server and its key, following the precedence in docs/config.md ("Servers").
    ///
    /// 1. `--server NAME` (with `--base-url` too: an error), 2. `--base-url`,
    /// 3. `OPENROUTER_BASE_URL`, 4. config.toml `server` (with `base_url` too: an error),
    /// 5. config.toml `base_url`, 6. OpenRouter. A profile sends its own key (from its
    /// `api_key_env`) and headers, never the OpenRouter key. A bare URL gets the OpenRouter
    /// key only when `KeyScope` allows it. Plain http is refused off loopback unless a profile opts in.
    static func chooseServer(
        flags: ConfigOverrides, environmentBaseURL: String?, file: PrismConfig, environment: [String: String],
        openRouterKey: OpenRouterKey?
    ) throws(ConfigError) -> ServerChoice {
        if let name = flags.server {
            if flags.baseURL != nil {
                throw ConfigError.invalidValue("--server and --base-url cannot be used together: a server profile has its own base_url")
            }
            return try profileChoice(name, source: .flag, origin: "--server", file: file, environment: environment)
        }
        if let text = flags.baseURL {
            return try urlChoice(text, source: .flag, origin: "--base-url", openRouterKey: openRouterKey)
        }
        if let text = environmentBaseURL {
            return try urlChoice(text, source: .environment, origin: baseURLVariable, openRouterKey: openRouterKey)
        }
        if let name = file.server {
            if file.baseURL != nil {
                throw ConfigError.invalidValue(
                    "config.toml sets both 'server' and 'base_url': keep one (a [servers.NAME] profile has its own base_url)")
            }
            return try profileChoice(name, source: .file, origin: "config.toml server", file: file, environment: environment)
        }
        if let text = file.baseURL {
            return try urlChoice(text, source: .file, origin: "config.toml base_url", openRouterKey: openRouterKey)
        }
        var choice = ServerChoice(baseURL: ResolvedConfig.defaultBaseURL)
        choice.apiKey = openRouterKey?.key
        choice.keySource = openRouterKey?.source
        choice.keyOrigin = openRouterKey?.origin
        return choice
    }

    private static func urlChoice(
        _ text: String, source: ConfigSource, origin: String, openRouterKey: OpenRouterKey?
    ) throws(ConfigError) -> ServerChoice {
        let url = try normalizeBaseURL(text, origin: origin)
        let host = url.host ?? ""
        guard KeyScope.allowsWithoutOptIn(url) else {
            throw ConfigError.invalidValue(
                "plain http to \(host) (from \(origin)) would cross the network unencrypted: use https, or add a "
                    + "[servers.NAME] profile with this base_url and allow_http = true to config.toml and use --server NAME")
        }
        var choice = ServerChoice(baseURL: url, baseURLSource: source)
        guard let openRouterKey else { return choice }
        if KeyScope.acceptsOpenRouterKey(url) {
            choice.apiKey = openRouterKey.key
            choice.keySource = openRouterKey.source
            choice.keyOrigin = openRouterKey.origin
        } else {
            choice.notice = "not sending \(openRouterKey.origin) to \(host): the OpenRouter key goes only to openrouter.ai and "
                + "loopback; to give \(host) a key, add [servers.NAME] with base_url and api_key_env to config.toml and use --server NAME"
        }
        return choice
    }

    private static func profileChoice(
        _ name: String, source: ConfigSource, origin: String, file: PrismConfig, environment: [String: String]
    ) throws(ConfigError) -> ServerChoice {
        guard let profile = file.servers?[name] else {
            let known = (file.servers ?? [:]).keys.sorted()
            let listing = known.isEmpty ? "config.toml defines no [servers.NAME] profiles" : "config.toml defines: \(known.joined(separator: ", "))"
            throw ConfigError.invalidValue("unknown server '\(TerminalSanitizer.sanitize(name))' (from \(origin)); \(listing)")
        }
        let url = try normalizeBaseURL(profile.baseURL, origin: "config.toml servers.\(name).base_url")
        let host = url.host ?? ""
        if !profile.allowHTTP && !KeyScope.allowsWithoutOptIn(url) {
            throw ConfigError.invalidValue(
                "server '\(name)': plain http to \(host) would cross the network unencrypted; "
                    + "use https, or add allow_http = true to [servers.\(name)] in config.toml")
        }
        var choice = ServerChoice(baseURL: url, baseURLSource: .file, profile: name, profileSource: source)
        choice.headers = profile.headers
        if let variable = profile.apiKeyVariable {
            choice.keyVariable = variable
            let value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let key = APIKey(nonEmpty: value) {
                choice.apiKey = key
                choice.keySource = .environment
                choice.keyOrigin = "$\(variable) (server '\(name)')"
            }
        }
        return choice
    }
}
