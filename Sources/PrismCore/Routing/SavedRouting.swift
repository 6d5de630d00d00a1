import Foundation

/// Provider preferences the user chose for each model in the chat screen's provider table,
/// kept in `routing.json` in the state folder and used by every later request for that
/// model: the chat screen, compare panes, `prism ask` and `prism compare`.
///
/// The key is the model id exactly as sent (a variant such as `:nitro` has its own entry).
/// Every read goes to the file, so a choice made in one Prism is seen by the next request
/// of another; a damaged file is moved aside by `StateFile`, never overwritten.
public final class SavedRouting: @unchecked Sendable {
    private let file: StateFile
    private let lock = NSLock()

    public init(file: URL) {
        self.file = StateFile(url: file)
    }

    public convenience init(paths: PrismPaths) {
        self.init(file: paths.routingFile)
    }

    struct Contents: Codable {
        var version: Int = 1
        var models: [String: ProviderPreferences]
    }

    /// Every model's saved preferences, and a one-line warning when the file was damaged.
    public func loadAll() -> (models: [String: ProviderPreferences], warning: String?) {
        let loaded = lock.withLock { read() }
        return (loaded.value?.models ?? [:], loaded.warning)
    }

    /// The saved preferences of one model, nil when none (or only empty ones) are saved.
    public func preferences(for model: String) -> ProviderPreferences? {
        loadAll().models[model].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Saves (or, for nil or empty preferences, forgets) the choice for one model.
    public func save(_ preferences: ProviderPreferences?, for model: String) throws {
        try lock.withLock {
            let loaded = read()
            if loaded.blocked { throw file.blockedFailure }
            var contents = loaded.value ?? Contents(models: [:])
            if let preferences, !preferences.isEmpty {
                contents.models[model] = preferences
            } else {
                contents.models[model] = nil
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try file.save(try encoder.encode(contents))
        }
    }

    private func read() -> StateFile.Loaded<Contents> {
        file.load { try JSONDecoder().decode(Contents.self, from: $0) }
    }
}
