import Foundation

/// The model a run uses and what picked it, decided once by `ConfigLoader.resolve`.
///
/// Front ends read it and never weigh flag, environment and file themselves: `prism ask`
/// sends `id`, the chat screen starts with `chosen` (and opens the picker when it is nil).
public struct ModelChoice: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    /// `.flag`, `.environment`, `.file`, `.lastUsed` (the picker's last choice), `.demo` (demo mode's stand-in) or `.default` (`openrouter/auto`).
    public var source: ConfigSource

    public init(id: String, source: ConfigSource) {
        self.id = id
        self.source = source
    }

    /// The built-in default, `openrouter/auto`: what a one-shot command sends when nothing named a model.
    public static let builtIn = ModelChoice(id: ResolvedConfig.defaultModel, source: .default)

    /// The model a new conversation starts with, or nil when only the built-in default stands
    /// (the chat screen then lets the user choose instead of quietly using the router).
    public var chosen: String? {
        source == .default ? nil : id
    }

    /// The model of a resumed session: its own, unless `-m` names another for this run.
    ///
    /// The environment and config file describe new conversations, so they do not
    /// replace the model a saved conversation was using.
    public func resuming(_ saved: String?) -> String? {
        source == .flag ? id : saved
    }

    /// What picked the model, in the words a user would type: `-m`, `PRISM_MODEL`, `config.toml model`.
    public var origin: String {
        switch source {
        case .flag: return "-m"
        case .environment: return ConfigLoader.modelVariable
        case .file: return "config.toml model"
        case .lastUsed: return "the model you chose last"
        case .demo: return "the demo default"
        case .default: return "the default"
        }
    }

    /// Where the model came from, for an error the server gave about a request; nil when `-m`
    /// named it on this command line. A `PRISM_MODEL` exported long ago, or a model in
    /// config.toml, is easy to forget when a server says it does not know the model.
    public var provenance: String? {
        switch source {
        case .flag: return nil
        case .environment, .file, .lastUsed: return "the model, \(id), came from \(origin)"
        case .demo, .default:
            return "the model, \(id), is \(origin): choose one with -m, \(ConfigLoader.modelVariable) or model in config.toml"
        }
    }

    /// `id (origin)`, e.g. `openai/gpt-5-mini (PRISM_MODEL)`.
    public var description: String { "\(id) (\(origin))" }
}

extension ConfigLoader {
    /// Decides the model. The first of these wins: the `-m` flag, `PRISM_MODEL`, config.toml
    /// `model`, the model last chosen in the chat screen's picker, then the built-in default.
    ///
    /// In demo mode only simulated models answer, so an environment, file or last-used model
    /// that is not one of them gives way to `DemoModel.defaultID`; a flag is still taken as given.
    public static func chooseModel(flag: String?, environment: String?, file: String?, lastUsed: String? = nil,
                                   demo: Bool) -> ModelChoice {
        if let flag { return ModelChoice(id: flag, source: .flag) }
        let configured = environment.map { ModelChoice(id: $0, source: .environment) }
            ?? file.map { ModelChoice(id: $0, source: .file) }
            ?? lastUsed.map { ModelChoice(id: $0, source: .lastUsed) }
        if demo {
            if let configured, DemoModel.named(configured.id) != nil { return configured }
            return ModelChoice(id: DemoModel.defaultID, source: .demo)
        }
        return configured ?? .builtIn
    }
}
