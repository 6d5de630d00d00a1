import Foundation

/// The settings command-line flags can override; nil means the flag was not given.
///
/// There is deliberately no API key here: a key on the command line would end up in
/// shell history and `ps` output. Keys come from `OPENROUTER_API_KEY` or the config file.
public struct ConfigOverrides: Sendable, Equatable {
    public var model: String?
    public var baseURL: String?
    public var maxTokens: Int?
    public var theme: String?
    public var temperature: Double?
    public var systemPrompt: String?

    public init(
        model: String? = nil, baseURL: String? = nil, maxTokens: Int? = nil, theme: String? = nil,
        temperature: Double? = nil, systemPrompt: String? = nil
    ) {
        self.model = model
        self.baseURL = baseURL
        self.maxTokens = maxTokens
        self.theme = theme
        self.temperature = temperature
        self.systemPrompt = systemPrompt
    }
}

/// Where an effective setting came from, so `prism` can explain its configuration.
public enum ConfigSource: String, Sendable, Equatable, CaseIterable {
    case flag
    case environment
    case file
    case `default`
}

/// The settings whose origin `ResolvedConfig` tracks; raw values are the config.toml key names.
public enum ConfigField: String, Sendable, Hashable, CaseIterable {
    case apiKey = "api_key"
    case model
    case baseURL = "base_url"
    case maxTokens = "max_tokens"
    case referer = "attribution.referer"
    case title = "attribution.title"
    case theme
    case systemPrompt = "system_prompt"
    case fallbackModels = "fallback_models"
    case temperature
    case provider
    case reasoning
    case requestTimeout = "request_timeout"
    case maxRetries = "max_retries"
    case keys
}

/// The referer and title OpenRouter uses to credit requests to an app.
public struct Attribution: Sendable, Equatable {
    /// Sent as `HTTP-Referer`.
    public var referer: String
    /// Sent as `X-Title`.
    public var title: String

    public init(referer: String, title: String) {
        self.referer = referer
        self.title = title
    }

    public static let `default` = Attribution(referer: "https://github.com/prism-terminal/prism", title: "Prism")
}
