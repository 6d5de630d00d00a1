import Foundation

/// Where Prism keeps its files, following the XDG base directory rules.
///
/// Built from an environment dictionary rather than read from the process, so tests
/// can point every directory at a temporary folder.
public struct PrismPaths: Sendable, Equatable {
    /// `$XDG_CONFIG_HOME/prism` (config.toml, themes/).
    public var config: URL
    /// `$XDG_DATA_HOME/prism` (sessions/).
    public var data: URL
    /// `$XDG_CACHE_HOME/prism` (model catalog, session index).
    public var cache: URL
    /// `$XDG_STATE_HOME/prism` (logs, prompt history).
    public var state: URL

    public init(config: URL, data: URL, cache: URL, state: URL) {
        self.config = config
        self.data = data
        self.cache = cache
        self.state = state
    }

    /// Resolves the four folders from `XDG_*_HOME`, falling back to the usual places under `HOME`.
    public init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func base(_ variable: String, _ fallback: String) -> URL {
            // The spec says relative paths in XDG variables are invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") {
                return URL(fileURLWithPath: value, isDirectory: true)
            }
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(fallback, isDirectory: true)
        }
        self.config = base("XDG_CONFIG_HOME", ".config").appendingPathComponent("prism", isDirectory: true)
        self.data = base("XDG_DATA_HOME", ".local/share").appendingPathComponent("prism", isDirectory: true)
        self.cache = base("XDG_CACHE_HOME", ".cache").appendingPathComponent("prism", isDirectory: true)
        self.state = base("XDG_STATE_HOME", ".local/state").appendingPathComponent("prism", isDirectory: true)
    }

    public var sessions: URL { data.appendingPathComponent("sessions", isDirectory: true) }
    public var configFile: URL { config.appendingPathComponent("config.toml") }
    public var logFile: URL { state.appendingPathComponent("prism.log") }
    public var catalogCache: URL { cache.appendingPathComponent("models.json") }
    public var sessionIndex: URL { cache.appendingPathComponent("session-index.json") }
    /// Each model's providers, fetched for the provider table and `prism models endpoints`.
    public var endpointCache: URL { cache.appendingPathComponent("endpoints", isDirectory: true) }
    /// Provider preferences saved per model from the chat screen.
    public var routingFile: URL { state.appendingPathComponent("routing.json") }
    /// Default fallback chains saved per model from the chat screen.
    public var fallbacksFile: URL { state.appendingPathComponent("fallbacks.json") }
}
