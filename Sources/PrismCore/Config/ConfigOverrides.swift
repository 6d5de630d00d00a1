import Foundation

/// The settings command-line flags can override; nil means the flag was not given.
///
/// There is deliberately no API key here: a key on the command line would end up in
/// shell history and `ps` output. Keys come from `OPENROUTER_API_KEY` or the config file.
public struct ConfigOverrides: Sendable, Equatable {
    public var model: String?
    public var baseURL: String?
    /// `--server NAME`: a `[servers.NAME]` profile from config.toml.
    public var server: String?
    public var maxTokens: Int?
    public var theme: String?
    public var temperature: Double?
    public var systemPrompt: String?
    /// `--demo`: only simulated models answer, so the model falls back to a demo one (see `ConfigLoader.chooseModel`).
    public var demo: Bool

    public init(
        model: String? = nil, baseURL: String? = nil, maxTokens: Int? = nil, theme: String? = nil,
        temperature: Double? = nil, systemPrompt: String? = nil, demo: Bool = false
    ) {
        self.model = model
        self.baseURL = baseURL
        self.maxTokens = maxTokens
        self.theme = theme
        self.temperature = temperature
        self.systemPrompt = systemPrompt
        self.demo = demo
    }
}
