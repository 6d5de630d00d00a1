import Foundation

/// Where an effective setting came from, so `prism` can explain its configuration.
public enum ConfigSource: String, Sendable, Equatable, CaseIterable {
    case flag
    case environment
    case file
    /// The model chosen last in the chat screen's picker (the model only; see `ModelChoice`).
    case lastUsed = "last used"
    /// Demo mode's stand-in for a model that is not simulated (the model only; see `ModelChoice`).
    case demo
    case `default`
}

/// The settings whose origin `ResolvedConfig` tracks; raw values are the config.toml key names.
public enum ConfigField: String, Sendable, Hashable, CaseIterable {
    case apiKey = "api_key"
    case model
    case baseURL = "base_url"
    case server
    case maxTokens = "max_tokens"
    case referer = "attribution.referer"
    case title = "attribution.title"
    case theme
    case systemPrompt = "system_prompt"
    case fallbackModels = "fallback_models"
    case temperature
    case provider
    case reasoning
    case connectTimeout = "connect_timeout"
    case firstByteTimeout = "first_byte_timeout"
    /// Also read from the older key `request_timeout`.
    case idleTimeout = "idle_timeout"
    case maxRetries = "max_retries"
    case keys
    case sets
    case budget
    case health
    case route
}
